import type { ColumnType, Generated } from "kysely";

/** Table shapes of uploaded images (migration 0021). Merged into Database in db/schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ImagesTable {
  id: Generated<string>;
  org_id: string;
  uploaded_by: string;
  width: number;
  height: number;
  bytes: Uint8Array;
  thumb: Uint8Array;
  created_at: Generated<Timestamp>;
}

export interface MediaTables {
  images: ImagesTable;
}
