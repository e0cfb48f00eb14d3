import type { ColumnType } from "kysely";

/** Column types shared by the table files. */

/** timestamptz: read as a Date, written as a Date or ISO text. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * json/jsonb, read as the shape the app writes there (every write is built from a zod-checked
 * value), written as JSON text. `T` names that shape once, here, instead of a cast at each read.
 */
export type Json<T = unknown> = ColumnType<T, string | undefined, string>;
