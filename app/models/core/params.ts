import { z } from "zod";

/**
 * Path and query parameters, parsed with the bounds of the columns they are compared with, so a
 * value Postgres would refuse to cast (an out-of-range integer, a malformed uuid) is a 400 or
 * 404 at the door instead of a database error.
 */

/** RFC 4122 layout with hex digits only (zod's own check is used too, this keeps the rule visible). */
export const uuidParam = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "v.invalid");

/** The one uuid check for values that are not parsed by a schema (a path segment handed to a model). */
export const isUuid = (value: string): boolean => uuidParam.safeParse(value).success;

/** A positive `integer` column value (version numbers, years). */
export const INT4_MAX = 2_147_483_647;
export const positiveInt4 = z.coerce.number({ invalid_type_error: "v.number" }).int("v.number").min(1, "v.number").max(INT4_MAX, "v.number");

/** A `bigserial` id in its text form, as the drivers return it. */
const BIGINT_MAX = 9_223_372_036_854_775_807n;
export const bigserialId = z
  .string()
  .regex(/^\d{1,19}$/, "v.invalid")
  // zod runs refinements after a failed regex too: test the digits again before BigInt.
  .refine((s) => /^\d{1,19}$/.test(s) && BigInt(s) <= BIGINT_MAX, "v.invalid");
