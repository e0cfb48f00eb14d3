import { sql, type Kysely } from "kysely";

/**
 * The areas of notifications (notification-links.ts NOTIFICATION_AREAS) a member does not want by
 * e-mail. The inbox still holds every notification; only the mail leaves them out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column mail_muted_areas text[] not null default '{}'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop column mail_muted_areas`.execute(db);
}
