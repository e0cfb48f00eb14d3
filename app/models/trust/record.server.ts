import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { RecordFact } from "./vocabulary";

type Db = Kysely<Database>;

/**
 * An organisation's platform record (平台记录): what the platform itself saw, never what the
 * organisation declares. Each fact carries its count and the date it last happened; the page shows
 * them apart from the profile's self-declared fields, marked as observed by the platform.
 */

export interface RecordEntry {
  fact: RecordFact;
  count: number;
  /** Ratings only: the average score received (1-5), null without ratings. */
  average: number | null;
  lastAt: Date | null;
}

/** Reports a moderator decided against the organisation: everything but a dismissal. */
const UPHELD = ["warn", "hide", "suspend_listing", "suspend_org"] as const;
/** Comments the editors took into the draft, wholly or in part. */
const ACCEPTED = ["accepted", "accepted_in_part"] as const;

/**
 * One statement for the whole record (each fact a pair of scalar subqueries), so a profile page
 * pays one round trip for it.
 */
export async function platformRecord(db: Db, orgId: string): Promise<RecordEntry[]> {
  const members = db.selectFrom("org_members").select("user_id").where("org_id", "=", orgId);
  const filed = db
    .selectFrom("deal_filings")
    .where("number", "is not", null)
    .where((eb) => eb.or([eb("supply_org_id", "=", orgId), eb("demand_org_id", "=", orgId)]));
  const rated = db.selectFrom("ratings").where("ratee_org_id", "=", orgId);
  const upheld = db.selectFrom("reports").where("target_org_id", "=", orgId).where("status", "=", "decided").where("decision", "in", UPHELD);
  const versions = db.selectFrom("draft_versions").where("author_id", "in", members);
  const comments = db.selectFrom("draft_comments").where("author_id", "in", members).where("resolution", "in", ACCEPTED);
  const votes = db.selectFrom("ballot_votes").where("user_id", "in", members);
  const n = sql<number>`count(*)::int`;
  const r = await db
    .selectNoFrom([
      filed.select(n.as("n")).$asScalar().as("deals_n"),
      filed
        .select(sql<Date | null>`max(numbered_at)`.as("m"))
        .$asScalar()
        .as("deals_at"),
      rated.select(n.as("n")).$asScalar().as("ratings_n"),
      rated
        .select(sql<Date | null>`max(created_at)`.as("m"))
        .$asScalar()
        .as("ratings_at"),
      rated
        .select(sql<string | null>`round(avg(score), 1)`.as("a"))
        .$asScalar()
        .as("ratings_avg"),
      upheld.select(n.as("n")).$asScalar().as("reports_n"),
      upheld
        .select(sql<Date | null>`max(decided_at)`.as("m"))
        .$asScalar()
        .as("reports_at"),
      versions.select(n.as("n")).$asScalar().as("versions_n"),
      versions
        .select(sql<Date | null>`max(created_at)`.as("m"))
        .$asScalar()
        .as("versions_at"),
      comments.select(n.as("n")).$asScalar().as("comments_n"),
      comments
        .select(sql<Date | null>`max(resolved_at)`.as("m"))
        .$asScalar()
        .as("comments_at"),
      votes.select(n.as("n")).$asScalar().as("votes_n"),
      votes
        .select(sql<Date | null>`max(created_at)`.as("m"))
        .$asScalar()
        .as("votes_at"),
    ])
    .executeTakeFirstOrThrow();
  const entry = (fact: RecordFact, count: number | null, lastAt: Date | string | null, average: string | null = null): RecordEntry => ({
    fact,
    count: Number(count ?? 0),
    average: average === null ? null : Number(average),
    lastAt: lastAt ? new Date(lastAt) : null,
  });
  return [
    entry("filedDeals", r.deals_n, r.deals_at),
    entry("ratings", r.ratings_n, r.ratings_at, r.ratings_avg),
    entry("upheldReports", r.reports_n, r.reports_at),
    entry("draftVersions", r.versions_n, r.versions_at),
    entry("acceptedComments", r.comments_n, r.comments_at),
    entry("ballotsCast", r.votes_n, r.votes_at),
  ];
}
