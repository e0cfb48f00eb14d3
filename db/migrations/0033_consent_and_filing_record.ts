import { sql, type Kysely } from "kysely";

/**
 * Consent and sign-off (issue 28). A scenario's named participant is invited until a manager of
 * that organisation confirms (or declines); only confirmed participants are shown anywhere. Rows
 * written before consent existed were never confirmed, so they start as invitations too. Moving a
 * scenario to pilot or demonstration is a request with evidence that the secretariat approves or
 * refuses with a reason; one open request per scenario (the partial unique index decides).
 * Deal filings keep the record as filed (listing versions, declarations, each step's time) in one
 * JSON document written once, at filing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table scenario_participants
      add column status text not null default 'invited' check (status in ('invited', 'confirmed', 'declined')),
      add column invited_at timestamptz not null default now(),
      add column decided_by uuid references users (id),
      add column decided_at timestamptz,
      add constraint scenario_participants_decided_complete check ((status = 'invited') = (decided_at is null))
  `.execute(db);
  await sql`create index scenario_participants_org_status on scenario_participants (org_id, status)`.execute(db);

  await db.schema
    .createTable("scenario_stage_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("scenario_id", "uuid", (c) => c.notNull().references("scenarios.id").onDelete("cascade"))
    .addColumn("from_stage", "text", (c) => c.notNull().check(sql`from_stage in ('proposed', 'pilot')`))
    .addColumn("to_stage", "text", (c) => c.notNull().check(sql`to_stage in ('pilot', 'demonstration')`))
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("evidence_url", "text")
    .addColumn("evidence_file", "bytea", (c) => c.check(sql`octet_length(evidence_file) <= 5242880`))
    .addColumn("evidence_type", "text")
    .addColumn("evidence_name", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'approved', 'refused')`))
    .addColumn("requested_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("reason", "text")
    .addCheckConstraint("scenario_stage_requests_decided_complete", sql`(status = 'pending') = (decided_at is null)`)
    .addCheckConstraint("scenario_stage_requests_refusal_reason", sql`status <> 'refused' or reason is not null`)
    .addCheckConstraint("scenario_stage_requests_file_typed", sql`(evidence_file is null) = (evidence_type is null)`)
    .execute();
  await sql`create unique index scenario_stage_requests_one_open on scenario_stage_requests (scenario_id) where status = 'pending'`.execute(db);
  await sql`create index scenario_stage_requests_queue on scenario_stage_requests (status, created_at)`.execute(db);

  await sql`alter table deal_filings add column record jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table deal_filings drop column record`.execute(db);
  await db.schema.dropTable("scenario_stage_requests").execute();
  await sql`drop index scenario_participants_org_status`.execute(db);
  await sql`
    alter table scenario_participants
      drop constraint scenario_participants_decided_complete,
      drop column status, drop column invited_at, drop column decided_by, drop column decided_at
  `.execute(db);
}
