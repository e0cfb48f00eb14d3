import { sql, type Kysely } from "kysely";

/**
 * Matching reads two things per candidate that used to be unpacked from wide rows on every request:
 * - `listings.match_terms`: the tokens scoring compares (jieba words and Latin words, no n-grams),
 *   written by the model next to the search vector;
 * - `match_profiles`: a narrow copy of each published listing's structured fields, so the candidate
 *   probe scans a few MB instead of the listings heap. `keys` is "<kind>:<sector>", so one GIN probe
 *   finds the counterparts of the right kind in the right sectors.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table listings add column match_terms text[] not null default '{}'`.execute(db);
  // The rule at the time of this migration (search.server.ts isMatchTerm): words, and Latin terms of 2+ characters.
  await sql`
    update listings set match_terms = array(
      select t from unnest(tsvector_to_array(search_vector)) as t
      where t like 'w:%' or (char_length(t) >= 2 and t !~ '[㐀-鿿]'))`.execute(db);
  await db.schema
    .createTable("match_profiles")
    .addColumn("listing_id", "uuid", (c) => c.primaryKey().references("listings.id").onDelete("cascade"))
    .addColumn("org_id", "uuid", (c) => c.notNull())
    .addColumn("keys", sql`text[]`, (c) => c.notNull())
    .addColumn("delivery_modes", sql`text[]`, (c) => c.notNull())
    .addColumn("rights", sql`text[]`, (c) => c.notNull())
    .addColumn("regions", sql`text[]`, (c) => c.notNull())
    .addColumn("published_at", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`
    insert into match_profiles (listing_id, org_id, keys, delivery_modes, rights, regions, published_at)
    select id, org_id, array(select kind || ':' || s from unnest(sectors) as s), delivery_modes, rights, regions, coalesce(published_at, now())
    from listings where status = 'published'`.execute(db);
  await sql`create index match_profiles_keys on match_profiles using gin (keys)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("match_profiles").ifExists().execute();
  await sql`alter table listings drop column if exists match_terms`.execute(db);
}
