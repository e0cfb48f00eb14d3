import { sql, type Kysely } from "kysely";

/**
 * The platform record of an organisation (issue 28) is read from what the platform saw: filed
 * deals, ratings received, reports upheld against it and its members' standards work. These
 * indexes let a profile page count them without scanning the tables.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index deal_filings_supply_filed on deal_filings (supply_org_id, numbered_at) where number is not null`.execute(db);
  await sql`create index deal_filings_demand_filed on deal_filings (demand_org_id, numbered_at) where number is not null`.execute(db);
  await sql`create index ratings_ratee on ratings (ratee_org_id, created_at)`.execute(db);
  await sql`create index draft_versions_author on draft_versions (author_id)`.execute(db);
  await sql`create index draft_comments_author on draft_comments (author_id)`.execute(db);
  await sql`create index ballot_votes_user on ballot_votes (user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["ballot_votes_user", "draft_comments_author", "draft_versions_author", "ratings_ratee", "deal_filings_demand_filed", "deal_filings_supply_filed"])
    await sql`drop index if exists ${sql.id(name)}`.execute(db);
}
