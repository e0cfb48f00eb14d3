import { sql, type Kysely } from "kysely";

/** Enterprise / service-provider profiles, investor profiles, watchlists, introductions, view counts. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("org_profiles")
    .addColumn("org_id", "uuid", (c) => c.primaryKey().references("organisations.id").onDelete("cascade"))
    .addColumn("introduction", "text")
    .addColumn("business_scope", "text")
    .addColumn("products", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("sectors", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("dcmm_level", "integer", (c) => c.check(sql`dcmm_level between 1 and 5`))
    .addColumn("certifications", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("service_types", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("team_size", "text")
    .addColumn("revenue_band", "text")
    .addColumn("funding_stage", "text")
    .addColumn("financing_sought", "boolean")
    .addColumn("financing_min", "numeric")
    .addColumn("financing_max", "numeric")
    .addColumn("financing_use", "text")
    .addColumn("key_scenarios", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // field -> 'public' | 'members' | 'investors'; absent fields use the defaults of profile-schema.ts
    .addColumn("visibility", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("org_profiles_financing_order", sql`financing_min is null or financing_max is null or financing_min <= financing_max`)
    .execute();

  await db.schema
    .createTable("investor_profiles")
    .addColumn("org_id", "uuid", (c) => c.primaryKey().references("organisations.id").onDelete("cascade"))
    .addColumn("thesis", "text")
    .addColumn("focus_sectors", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("stages", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("ticket_min", "numeric")
    .addColumn("ticket_max", "numeric")
    .addColumn("regions", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("investor_profiles_ticket_order", sql`ticket_min is null or ticket_max is null or ticket_min <= ticket_max`)
    .execute();

  // Private to the investor organisation: nobody else reads who is on it or the notes.
  await db.schema
    .createTable("watchlist")
    .addColumn("investor_org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("target_org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("note", "text")
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("watchlist_pk", ["investor_org_id", "target_org_id"])
    .execute();
  await db.schema.createIndex("watchlist_target").on("watchlist").columns(["target_org_id", "created_at"]).execute();

  await db.schema
    .createTable("introductions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("investor_org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("target_org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("requested_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending','accepted','declined')`))
    .addColumn("response_note", "text")
    .addColumn("responded_by", "uuid", (c) => c.references("users.id"))
    .addColumn("responded_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One open request per pair; the database refuses a second one whatever the code does.
  await sql`create unique index introductions_open_pair on introductions (investor_org_id, target_org_id) where status = 'pending'`.execute(db);
  await sql`create index introductions_investor_day on introductions (investor_org_id, created_at desc)`.execute(db);
  await sql`create index introductions_target on introductions (target_org_id, created_at desc)`.execute(db);

  // One row per viewing organisation per day: aggregate interest, never shown per viewer.
  await db.schema
    .createTable("profile_views")
    .addColumn("target_org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("viewer_org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("day", "date", (c) => c.notNull())
    .addPrimaryKeyConstraint("profile_views_pk", ["target_org_id", "day", "viewer_org_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["profile_views", "introductions", "watchlist", "investor_profiles", "org_profiles"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
