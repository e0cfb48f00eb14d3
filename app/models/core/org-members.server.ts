import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * The people who hear of what happens to organisations: every member, or only the owners and
 * admins who may answer for it; `except` leaves out the actor who caused it. Each person once.
 */
export async function memberIdsOf(
  db: Kysely<Database>,
  orgIds: string | readonly string[],
  opts: { except?: string; managersOnly?: boolean } = {},
): Promise<string[]> {
  const ids = typeof orgIds === "string" ? [orgIds] : [...orgIds];
  if (!ids.length) return [];
  let q = db.selectFrom("org_members").select("user_id").where("org_id", "in", ids);
  if (opts.managersOnly) q = q.where("role", "in", ["owner", "admin"]);
  if (opts.except) q = q.where("user_id", "!=", opts.except);
  return [...new Set((await q.execute()).map((r) => r.user_id))];
}
