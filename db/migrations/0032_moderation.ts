import { sql, type Kysely } from "kysely";

/**
 * Moderation complete (issue 28): any reportable content can be hidden and restored with a reason,
 * an organisation can be suspended, the owner appeals once, and the report queue keeps due dates.
 *
 * - moderation_actions: one row per hide or suspension, with its reason, the owner's one appeal
 *   (the row's appeal columns: a second appeal finds them filled) and the restoration. One active
 *   action per target (the partial unique index decides).
 * - listings, organisations and draft comments gain their moderation mark (scenarios and group
 *   messages have one already); an organisation also gains its suspension.
 * - reports: a due date (7 days from filing, set by the model), the reminder and overdue marks the
 *   job sets, the moderator's request for more information and the reporter's answer; a report on
 *   a profile; and the public personal-information report of a signed-out person, whose contact
 *   address is confirmed by a mailed link before the report enters the queue.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("moderation_actions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("target_type", "text", (c) =>
      c.notNull().check(sql`target_type in ('listing','scenario','profile','organisation','group_message','draft_comment')`),
    )
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("target_title", "text", (c) => c.notNull())
    .addColumn("target_path", "text", (c) => c.notNull())
    .addColumn("target_org_id", "uuid", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('hide','suspend_org')`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("report_id", "uuid", (c) => c.references("reports.id").onDelete("set null"))
    .addColumn("acted_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("acted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("appeal_statement", "text")
    .addColumn("appealed_by", "uuid", (c) => c.references("users.id"))
    .addColumn("appealed_at", "timestamptz")
    .addColumn("appeal_outcome", "text", (c) => c.check(sql`appeal_outcome in ('restored','upheld')`))
    .addColumn("appeal_reason", "text")
    .addColumn("appeal_decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("appeal_decided_at", "timestamptz")
    .addColumn("restored_at", "timestamptz")
    .addColumn("restored_by", "uuid", (c) => c.references("users.id"))
    .addColumn("restore_reason", "text")
    .addCheckConstraint("moderation_actions_appeal_complete", sql`(appealed_at is null) = (appeal_statement is null)`)
    .execute();
  await sql`create unique index moderation_actions_one_active on moderation_actions (target_type, target_id) where restored_at is null`.execute(db);
  await sql`create index moderation_actions_org on moderation_actions (target_org_id, acted_at desc)`.execute(db);
  await sql`create index moderation_actions_appeals on moderation_actions (appealed_at) where appealed_at is not null and appeal_decided_at is null`.execute(db);

  await sql`alter table listings add column hidden_at timestamptz, add column hidden_reason text`.execute(db);
  await sql`alter table organisations add column hidden_at timestamptz, add column hidden_reason text,
    add column suspended_at timestamptz, add column suspended_reason text`.execute(db);
  await sql`alter table draft_comments add column hidden_at timestamptz, add column hidden_reason text`.execute(db);
  await sql`alter table group_messages add column hidden_reason text`.execute(db);

  await sql`alter table reports drop constraint reports_target_type_check`.execute(db);
  await sql`alter table reports add constraint reports_target_type_check
    check (target_type in ('listing','scenario','profile','organisation','group_message','draft_comment','match','personal_info'))`.execute(db);
  await sql`alter table reports drop constraint reports_status_check`.execute(db);
  await sql`alter table reports add constraint reports_status_check check (status in ('unconfirmed','open','decided'))`.execute(db);
  await sql`alter table reports drop constraint reports_decided_complete`.execute(db);
  await sql`alter table reports add constraint reports_decided_complete check ((status = 'decided') = (decision is not null and decided_at is not null))`.execute(
    db,
  );
  await sql`alter table reports alter column reporter_id drop not null`.execute(db);
  await sql`alter table reports
    add column due_at timestamptz,
    add column reminded_at timestamptz,
    add column overdue_at timestamptz,
    add column info_request text,
    add column info_requested_at timestamptz,
    add column info_reply text,
    add column info_replied_at timestamptz,
    add column contact_email text,
    add column contact_locale text,
    add column confirm_token_hash text,
    add column confirmed_at timestamptz`.execute(db);
  await sql`update reports set due_at = created_at + interval '7 days'`.execute(db);
  await sql`alter table reports alter column due_at set not null, alter column due_at set default now() + interval '7 days'`.execute(db);
  await sql`alter table reports add constraint reports_someone_reported check (reporter_id is not null or contact_email is not null)`.execute(db);
  await sql`create unique index reports_confirm_token on reports (confirm_token_hash) where confirm_token_hash is not null`.execute(db);
  await sql`drop index reports_queue`.execute(db);
  await sql`create index reports_queue on reports (status, due_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index reports_queue`.execute(db);
  await sql`create index reports_queue on reports (status, created_at)`.execute(db);
  await sql`drop index reports_confirm_token`.execute(db);
  await sql`delete from reports where reporter_id is null or status = 'unconfirmed' or target_type in ('profile','personal_info')`.execute(db);
  await sql`alter table reports drop constraint reports_someone_reported`.execute(db);
  await sql`alter table reports drop column due_at, drop column reminded_at, drop column overdue_at, drop column info_request, drop column info_requested_at,
    drop column info_reply, drop column info_replied_at, drop column contact_email, drop column contact_locale, drop column confirm_token_hash, drop column confirmed_at`.execute(
    db,
  );
  await sql`alter table reports alter column reporter_id set not null`.execute(db);
  await sql`alter table reports drop constraint reports_decided_complete`.execute(db);
  await sql`alter table reports add constraint reports_decided_complete check ((status = 'open') = (decision is null and decided_at is null))`.execute(db);
  await sql`alter table reports drop constraint reports_status_check`.execute(db);
  await sql`alter table reports add constraint reports_status_check check (status in ('open','decided'))`.execute(db);
  await sql`alter table reports drop constraint reports_target_type_check`.execute(db);
  await sql`alter table reports add constraint reports_target_type_check
    check (target_type in ('listing','scenario','organisation','group_message','draft_comment','match'))`.execute(db);
  await sql`alter table group_messages drop column hidden_reason`.execute(db);
  await sql`alter table draft_comments drop column hidden_at, drop column hidden_reason`.execute(db);
  await sql`alter table organisations drop column hidden_at, drop column hidden_reason, drop column suspended_at, drop column suspended_reason`.execute(db);
  await sql`alter table listings drop column hidden_at, drop column hidden_reason`.execute(db);
  await db.schema.dropTable("moderation_actions").execute();
}
