import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("scenarios")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("sector", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("problem", "text", (c) => c.notNull())
    .addColumn("data_description", "text")
    .addColumn("delivery_modes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("results", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn("image_urls", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("stage", "text", (c) => c.notNull().defaultTo("proposed").check(sql`stage in ('proposed','pilot','demonstration')`))
    .addColumn("search_vector", sql`tsvector`, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("scenarios_images_max", sql`cardinality(image_urls) <= 6`)
    .execute();
  await sql`create index scenarios_search on scenarios using gin (search_vector)`.execute(db);
  await sql`create index scenarios_filters on scenarios (sector, stage, region)`.execute(db);
  await sql`create index scenarios_org on scenarios (org_id, updated_at desc)`.execute(db);
  await sql`create index scenarios_created on scenarios (created_at desc)`.execute(db);

  await db.schema
    .createTable("scenario_listings")
    .addColumn("scenario_id", "uuid", (c) => c.notNull().references("scenarios.id").onDelete("cascade"))
    .addColumn("listing_id", "uuid", (c) => c.notNull().references("listings.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("scenario_listings_pk", ["scenario_id", "listing_id"])
    .execute();
  await db.schema.createIndex("scenario_listings_listing").on("scenario_listings").column("listing_id").execute();

  await db.schema
    .createTable("scenario_participants")
    .addColumn("scenario_id", "uuid", (c) => c.notNull().references("scenarios.id").onDelete("cascade"))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("scenario_participants_pk", ["scenario_id", "org_id"])
    .execute();
  await db.schema.createIndex("scenario_participants_org").on("scenario_participants").column("org_id").execute();

  await db.schema
    .createTable("catalog_editions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("year", "integer", (c) => c.notNull().unique().check(sql`year between 2000 and 2100`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("intro", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status in ('draft','published')`))
    .addColumn("published_at", "timestamptz")
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("catalog_entries")
    .addColumn("edition_id", "uuid", (c) => c.notNull().references("catalog_editions.id").onDelete("cascade"))
    .addColumn("scenario_id", "uuid", (c) => c.notNull().references("scenarios.id").onDelete("cascade"))
    .addColumn("demonstration", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("catalog_entries_pk", ["edition_id", "scenario_id"])
    .execute();
  await db.schema.createIndex("catalog_entries_scenario").on("catalog_entries").column("scenario_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["catalog_entries", "catalog_editions", "scenario_participants", "scenario_listings", "scenarios"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
