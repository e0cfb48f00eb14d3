import { sql, type Kysely } from "kysely";

/**
 * Which version of the text index the stored rows were built with. Listings indexed before this
 * migration carry version 1; the server re-indexes them when the code's version is newer
 * (app/models/marketplace/reindex.server.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("index_versions")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into index_versions (name, version) values ('listings_text', 1)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("index_versions").ifExists().execute();
}
