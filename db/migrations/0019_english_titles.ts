import { sql, type Kysely } from "kysely";

/**
 * Listings and scenarios may carry an English title beside the Chinese one (drafts and groups
 * already do): English readers see it, and search finds the listing by it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table listings add column title_en text`.execute(db);
  await sql`alter table scenarios add column title_en text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table scenarios drop column title_en`.execute(db);
  await sql`alter table listings drop column title_en`.execute(db);
}
