import { sql, type Kysely } from "kysely";

/**
 * Impact-ordered postings for ranked search at any size (issue 33). One row per published listing
 * and search term (CJK bigram or Latin word: what queries are made of), holding the listing's
 * precomputed weight for the term, so the best listings for a term are read first from the index
 * on (term, impact): top-k search merges the head of each query term's list with a bound on what
 * the rest could add (app/models/marketplace/listing-topk.server.ts), instead of ranking every hit.
 *
 * The impact is the term's BM25 part without idf (idf is a property of the term, applied at query
 * time, so stored weights never go stale as the catalogue grows): tf is 1 (vectors built from arrays
 * hold each token once), a term also in the title counts half again (the title's `t:` lexeme), and
 * the listing's length (lexemes in its vector) normalises mildly (k1 1.2, b 0.25, average 300).
 * listing-topk.server.ts computes the same figure (impactOf): change both together, in a new migration.
 *
 * A trigger keeps the table in step with listings whatever writes them (publication, edits,
 * withdrawal, moderation, the re-index path, bulk loads): the old row's postings go, the new row's
 * come if it is published. Deletes find their rows by the full key, recomputed from the old vector
 * (so no second index on listing_id, and no foreign key: the trigger is what ties rows to listings).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table search_postings (
      term text not null,
      impact real not null,
      listing_id uuid not null,
      primary key (term, impact, listing_id)
    )`.execute(db);
  // One function says which lexemes are posted and with what impact, for the trigger and the backfill.
  await sql`
    create function search_posting_rows(listing uuid, v tsvector)
    returns table (term text, impact real, listing_id uuid)
    language sql immutable parallel safe as $$
      select a.t,
        ((case when b.t is null then 1.0 else 1.5 end)::float8 * 2.2::float8
          / (1.0::float8 + 1.2::float8 * (0.75::float8 + 0.25::float8 * length(v)::float8 / 300.0::float8)))::real,
        listing
      from unnest(tsvector_to_array(v)) as a(t)
      left join unnest(tsvector_to_array(v)) as b(t) on b.t = 't:' || a.t
      where a.t !~ '^[tw]:' and (a.t ~ '^[a-z0-9]' or char_length(a.t) = 2)
    $$`.execute(db);
  await sql`
    create function search_postings_sync() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.status is not distinct from new.status and old.search_vector is not distinct from new.search_vector then
        return null;
      end if;
      if tg_op in ('UPDATE', 'DELETE') and old.status = 'published' then
        delete from search_postings p using search_posting_rows(old.id, old.search_vector) r
        where p.term = r.term and p.impact = r.impact and p.listing_id = r.listing_id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.status = 'published' then
        insert into search_postings (term, impact, listing_id)
        select r.term, r.impact, r.listing_id from search_posting_rows(new.id, new.search_vector) r
        on conflict do nothing;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger listings_search_postings after insert or delete or update of status, search_vector on listings
    for each row execute function search_postings_sync()`.execute(db);
  // Backfill: the listings published before this migration.
  await sql`
    insert into search_postings (term, impact, listing_id)
    select r.term, r.impact, r.listing_id from listings l, search_posting_rows(l.id, l.search_vector) r
    where l.status = 'published'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists listings_search_postings on listings`.execute(db);
  await sql`drop function if exists search_postings_sync()`.execute(db);
  await sql`drop table if exists search_postings`.execute(db);
  await sql`drop function if exists search_posting_rows(uuid, tsvector)`.execute(db);
}
