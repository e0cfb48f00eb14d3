import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("working_groups")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("name_en", "text")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("charter", "text", (c) => c.notNull())
    .addColumn("standard_type", "text", (c) => c.notNull().check(sql`standard_type in ('group','industry','local','national')`))
    .addColumn("milestones", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active").check(sql`status in ('active','closed')`))
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("group_members")
    .addColumn("group_id", "uuid", (c) => c.notNull().references("working_groups.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('convenor','editor','member','observer')`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending','active','declined')`))
    .addColumn("message", "text")
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("group_members_pk", ["group_id", "user_id"])
    .execute();
  await sql`create index group_members_user on group_members (user_id) where status = 'active'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("group_members").ifExists().execute();
  await db.schema.dropTable("working_groups").ifExists().execute();
}
