import { sql, type Kysely } from "kysely";

/**
 * Background work exactly once, and idempotency that can neither stick nor duplicate:
 * - job runs hold a lease that their process renews; a run whose process died is taken over when
 *   the lease lapses, and a failed run waits a growing pause before its retry;
 * - outbox rows are claimed with a lease (FOR UPDATE SKIP LOCKED, so two nodes never send the same
 *   mail), retried with backoff, and end in a visible failed state that staff can resend;
 * - an Idempotency-Key belongs to the organisation, so two keys of one organisation cannot write
 *   the same request twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("job_runs").addColumn("lease_until", "timestamptz").addColumn("next_attempt_at", "timestamptz").execute();
  await db.schema
    .alterTable("mail_outbox")
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("claimed_until", "timestamptz")
    .addColumn("failed_at", "timestamptz")
    .execute();
  await sql`create index mail_outbox_due on mail_outbox (next_attempt_at, id) where sent_at is null and failed_at is null`.execute(db);
  await db.schema.alterTable("api_idempotency").addColumn("org_id", "uuid").execute();
  await sql`update api_idempotency set org_id = k.org_id from api_keys k where k.id = api_idempotency.api_key_id`.execute(db);
  await sql`create unique index api_idempotency_org_key on api_idempotency (org_id, idem_key)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists api_idempotency_org_key`.execute(db);
  await db.schema.alterTable("api_idempotency").dropColumn("org_id").execute();
  await sql`drop index if exists mail_outbox_due`.execute(db);
  await db.schema.alterTable("mail_outbox").dropColumn("next_attempt_at").dropColumn("claimed_until").dropColumn("failed_at").execute();
  await db.schema.alterTable("job_runs").dropColumn("lease_until").dropColumn("next_attempt_at").execute();
}
