import { sql, type Kysely } from "kysely";

/**
 * The credit record (信用记录, issue 28): a score per organisation computed from the facts the
 * platform observed (app/models/trust/credit.ts), stored so the directories filter and sort by it
 * at any size without computing it per request. A job recomputes the organisations whose facts
 * changed since `credit_watermarks.changes`, and all of them once a day (deals age, answers fall due).
 * A null score means "not enough observed facts".
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("credit_scores")
    .addColumn("org_id", "uuid", (c) => c.primaryKey().references("organisations.id").onDelete("cascade"))
    .addColumn("score", "smallint", (c) => c.check(sql`score between 0 and 100`))
    .addColumn("observed", "integer", (c) => c.notNull().defaultTo(0).check(sql`observed >= 0`))
    .addColumn("computed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The directory's "credit" sort and its minimum-score filter read this index, best first.
  await sql`create index credit_scores_score on credit_scores (score desc nulls last, org_id)`.execute(db);
  await db.schema
    .createTable("credit_watermarks")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .execute();
  // Listings returned at review are read from the audit log (listing.draft after pending_review);
  // decisions on reports are found by when they were made.
  await sql`create index audit_log_listing_draft on audit_log (entity_id, created_at) where action = 'listing.draft'`.execute(db);
  await sql`create index reports_decided_at on reports (decided_at) where status = 'decided'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["reports_decided_at", "audit_log_listing_draft"]) await sql`drop index if exists ${sql.id(name)}`.execute(db);
  await db.schema.dropTable("credit_watermarks").ifExists().execute();
  await db.schema.dropTable("credit_scores").ifExists().execute();
}
