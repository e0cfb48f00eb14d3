import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { TEXT_INDEX_VERSION } from "../core/search.server";
import { indexColumns } from "./listings.server";
import { TOTAL_TERM, refreshMatchList } from "./matching.server";

const NAME = "listings_text";
const LISTS = "match_lists";
/** The text rules the stored match lists were scored with. */
const LISTS_TEXT = "match_lists_text";
/** Bump when scoring changes so stored match lists are rebuilt. */
export const MATCH_LIST_VERSION = 1;
const BATCH = 200;

/**
 * Rebuilds every listing's search vector and match words with the current text rules, then the
 * word statistics from them. Needed when TEXT_INDEX_VERSION changes (a new glossary entry or word
 * rule), so listings written before it are found and matched like new ones.
 */
export async function reindexListings(db: Kysely<Database>): Promise<number> {
  let after: string | null = null;
  let done = 0;
  for (;;) {
    let q = db
      .selectFrom("listings")
      .select(["id", "title", "title_en", "description", "tags", "scenario", "sample_description", "fields"])
      .orderBy("id")
      .limit(BATCH);
    if (after) q = q.where("id", ">", after);
    const rows = await q.execute();
    if (rows.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const columns = indexColumns({
          title: r.title,
          titleEn: r.title_en,
          description: r.description,
          tags: r.tags,
          scenario: r.scenario,
          sampleDescription: r.sample_description,
          fields: r.fields ?? [],
        });
        await trx.updateTable("listings").set(columns).where("id", "=", r.id).execute();
      }
    });
    done += rows.length;
    after = rows[rows.length - 1].id;
  }
  await db.transaction().execute(async (trx) => {
    // Counting every word of every listing is one long statement on a large database.
    await sql`set local statement_timeout = 0`.execute(trx);
    // Publishing adjusts the counts as it goes; it waits while they are rebuilt.
    await sql`lock table term_stats in share row exclusive mode`.execute(trx);
    await sql`delete from term_stats`.execute(trx);
    await sql`
      insert into term_stats (term, df)
      select t, count(*)::int from listings, unnest(array_append(tsvector_to_array(search_vector), ${TOTAL_TERM})) as t
      where status = 'published' group by t`.execute(trx);
    await markVersion(trx, NAME, TEXT_INDEX_VERSION);
  });
  return done;
}

/** Scores every published listing's match list afresh (after new text rules or scoring). */
export async function rebuildMatchLists(db: Kysely<Database>): Promise<number> {
  const published = await db.selectFrom("listings").select("id").where("status", "=", "published").orderBy("id").execute();
  for (const { id } of published) await db.transaction().execute((trx) => refreshMatchList(trx, id));
  await markVersion(db, LISTS, MATCH_LIST_VERSION);
  return published.length;
}

/** A stored pair's "published N days ago" shows up to 14 days; one more day takes the reason away. */
const RECENT_DAYS = 16;

/**
 * Re-scores the stored match lists of listings published in the last RECENT_DAYS: their freshness
 * and their "published N days ago" reason change by the day, and a stored list would keep the day
 * it was written. Older listings' freshness changes too slowly to reorder anything. Daily job.
 */
export async function refreshRecentMatchLists(db: Kysely<Database>, now = new Date()): Promise<number> {
  const recent = await db
    .selectFrom("listings")
    .select("id")
    .where("status", "=", "published")
    .where("published_at", ">=", new Date(now.getTime() - RECENT_DAYS * 86_400_000))
    .orderBy("published_at")
    .execute();
  for (const { id } of recent) await db.transaction().execute((trx) => refreshMatchList(trx, id));
  return recent.length;
}

async function markVersion(db: Kysely<Database>, name: string, version: number) {
  await sql`insert into index_versions (name, version) values (${name}, ${version})
    on conflict (name) do update set version = excluded.version, updated_at = now()`.execute(db);
}

const versionOf = async (db: Kysely<Database>, name: string) =>
  (await db.selectFrom("index_versions").select("version").where("name", "=", name).executeTakeFirst())?.version ?? 0;

/** Re-indexes listings written under older text rules; returns how many were redone, or null when current. */
export async function reindexTextIfStale(db: Kysely<Database>): Promise<number | null> {
  if ((await versionOf(db, NAME)) >= TEXT_INDEX_VERSION) return null;
  return reindexListings(db);
}

/**
 * Rebuilds the match lists when the words or the scoring changed since they were written (a text
 * re-index leaves them stale too). Scoring every published listing takes long on a large database,
 * so the server runs this after it starts listening; pages show the lists as they fill.
 */
export async function rebuildMatchListsIfStale(db: Kysely<Database>): Promise<number | null> {
  const stale = (await versionOf(db, LISTS)) < MATCH_LIST_VERSION || (await versionOf(db, LISTS_TEXT)) < TEXT_INDEX_VERSION;
  if (!stale) return null;
  const rebuilt = await rebuildMatchLists(db);
  await markVersion(db, LISTS_TEXT, TEXT_INDEX_VERSION);
  return rebuilt;
}

/**
 * With nothing published there is no match list to rebuild: marks the lists current under today's
 * rules (a first start, before the seed publishes listings, which are matched as they are published),
 * so they are not scored a second time. Returns whether it marked them.
 */
export async function markMatchListsCurrentIfNonePublished(db: Kysely<Database>): Promise<boolean> {
  const published = await db.selectFrom("listings").select("id").where("status", "=", "published").limit(1).executeTakeFirst();
  if (published) return false;
  await markVersion(db, LISTS, MATCH_LIST_VERSION);
  await markVersion(db, LISTS_TEXT, TEXT_INDEX_VERSION);
  return true;
}

/** Both steps, in order (what a maintenance run wants); returns the listings re-indexed, or null when nothing was stale. */
export async function reindexIfStale(db: Kysely<Database>): Promise<number | null> {
  const redone = await reindexTextIfStale(db);
  const rebuilt = await rebuildMatchListsIfStale(db);
  return redone === null && rebuilt === null ? null : (redone ?? 0);
}
