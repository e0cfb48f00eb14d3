import { sql, type Kysely } from "kysely";

/** API writes sent with an Idempotency-Key: the answer is kept for 24 hours and replayed on a retry. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("api_idempotency")
    .addColumn("api_key_id", "uuid", (c) => c.notNull().references("api_keys.id").onDelete("cascade"))
    .addColumn("idem_key", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("status", "integer")
    .addColumn("body", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("api_idempotency_pk", ["api_key_id", "idem_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("api_idempotency").ifExists().execute();
}
