import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { creditScore } from "./credit";
import { orgsChangedSince, readCreditFacts } from "./record.server";

type Db = Kysely<Database>;

/**
 * The stored credit scores (credit_scores, migration 0034), kept by the job runner so the
 * directories sort and filter by a column: `credit.refresh` every minute recomputes the
 * organisations whose facts changed since the last pass, `credit.full` recomputes all of them
 * once a day (a filed deal's weight decays, an unanswered request falls due without any write).
 */

/** Organisations scored per statement batch. */
export const CREDIT_BATCH = 500;
/** The incremental pass looks this far behind its watermark: a transaction's rows carry its start time, not its commit time. */
export const WATERMARK_SLACK_MS = 5 * 60_000;
const WATERMARK = "changes";

/** Recomputes and stores the scores of these organisations; returns how many were stored. */
export async function recomputeCredit(db: Db, orgIds: string[], now = new Date()): Promise<number> {
  let stored = 0;
  for (let i = 0; i < orgIds.length; i += CREDIT_BATCH) {
    const batch = orgIds.slice(i, i + CREDIT_BATCH);
    const read = await readCreditFacts(db, batch, now);
    const rows = [...read].map(([orgId, { facts }]) => {
      const { score, observed } = creditScore(facts, now);
      return { org_id: orgId, score, observed, computed_at: now };
    });
    if (rows.length === 0) continue;
    // Organisations deleted meanwhile are skipped by the join, not refused by the foreign key.
    const values = sql.join(rows.map((r) => sql`(${r.org_id}::uuid, ${r.score}::smallint, ${r.observed}::int, ${r.computed_at}::timestamptz)`));
    const res = await sql`
      insert into credit_scores (org_id, score, observed, computed_at)
      select v.org_id, v.score, v.observed, v.computed_at from (values ${values}) as v (org_id, score, observed, computed_at)
      join organisations o on o.id = v.org_id
      on conflict (org_id) do update set score = excluded.score, observed = excluded.observed, computed_at = excluded.computed_at`.execute(db);
    stored += Number(res.numAffectedRows ?? 0);
  }
  return stored;
}

/** Every organisation, in batches by id (10,000 organisations: 20 batches). */
export async function refreshAllCredit(db: Db, now = new Date()): Promise<number> {
  const startedAt = await dbNow(db);
  let stored = 0;
  let after: string | null = null;
  for (;;) {
    let q = db.selectFrom("organisations").select("id").orderBy("id").limit(CREDIT_BATCH);
    if (after) q = q.where("id", ">", after);
    const batch = (await q.execute()).map((r) => r.id);
    if (batch.length === 0) break;
    stored += await recomputeCredit(db, batch, now);
    after = batch[batch.length - 1];
  }
  await setWatermark(db, startedAt);
  return stored;
}

/**
 * The organisations whose facts changed since the last pass (all of them the first time);
 * returns how many were recomputed.
 */
export async function refreshChangedCredit(db: Db, now = new Date()): Promise<number> {
  const mark = await db.selectFrom("credit_watermarks").select("at").where("name", "=", WATERMARK).executeTakeFirst();
  if (!mark) return refreshAllCredit(db, now);
  const startedAt = await dbNow(db);
  const since = new Date(new Date(mark.at).getTime() - WATERMARK_SLACK_MS);
  const changed = await orgsChangedSince(db, since);
  const stored = await recomputeCredit(db, changed, now);
  await setWatermark(db, startedAt);
  return stored;
}

async function dbNow(db: Db): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  return new Date(rows[0].now);
}

async function setWatermark(db: Db, at: Date) {
  await db
    .insertInto("credit_watermarks")
    .values({ name: WATERMARK, at })
    .onConflict((oc) => oc.column("name").doUpdateSet({ at }))
    .execute();
}

/** The stored score of one organisation (null: not enough observed facts, or not scored yet). */
export async function storedCredit(db: Db, orgId: string): Promise<{ score: number | null; computedAt: Date } | null> {
  const row = await db.selectFrom("credit_scores").select(["score", "computed_at"]).where("org_id", "=", orgId).executeTakeFirst();
  return row ? { score: row.score, computedAt: new Date(row.computed_at) } : null;
}
