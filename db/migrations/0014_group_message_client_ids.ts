import { sql, type Kysely } from "kysely";

/**
 * A client names each channel message it composes. A message replayed after a reconnect (the
 * client could not tell whether it arrived) is then recognised and answered with the stored one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("group_messages").addColumn("client_id", "text").execute();
  await sql`create unique index group_messages_client on group_messages (author_id, client_id) where client_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists group_messages_client`.execute(db);
  await db.schema.alterTable("group_messages").dropColumn("client_id").execute();
}
