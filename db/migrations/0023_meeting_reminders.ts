import { sql, type Kysely } from "kysely";

/**
 * When a meeting's group was reminded of it (a day ahead, by the scheduled job); null until then.
 * Meetings that had already started when this landed count as reminded, so no one hears of a past
 * meeting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table meetings add column reminded_at timestamptz`.execute(db);
  await sql`update meetings set reminded_at = now() where starts_at <= now()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table meetings drop column reminded_at`.execute(db);
}
