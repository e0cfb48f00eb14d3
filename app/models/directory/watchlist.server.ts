/** An investor organisation's private watchlist of enterprises, with a note each. */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { notFound } from "../core/errors";
import type { Actor } from "../core/permissions";
import { requireInvestor, requireProfileTarget } from "./investors.server";
import { approvedOrg } from "../core/permissions";

type Db = Kysely<Database>;

export async function watch(db: Db, actor: Actor | null, targetOrgId: string, note: string | null): Promise<void> {
  const a = await requireInvestor(db, actor);
  await requireProfileTarget(db, targetOrgId);
  await db
    .insertInto("watchlist")
    .values({ investor_org_id: a.org.id, target_org_id: targetOrgId, note, created_by: a.id })
    .onConflict((oc) => oc.columns(["investor_org_id", "target_org_id"]).doUpdateSet({ note, updated_at: sql`now()` }))
    .execute();
}

export async function unwatch(db: Db, actor: Actor | null, targetOrgId: string): Promise<void> {
  const a = await requireInvestor(db, actor);
  const res = await db.deleteFrom("watchlist").where("investor_org_id", "=", a.org.id).where("target_org_id", "=", targetOrgId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound();
}

/** The watch state of one organisation for the viewer's investor organisation, or null for anyone else. */
export async function watchState(db: Db, actor: Actor | null, targetOrgId: string): Promise<{ watching: boolean; note: string | null } | null> {
  // The organisation's type comes with the actor: no query for anyone else.
  const org = approvedOrg(actor);
  if (org?.type !== "investor") return null;
  const row = await db.selectFrom("watchlist").select("note").where("investor_org_id", "=", org.id).where("target_org_id", "=", targetOrgId).executeTakeFirst();
  return { watching: !!row, note: row?.note ?? null };
}

export async function listWatchlist(db: Db, actor: Actor | null) {
  const a = await requireInvestor(db, actor);
  const rows = await db
    .selectFrom("watchlist")
    .innerJoin("organisations", "organisations.id", "watchlist.target_org_id")
    .select([
      "watchlist.target_org_id",
      "watchlist.note",
      "watchlist.created_at",
      "watchlist.updated_at",
      "organisations.name_zh",
      "organisations.name_en",
      "organisations.type",
      "organisations.region",
    ])
    .where("watchlist.investor_org_id", "=", a.org.id)
    .orderBy("watchlist.updated_at", "desc")
    .execute();
  return rows.map((r) => ({
    orgId: r.target_org_id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    type: r.type,
    region: r.region,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
