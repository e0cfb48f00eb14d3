import { sql, type Kysely } from "kysely";

/**
 * How many of a profile's own fields are filled (the data assets, which come from listings, are
 * counted where they are read), so the directory can sort by completeness and page in SQL instead
 * of reading every organisation. Null until the app has counted it: the server fills the nulls at
 * start, and every profile save writes it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table org_profiles add column filled_fields smallint check (filled_fields >= 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table org_profiles drop column filled_fields`.execute(db);
}
