import { sql, type Kysely } from "kysely";

/**
 * Verified e-mail, mail that leaves after commit, single-use links, and rate limits shared by
 * every node. Existing accounts were created before addresses were checked; they count as verified.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("email_verified_at", "timestamptz").execute();
  await sql`update users set email_verified_at = created_at`.execute(db);
  await db.schema
    .alterTable("users")
    .addColumn("notification_email", "text", (c) => c.notNull().defaultTo("daily").check(sql`notification_email in ('immediately','daily','never')`))
    .execute();

  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("to_email", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .execute();
  await sql`create index mail_outbox_unsent on mail_outbox (id) where sent_at is null`.execute(db);

  await db.schema
    .createTable("account_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('verify_email','reset_password')`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema.alterTable("org_invitations").addColumn("token_hash", "text").execute();
  await sql`create unique index org_invitations_token on org_invitations (token_hash) where token_hash is not null`.execute(db);

  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("hits", "integer", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limits").ifExists().execute();
  await sql`drop index if exists org_invitations_token`.execute(db);
  await db.schema.alterTable("org_invitations").dropColumn("token_hash").execute();
  await db.schema.dropTable("account_tokens").ifExists().execute();
  await db.schema.dropTable("mail_outbox").ifExists().execute();
  await db.schema.alterTable("users").dropColumn("notification_email").dropColumn("email_verified_at").execute();
}
