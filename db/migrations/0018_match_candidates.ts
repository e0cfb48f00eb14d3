import { sql, type Kysely } from "kysely";

/**
 * Stored match lists: the scored counterparts of every published listing, written when a listing is
 * published or edited, so a page view reads a list instead of scoring hundreds of pairs. One row
 * per pair serves both sides (the score is a function of the pair). Filled for listings published
 * before this migration by the server at start (reindex.server.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("match_candidates")
    .addColumn("supply_id", "uuid", (c) => c.notNull().references("listings.id").onDelete("cascade"))
    .addColumn("demand_id", "uuid", (c) => c.notNull().references("listings.id").onDelete("cascade"))
    .addColumn("score", "real", (c) => c.notNull())
    .addColumn("reasons", "jsonb", (c) => c.notNull())
    .addColumn("computed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("match_candidates_pkey", ["supply_id", "demand_id"])
    .execute();
  await sql`create index match_candidates_demand on match_candidates (demand_id, score desc)`.execute(db);
  await sql`create index match_candidates_supply on match_candidates (supply_id, score desc)`.execute(db);
  await sql`insert into index_versions (name, version) values ('match_lists', 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from index_versions where name = 'match_lists'`.execute(db);
  await db.schema.dropTable("match_candidates").ifExists().execute();
}
