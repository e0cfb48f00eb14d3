import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { TEXT_INDEX_VERSION } from "../core/search.server";
import type { FieldSpec } from "./listing-schema";
import { indexColumns } from "./listings.server";
import { TOTAL_TERM, refreshMatchList } from "./matching.server";

const NAME = "listings_text";
const LISTS = "match_lists";
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
    let q = db.selectFrom("listings").select(["id", "title", "description", "tags", "scenario", "sample_description", "fields"]).orderBy("id").limit(BATCH);
    if (after) q = q.where("id", ">", after);
    const rows = await q.execute();
    if (rows.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const columns = indexColumns({
          title: r.title,
          description: r.description,
          tags: r.tags,
          scenario: r.scenario,
          sampleDescription: r.sample_description,
          fields: (r.fields as FieldSpec[] | null) ?? [],
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
    await sql`insert into index_versions (name, version) values (${NAME}, ${TEXT_INDEX_VERSION})
      on conflict (name) do update set version = excluded.version, updated_at = now()`.execute(trx);
  });
  return done;
}

/** Scores every published listing's match list afresh (after new text rules or scoring). */
export async function rebuildMatchLists(db: Kysely<Database>): Promise<number> {
  const published = await db.selectFrom("listings").select("id").where("status", "=", "published").orderBy("id").execute();
  for (const { id } of published) await db.transaction().execute((trx) => refreshMatchList(trx, id));
  await sql`insert into index_versions (name, version) values (${LISTS}, ${MATCH_LIST_VERSION})
    on conflict (name) do update set version = excluded.version, updated_at = now()`.execute(db);
  return published.length;
}

const versionOf = async (db: Kysely<Database>, name: string) =>
  (await db.selectFrom("index_versions").select("version").where("name", "=", name).executeTakeFirst())?.version ?? 0;

/**
 * Brings derived data up to the code's rules at start: listings indexed under older text rules are
 * re-indexed, and match lists rebuilt when either the words or the scoring changed. Returns how
 * many listings were redone, or null when nothing was stale.
 */
export async function reindexIfStale(db: Kysely<Database>): Promise<number | null> {
  const textStale = (await versionOf(db, NAME)) < TEXT_INDEX_VERSION;
  const listsStale = textStale || (await versionOf(db, LISTS)) < MATCH_LIST_VERSION;
  if (!listsStale) return null;
  const redone = textStale ? await reindexListings(db) : 0;
  await rebuildMatchLists(db);
  return redone;
}
