import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("listings")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('supply','demand')`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(sql`status in ('draft','pending_review','published','closed','withdrawn')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("data_category", "text", (c) => c.notNull())
    // Core data may never be published: the database refuses it too, whatever the code does.
    .addColumn("grade", "text", (c) => c.notNull())
    .addColumn("rights", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("delivery_modes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("pricing_model", "text", (c) => c.notNull())
    .addColumn("price_min", "numeric")
    .addColumn("price_max", "numeric")
    .addColumn("sectors", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("regions", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("tags", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("update_frequency", "text")
    .addColumn("time_coverage", "text")
    .addColumn("fields", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn("sample_description", "text")
    .addColumn("scenario", "text", (c) => c.notNull())
    .addColumn("compliance", "jsonb", (c) => c.notNull())
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text")
    .addColumn("external_id", "text")
    .addColumn("search_vector", sql`tsvector`, (c) => c.notNull())
    .addColumn("review_notes", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("listings_no_core_published", sql`not (grade = 'core' and status = 'published')`)
    .addCheckConstraint("listings_price_order", sql`price_min is null or price_max is null or price_min <= price_max`)
    .execute();
  await sql`create index listings_search on listings using gin (search_vector)`.execute(db);
  await sql`create index listings_sectors on listings using gin (sectors) where status = 'published'`.execute(db);
  await sql`create index listings_published on listings (kind, published_at desc) where status = 'published'`.execute(db);
  await sql`create index listings_org on listings (org_id, updated_at desc)`.execute(db);
  await sql`create index listings_review on listings (created_at) where status = 'pending_review'`.execute(db);
  await sql`create unique index listings_external on listings (org_id, external_id) where external_id is not null`.execute(db);

  await db.schema
    .createTable("listing_versions")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("listing_id", "uuid", (c) => c.notNull().references("listings.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("edited_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("listing_versions_unique", ["listing_id", "version"])
    .execute();

  // Document frequency of every search term over published listings: the rarity in "terms weighted by rarity".
  await db.schema
    .createTable("term_stats")
    .addColumn("term", "text", (c) => c.primaryKey())
    .addColumn("df", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("matches")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("supply_id", "uuid", (c) => c.notNull().references("listings.id").onDelete("cascade"))
    .addColumn("demand_id", "uuid", (c) => c.notNull().references("listings.id").onDelete("cascade"))
    .addColumn("score", "real", (c) => c.notNull())
    .addColumn("reasons", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("suggested").check(sql`status in ('suggested','interested','negotiating','agreed','declined')`),
    )
    .addColumn("initiator_org_id", "uuid", (c) => c.references("organisations.id"))
    .addColumn("supply_agreed", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("demand_agreed", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("matches_pair", ["supply_id", "demand_id"])
    .execute();
  await db.schema.createIndex("matches_demand").on("matches").column("demand_id").execute();

  await db.schema
    .createTable("match_messages")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("match_id", "uuid", (c) => c.notNull().references("matches.id").onDelete("cascade"))
    .addColumn("author_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("match_messages_match").on("match_messages").columns(["match_id", "id"]).execute();

  // 交易备案: one filing per agreed match.
  await db.schema
    .createTable("deal_filings")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("match_id", "uuid", (c) => c.notNull().unique().references("matches.id"))
    .addColumn("supply_org_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("demand_org_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("filed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("ratings")
    .addColumn("match_id", "uuid", (c) => c.notNull().references("matches.id").onDelete("cascade"))
    .addColumn("rater_org_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("ratee_org_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("score", "integer", (c) => c.notNull().check(sql`score between 1 and 5`))
    .addColumn("comment", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("ratings_pk", ["match_id", "rater_org_id"])
    .execute();

  await db.schema
    .createTable("api_keys")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    // sha256 of the key: keys are long random strings, so a fast hash is enough and lookups stay indexed.
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["api_keys", "ratings", "deal_filings", "match_messages", "matches", "term_stats", "listing_versions", "listings"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
