import { sql, type Kysely } from "kysely";

/**
 * Reports and complaints (举报投诉, issue 28) and the moderation that decides them. The reporter is
 * stored for the moderators; the models never hand it to the reported party. A member has one open
 * report per target at a time (the partial unique index decides, not a read before the write).
 * Scenarios gain a moderation mark: a hidden scenario leaves every public read.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("reports")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("target_type", "text", (c) =>
      c.notNull().check(sql`target_type in ('listing','scenario','organisation','group_message','draft_comment','match')`),
    )
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("target_title", "text", (c) => c.notNull())
    .addColumn("target_path", "text", (c) => c.notNull())
    .addColumn("target_org_id", "uuid", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("reporter_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("reporter_org_id", "uuid", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("category", "text", (c) =>
      c.notNull().check(sql`category in ('misleading','unlawful_source','personal_info','infringement','spam','other')`),
    )
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open','decided')`))
    .addColumn("decision", "text", (c) => c.check(sql`decision in ('dismiss','warn','hide','suspend_listing','suspend_org')`))
    .addColumn("decision_reason", "text")
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("reports_decided_complete", sql`(status = 'open') = (decision is null and decided_at is null)`)
    .execute();
  await sql`create unique index reports_one_open_per_target on reports (reporter_id, target_type, target_id) where status = 'open'`.execute(db);
  await sql`create index reports_queue on reports (status, created_at)`.execute(db);
  await sql`create index reports_target_org on reports (target_org_id, created_at desc)`.execute(db);
  await sql`create index reports_reporter on reports (reporter_id, created_at desc)`.execute(db);

  await sql`alter table scenarios add column hidden_at timestamptz, add column hidden_reason text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table scenarios drop column hidden_at, drop column hidden_reason`.execute(db);
  await db.schema.dropTable("reports").execute();
}
