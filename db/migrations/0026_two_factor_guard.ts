import { sql, type Kysely } from "kysely";

/**
 * Two-factor, second round. Failed second-factor tries (codes at sign-in, on the reset form, the
 * password or code that turns it on or off) are counted per account, across sign-in tickets, in
 * the database so every node and a restart see the same count. A secret waiting for its first code
 * belongs to the session that asked for it and expires; the secrets that waited in user_totp before
 * (shown on every visit of the page) are dropped, so the next enrolment starts with a fresh one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("two_factor_tries")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_try_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("two_factor_enrolments")
    .addColumn("session_id", "text", (c) => c.primaryKey().references("sessions.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`delete from user_totp where enabled_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("two_factor_enrolments").ifExists().execute();
  await db.schema.dropTable("two_factor_tries").ifExists().execute();
}
