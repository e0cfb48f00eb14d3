import { sql, type Kysely } from "kysely";

/**
 * Private calendar feeds (issue 29): one per member, a secret URL a calendar app subscribes to
 * without a session cookie. Only the SHA-256 of the token is stored; revoking deletes the row and
 * renewing replaces it, so an old URL stops working at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("calendar_feeds")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("calendar_feeds").ifExists().execute();
}
