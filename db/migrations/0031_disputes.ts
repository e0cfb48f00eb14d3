import { sql, type Kysely } from "kysely";

/**
 * Disputes on deals (争议处理, issue 28) and evidence files. A party of a negotiating or agreed deal
 * opens a dispute against the other; the respondent answers by `answer_due_at` (the job runner
 * reminds once, `reminded_at`, and marks it overdue once, `overdue_at`); the secretariat assigns a
 * mediator (itself, or a member organisation offering dispute resolution), who records the
 * outcome with a reason. One dispute in progress per deal (the partial unique index decides).
 * The timeline is a list of statements; evidence files (bytea, type checked by their first bytes)
 * belong to a statement or to a report.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("disputes")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("match_id", "uuid", (c) => c.notNull().references("matches.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("claimant_org_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("respondent_org_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("opened_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("open").check(sql`status in ('open','answered','mediating','settled','upheld','rejected')`),
    )
    .addColumn("answer_due_at", "timestamptz", (c) => c.notNull())
    .addColumn("answered_at", "timestamptz")
    .addColumn("reminded_at", "timestamptz")
    .addColumn("overdue_at", "timestamptz")
    .addColumn("mediator_kind", "text", (c) => c.check(sql`mediator_kind in ('secretariat','organisation')`))
    .addColumn("mediator_org_id", "uuid", (c) => c.references("organisations.id"))
    .addColumn("assigned_by", "uuid", (c) => c.references("users.id"))
    .addColumn("assigned_at", "timestamptz")
    .addColumn("outcome_reason", "text")
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("disputes_two_parties", sql`claimant_org_id <> respondent_org_id`)
    .addCheckConstraint("disputes_mediator_org", sql`(mediator_kind = 'organisation') = (mediator_org_id is not null)`)
    .addCheckConstraint("disputes_mediating_assigned", sql`status = 'open' or status = 'answered' or mediator_kind is not null`)
    .addCheckConstraint("disputes_decided_complete", sql`(status = 'settled' or status = 'upheld' or status = 'rejected') = (decided_at is not null and outcome_reason is not null)`)
    .execute();
  await sql`create unique index disputes_one_active_per_match on disputes (match_id) where status in ('open','answered','mediating')`.execute(db);
  await sql`create index disputes_claimant on disputes (claimant_org_id, created_at desc)`.execute(db);
  await sql`create index disputes_respondent on disputes (respondent_org_id, created_at desc)`.execute(db);
  await sql`create index disputes_mediator on disputes (mediator_org_id, created_at desc) where mediator_org_id is not null`.execute(db);
  await sql`create index disputes_awaiting_answer on disputes (answer_due_at) where status = 'open'`.execute(db);

  await db.schema
    .createTable("dispute_statements")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("dispute_id", "uuid", (c) => c.notNull().references("disputes.id").onDelete("cascade"))
    .addColumn("author_id", "uuid", (c) => c.references("users.id"))
    .addColumn("author_org_id", "uuid", (c) => c.references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('claimant','respondent','mediator','secretariat','system')`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('claim','answer','statement','assignment','note','outcome','overdue')`))
    .addColumn("outcome", "text", (c) => c.check(sql`outcome in ('settled','upheld','rejected')`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index dispute_statements_dispute on dispute_statements (dispute_id, id)`.execute(db);

  await db.schema
    .createTable("evidence_files")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("subject_type", "text", (c) => c.notNull().check(sql`subject_type in ('dispute_statement','report')`))
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull().check(sql`content_type in ('application/pdf','image/png','image/jpeg','text/plain')`))
    .addColumn("size", "integer", (c) => c.notNull().check(sql`size > 0`))
    .addColumn("bytes", "bytea", (c) => c.notNull())
    .addColumn("uploaded_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index evidence_files_subject on evidence_files (subject_type, subject_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("evidence_files").execute();
  await db.schema.dropTable("dispute_statements").execute();
  await db.schema.dropTable("disputes").execute();
}
