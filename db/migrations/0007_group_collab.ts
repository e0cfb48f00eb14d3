import { sql, type Kysely } from "kysely";

/** Ballots and votes, meetings and attendance, and the group channel's messages. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("ballots")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("group_id", "uuid", (c) => c.notNull().references("working_groups.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("draft_ref", "text")
    .addColumn("draft_id", "text")
    .addColumn("closes_at", "timestamptz", (c) => c.notNull())
    // The rule, stored per ballot: quorum = share of voting members who vote (abstaining counts);
    // approval = share of yes among yes + no. Both are "at least num/den", compared in integers.
    .addColumn("quorum_num", "integer", (c) => c.notNull().defaultTo(2))
    .addColumn("quorum_den", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("approval_num", "integer", (c) => c.notNull().defaultTo(2))
    .addColumn("approval_den", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open','closed')`))
    .addColumn("result", "text", (c) => c.check(sql`result in ('passed','failed')`))
    .addColumn("tally", "jsonb")
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("closed_at", "timestamptz")
    .addCheckConstraint("ballots_rule", sql`quorum_num >= 0 and quorum_den > 0 and quorum_num <= quorum_den and approval_num > 0 and approval_den > 0 and approval_num <= approval_den`)
    .execute();
  await db.schema.createIndex("ballots_group").on("ballots").columns(["group_id", "closes_at"]).execute();

  await db.schema
    .createTable("ballot_votes")
    .addColumn("ballot_id", "uuid", (c) => c.notNull().references("ballots.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("choice", "text", (c) => c.notNull().check(sql`choice in ('yes','no','abstain')`))
    .addColumn("comment", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("ballot_votes_pk", ["ballot_id", "user_id"])
    .execute();

  await db.schema
    .createTable("meetings")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("group_id", "uuid", (c) => c.notNull().references("working_groups.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("agenda", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("online_url", "text")
    .addColumn("place", "text")
    .addColumn("minutes", "text")
    .addColumn("draft_refs", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn("decisions", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("meetings_times", sql`ends_at > starts_at`)
    .addCheckConstraint("meetings_where", sql`online_url is not null or place is not null`)
    .execute();
  await db.schema.createIndex("meetings_group").on("meetings").columns(["group_id", "starts_at"]).execute();

  await db.schema
    .createTable("meeting_attendance")
    .addColumn("meeting_id", "uuid", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("attended", "boolean", (c) => c.notNull())
    .addColumn("recorded_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("meeting_attendance_pk", ["meeting_id", "user_id"])
    .execute();

  await db.schema
    .createTable("group_messages")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("group_id", "uuid", (c) => c.notNull().references("working_groups.id").onDelete("cascade"))
    .addColumn("author_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("hidden_at", "timestamptz")
    .addColumn("hidden_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("group_messages_group").on("group_messages").columns(["group_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("group_messages").ifExists().execute();
  await db.schema.dropTable("meeting_attendance").ifExists().execute();
  await db.schema.dropTable("meetings").ifExists().execute();
  await db.schema.dropTable("ballot_votes").ifExists().execute();
  await db.schema.dropTable("ballots").ifExists().execute();
}
