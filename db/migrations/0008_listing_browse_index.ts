import { sql, type Kysely } from "kysely";

/** Browsing (and searches for words in most listings) is "published, newest first" with no kind filter. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index listings_newest on listings (published_at desc) where status = 'published'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists listings_newest`.execute(db);
}
