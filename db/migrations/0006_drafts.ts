import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("drafts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("group_id", "uuid", (c) => c.notNull().references("working_groups.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("title_en", "text")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) =>
      c.notNull().defaultTo("preliminary").check(sql`stage in ('preliminary','proposal','drafting','public_comment','review','approval','published','withdrawn')`),
    )
    .addColumn("comment_opens_at", "timestamptz")
    .addColumn("comment_closes_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("drafts_comment_period", sql`comment_closes_at is null or comment_closes_at > comment_opens_at`)
    .execute();
  await sql`create unique index drafts_code_key on drafts (upper(code))`.execute(db);
  await db.schema.createIndex("drafts_group").on("drafts").columns(["group_id", "created_at"]).execute();

  await db.schema
    .createTable("draft_editors")
    .addColumn("draft_id", "uuid", (c) => c.notNull().references("drafts.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("draft_editors_pk", ["draft_id", "user_id"])
    .execute();

  await db.schema
    .createTable("draft_versions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("draft_id", "uuid", (c) => c.notNull().references("drafts.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull().check(sql`number > 0`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("draft_versions_number_key", ["draft_id", "number"])
    .execute();

  await db.schema
    .createTable("draft_comments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("draft_id", "uuid", (c) => c.notNull().references("drafts.id").onDelete("cascade"))
    .addColumn("author_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("clause", "text", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("proposed_change", "text")
    .addColumn("resolution", "text", (c) => c.check(sql`resolution in ('accepted','accepted_in_part','rejected','noted')`))
    .addColumn("resolution_reason", "text")
    .addColumn("resolved_by", "uuid", (c) => c.references("users.id"))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("draft_comments_draft").on("draft_comments").columns(["draft_id", "created_at"]).execute();

  await db.schema
    .createTable("draft_patents")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("draft_id", "uuid", (c) => c.notNull().references("drafts.id").onDelete("cascade"))
    .addColumn("comment_id", "uuid", (c) => c.references("draft_comments.id").onDelete("cascade"))
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("patent_number", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("disclosed_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("draft_patents_draft").on("draft_patents").column("draft_id").execute();

  await db.schema
    .createTable("draft_watches")
    .addColumn("draft_id", "uuid", (c) => c.notNull().references("drafts.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("draft_watches_pk", ["draft_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["draft_watches", "draft_patents", "draft_comments", "draft_versions", "draft_editors", "drafts"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
