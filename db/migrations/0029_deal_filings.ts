import { sql, type Kysely } from "kysely";

/**
 * Deal filing records (交易备案凭证, issue 28): a filed deal gets a number `YS-BA-<year>-<6 digits>`,
 * sequential per year without gaps, with its amount, term of use and delivery mode. The numbers
 * come from a counter row per year, locked while a filing takes the next one, in the filing's own
 * transaction: a filing that fails leaves no hole. An agreed deal's row exists from the agreement
 * on (as before); it is filed once a party files it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("deal_filing_counters")
    .addColumn("year", "integer", (c) => c.primaryKey().check(sql`year between 2000 and 9999`))
    .addColumn("last_number", "integer", (c) => c.notNull().defaultTo(0).check(sql`last_number between 0 and 999999`))
    .execute();
  await sql`
    alter table deal_filings
      add column number text unique check (number ~ '^YS-BA-[0-9]{4}-[0-9]{6}$'),
      add column amount numeric(16, 2) check (amount >= 0),
      add column term_months integer check (term_months between 1 and 120),
      add column delivery_mode text,
      add column pricing_terms text,
      add column filed_by uuid references users (id),
      add column numbered_at timestamptz,
      add constraint deal_filings_numbered_complete check ((number is null) = (numbered_at is null) and (number is null) = (amount is null))
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table deal_filings
      drop constraint deal_filings_numbered_complete,
      drop column number, drop column amount, drop column term_months, drop column delivery_mode,
      drop column pricing_terms, drop column filed_by, drop column numbered_at
  `.execute(db);
  await db.schema.dropTable("deal_filing_counters").execute();
}
