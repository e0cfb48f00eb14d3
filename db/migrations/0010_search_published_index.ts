import { sql, type Kysely } from "kysely";

/**
 * Search only ever looks at published listings. With a full-text index over every listing, the
 * planner met `status = 'published'` by ANDing in a scan of the whole partial sectors index (20 ms
 * at 100k listings); an index that is itself limited to published listings needs no such step.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index listings_search_published on listings using gin (search_vector) where status = 'published'`.execute(db);
  await sql`drop index if exists listings_search`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists listings_search on listings using gin (search_vector)`.execute(db);
  await sql`drop index if exists listings_search_published`.execute(db);
}
