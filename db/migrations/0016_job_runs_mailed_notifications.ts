import { sql, type Kysely } from "kysely";

/**
 * Scheduled work: one row per job and period, so a job runs once per period however many
 * processes share the database; and which notifications have already gone out by e-mail.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job_runs")
    .addColumn("job", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .addColumn("failed_at", "timestamptz")
    .addColumn("error", "text")
    .addPrimaryKeyConstraint("job_runs_pkey", ["job", "period"])
    .execute();
  await db.schema.alterTable("notifications").addColumn("mailed_at", "timestamptz").execute();
  await sql`create index notifications_unmailed on notifications (user_id, id) where read_at is null and mailed_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists notifications_unmailed`.execute(db);
  await db.schema.alterTable("notifications").dropColumn("mailed_at").execute();
  await db.schema.dropTable("job_runs").ifExists().execute();
}
