import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../../db/schema";
import { disputeFactsFor } from "./disputes.server";
import { ANSWER_DAYS, CREDIT_FACTS, creditScore, noFacts, type CreditFact, type CreditFacts, type CreditScore } from "./credit";

type Db = Kysely<Database>;

/**
 * An organisation's credit record (信用记录): what the platform itself saw, never what the
 * organisation declares. Each source below reads some facts for many organisations in one statement
 * (the job scores 10,000 organisations in batches), says which organisations gained facts since a
 * moment (the job's incremental pass), and shows its latest items with their dates and, where the
 * item has a page, a link (the profile page). Adding a fact is adding a source to FACT_SOURCES.
 */

/** One observed item behind a fact: its date, and its page and name where it has one. */
export interface Evidence {
  at: Date;
  href: string | null;
  label: string | null;
}

/** A fact as a source reads it for one organisation. */
export interface FactReading {
  count: number;
  lastAt: Date | null;
  /** Ratings only: the average stars received. */
  average?: number | null;
  /** Filed deals only: when each was filed. */
  dates?: Date[];
}

type Readings = Map<string, Partial<Record<CreditFact, FactReading>>>;

export interface FactSource {
  name: string;
  facts: readonly CreditFact[];
  /** The facts of these organisations, as of `now`. */
  read(db: Db, orgIds: string[], now: Date): Promise<Readings>;
  /** Organisations whose facts of this source may have changed at or after `since`. */
  changedSince(db: Db, since: Date): Promise<string[]>;
  /** The latest items behind each fact of one organisation, newest first. */
  evidence(db: Db, orgId: string): Promise<Partial<Record<CreditFact, Evidence[]>>>;
}

/** Items shown per fact on the profile. */
const EVIDENCE_SHOWN = 3;
/** Reports a moderator upheld against the organisation: content hidden, a listing or the organisation suspended. */
export const UPHELD_DECISIONS = ["hide", "suspend_listing", "suspend_org"] as const;
/** Comments the editors took into the draft, wholly or in part. */
const ACCEPTED = ["accepted", "accepted_in_part"] as const;

const ids = (orgIds: string[]) => sql.join(orgIds.map((id) => sql`${id}::uuid`));
const at = (v: Date | string | null | undefined) => (v ? new Date(v) : null);
const reading = (count: number | string | null, lastAt: Date | string | null): FactReading => ({ count: Number(count ?? 0), lastAt: at(lastAt) });
const orgIdsOf = async (db: Db, query: RawBuilder<{ org_id: string }>) => (await query.execute(db)).rows.map((r) => r.org_id);

/** Each side of a numbered deal filing (a filing number is the platform's record of the deal). */
const filedDeals: FactSource = {
  name: "filings",
  facts: ["filedDeals"],
  async read(db, orgIds) {
    const { rows } = await sql<{ org_id: string; n: number; last: Date | null; dates: string[] }>`
      select org_id, count(*)::int as n, max(numbered_at) as last, json_agg(numbered_at) as dates from (
        select supply_org_id as org_id, numbered_at from deal_filings where number is not null and supply_org_id in (${ids(orgIds)})
        union all
        select demand_org_id, numbered_at from deal_filings where number is not null and demand_org_id in (${ids(orgIds)})
      ) d group by org_id`.execute(db);
    return new Map(rows.map((r) => [r.org_id, { filedDeals: { ...reading(r.n, r.last), dates: r.dates.map((d) => new Date(d)) } }]));
  },
  changedSince: (db, since) =>
    orgIdsOf(
      db,
      sql`select supply_org_id as org_id from deal_filings where numbered_at >= ${since}
        union select demand_org_id from deal_filings where numbered_at >= ${since}`,
    ),
  async evidence(db, orgId) {
    const rows = await db
      .selectFrom("deal_filings")
      .select(["number", "numbered_at"])
      .where("number", "is not", null)
      .where((eb) => eb.or([eb("supply_org_id", "=", orgId), eb("demand_org_id", "=", orgId)]))
      .orderBy("numbered_at", "desc")
      .limit(EVIDENCE_SHOWN)
      .execute();
    return { filedDeals: rows.map((r) => ({ at: new Date(r.numbered_at!), href: `/filings/${r.number}`, label: r.number })) };
  },
};

/** Stars the counterparts gave after a deal; the filing is the item's page when the deal was filed. */
const ratings: FactSource = {
  name: "ratings",
  facts: ["ratings"],
  async read(db, orgIds) {
    const rows = await db
      .selectFrom("ratings")
      .select(["ratee_org_id as org_id", sql<number>`count(*)::int`.as("n"), sql<Date>`max(created_at)`.as("last"), sql<string>`avg(score)`.as("avg")])
      .where("ratee_org_id", "in", orgIds)
      .groupBy("ratee_org_id")
      .execute();
    return new Map(rows.map((r) => [r.org_id, { ratings: { ...reading(r.n, r.last), average: Math.round(Number(r.avg) * 10) / 10 } }]));
  },
  changedSince: (db, since) => orgIdsOf(db, sql`select distinct ratee_org_id as org_id from ratings where created_at >= ${since}`),
  async evidence(db, orgId) {
    const rows = await db
      .selectFrom("ratings")
      .leftJoin("deal_filings", (j) => j.onRef("deal_filings.match_id", "=", "ratings.match_id").on("deal_filings.number", "is not", null))
      .select(["ratings.score", "ratings.created_at", "deal_filings.number"])
      .where("ratings.ratee_org_id", "=", orgId)
      .orderBy("ratings.created_at", "desc")
      .limit(EVIDENCE_SHOWN)
      .execute();
    return {
      ratings: rows.map((r) => ({ at: new Date(r.created_at), href: r.number ? `/filings/${r.number}` : null, label: "★".repeat(r.score) })),
    };
  },
};

/** Answers to investors' introduction requests: within ANSWER_DAYS, or late (or still unanswered after them). */
const introductions: FactSource = {
  name: "introductions",
  facts: ["introsOnTime", "introsLate"],
  async read(db, orgIds, now) {
    const days = sql`make_interval(days => ${ANSWER_DAYS})`;
    const onTime = sql`responded_at is not null and responded_at <= created_at + ${days}`;
    const late = sql`(responded_at is not null and responded_at > created_at + ${days}) or (responded_at is null and created_at + ${days} < ${now})`;
    const { rows } = await sql<{ org_id: string; on_time: number; on_time_at: Date | null; late: number; late_at: Date | null }>`
      select target_org_id as org_id,
        count(*) filter (where ${onTime})::int as on_time, max(responded_at) filter (where ${onTime}) as on_time_at,
        count(*) filter (where ${late})::int as late, max(coalesce(responded_at, created_at + ${days})) filter (where ${late}) as late_at
      from introductions where target_org_id in (${ids(orgIds)}) group by target_org_id`.execute(db);
    return new Map(rows.map((r) => [r.org_id, { introsOnTime: reading(r.on_time, r.on_time_at), introsLate: reading(r.late, r.late_at) }]));
  },
  // A request falls due without any write: the daily full pass counts it.
  changedSince: (db, since) =>
    orgIdsOf(db, sql`select distinct target_org_id as org_id from introductions where created_at >= ${since} or responded_at >= ${since}`),
  async evidence(db, orgId) {
    const rows = await db
      .selectFrom("introductions")
      .select(["created_at", "responded_at"])
      .where("target_org_id", "=", orgId)
      .orderBy("created_at", "desc")
      .limit(20)
      .execute();
    const due = (r: (typeof rows)[number]) => new Date(new Date(r.created_at).getTime() + ANSWER_DAYS * 86_400_000);
    const answeredOnTime = rows.filter((r) => r.responded_at && new Date(r.responded_at) <= due(r));
    const lateOnes = rows.filter((r) => (r.responded_at ? new Date(r.responded_at) > due(r) : due(r) < new Date()));
    const item = (r: (typeof rows)[number]): Evidence => ({ at: r.responded_at ? new Date(r.responded_at) : due(r), href: null, label: null });
    return { introsOnTime: answeredOnTime.slice(0, EVIDENCE_SHOWN).map(item), introsLate: lateOnes.slice(0, EVIDENCE_SHOWN).map(item) };
  },
};

/**
 * Disputes other organisations opened against it, as the disputes model counts them (respondent
 * side): upheld ones, and its answers by the deadline or after it. A dispute's content is the
 * parties' alone, so the items show only their dates.
 */
const disputes: FactSource = {
  name: "disputes",
  facts: ["disputesOpened", "disputesUpheld", "disputesAnsweredOnTime", "disputesAnsweredLate"],
  async read(db, orgIds) {
    const facts = await disputeFactsFor(db, orgIds);
    const out: Readings = new Map();
    for (const [orgId, f] of Object.entries(facts)) {
      if (!f.openedAgainst) continue;
      out.set(orgId, {
        disputesOpened: reading(f.openedAgainst, f.lastOpenedAt),
        disputesUpheld: reading(f.upheldAgainst, null),
        disputesAnsweredOnTime: reading(f.answeredOnTime, null),
        disputesAnsweredLate: reading(f.answeredLate, null),
      });
    }
    return out;
  },
  // An answer falls due without any write: the daily full pass counts it.
  changedSince: (db, since) =>
    orgIdsOf(db, sql`select distinct respondent_org_id as org_id from disputes where updated_at >= ${since} or created_at >= ${since}`),
  async evidence(db, orgId) {
    const rows = await db
      .selectFrom("disputes")
      .select(["created_at", "decided_at", "status"])
      .where("respondent_org_id", "=", orgId)
      .orderBy("created_at", "desc")
      .limit(20)
      .execute();
    return {
      disputesOpened: rows.slice(0, EVIDENCE_SHOWN).map((r) => ({ at: new Date(r.created_at), href: null, label: null })),
      disputesUpheld: rows
        .filter((r) => r.status === "upheld" && r.decided_at)
        .slice(0, EVIDENCE_SHOWN)
        .map((r) => ({ at: new Date(r.decided_at!), href: null, label: null })),
    };
  },
};

/** Moderators' decisions on reports about the organisation's content (who reported is never shown). */
const moderation: FactSource = {
  name: "moderation",
  facts: ["complaintsUpheld", "warnings"],
  async read(db, orgIds) {
    const upheld = sql`decision in (${sql.join(UPHELD_DECISIONS.map((d) => sql.lit(d)))})`;
    const { rows } = await sql<{ org_id: string; upheld: number; upheld_at: Date | null; warned: number; warned_at: Date | null }>`
      select target_org_id as org_id,
        count(*) filter (where ${upheld})::int as upheld, max(decided_at) filter (where ${upheld}) as upheld_at,
        count(*) filter (where decision = 'warn')::int as warned, max(decided_at) filter (where decision = 'warn') as warned_at
      from reports where status = 'decided' and target_org_id in (${ids(orgIds)}) group by target_org_id`.execute(db);
    return new Map(rows.map((r) => [r.org_id, { complaintsUpheld: reading(r.upheld, r.upheld_at), warnings: reading(r.warned, r.warned_at) }]));
  },
  changedSince: (db, since) =>
    orgIdsOf(db, sql`select distinct target_org_id as org_id from reports where status = 'decided' and decided_at >= ${since} and target_org_id is not null`),
  async evidence(db, orgId) {
    const rows = await db
      .selectFrom("reports")
      .select(["decision", "decided_at"])
      .where("target_org_id", "=", orgId)
      .where("status", "=", "decided")
      .where("decision", "in", [...UPHELD_DECISIONS, "warn"])
      .orderBy("decided_at", "desc")
      .limit(20)
      .execute();
    const item = (r: (typeof rows)[number]): Evidence => ({ at: new Date(r.decided_at!), href: null, label: null });
    return {
      complaintsUpheld: rows
        .filter((r) => r.decision !== "warn")
        .slice(0, EVIDENCE_SHOWN)
        .map(item),
      warnings: rows
        .filter((r) => r.decision === "warn")
        .slice(0, EVIDENCE_SHOWN)
        .map(item),
    };
  },
};

/** Listings the secretariat sent back from review to the owner (the audit log keeps each return). */
const returnedListings: FactSource = {
  name: "review",
  facts: ["listingsReturned"],
  async read(db, orgIds) {
    const { rows } = await sql<{ org_id: string; n: number; last: Date | null }>`
      select l.org_id, count(*)::int as n, max(a.created_at) as last
      from listings l join audit_log a on a.action = 'listing.draft' and a.entity_id = l.id::text and a.before->>'status' = 'pending_review'
      where l.org_id in (${ids(orgIds)}) group by l.org_id`.execute(db);
    return new Map(rows.map((r) => [r.org_id, { listingsReturned: reading(r.n, r.last) }]));
  },
  changedSince: (db, since) =>
    orgIdsOf(
      db,
      sql`select distinct l.org_id from audit_log a join listings l on a.entity_id = l.id::text
        where a.action = 'listing.draft' and a.created_at >= ${since}`,
    ),
  async evidence(db, orgId) {
    const { rows } = await sql<{ created_at: Date }>`
      select a.created_at from listings l join audit_log a on a.action = 'listing.draft' and a.entity_id = l.id::text and a.before->>'status' = 'pending_review'
      where l.org_id = ${orgId} order by a.created_at desc limit ${EVIDENCE_SHOWN}`.execute(db);
    return { listingsReturned: rows.map((r) => ({ at: new Date(r.created_at), href: null, label: null })) };
  },
};

/** Standards work by the organisation's people: draft versions written, comments accepted, ballots cast. */
const standardsWork: FactSource = {
  name: "standards",
  facts: ["draftVersions", "acceptedComments", "ballotsCast"],
  async read(db, orgIds) {
    const accepted = sql.join(ACCEPTED.map((r) => sql.lit(r)));
    const { rows } = await sql<{ org_id: string; fact: CreditFact; n: number; last: Date | null }>`
      select m.org_id, 'draftVersions' as fact, count(*)::int as n, max(v.created_at) as last
        from draft_versions v join org_members m on m.user_id = v.author_id where m.org_id in (${ids(orgIds)}) group by m.org_id
      union all
      select m.org_id, 'acceptedComments', count(*)::int, max(c.resolved_at)
        from draft_comments c join org_members m on m.user_id = c.author_id
        where m.org_id in (${ids(orgIds)}) and c.resolution in (${accepted}) group by m.org_id
      union all
      select m.org_id, 'ballotsCast', count(*)::int, max(b.created_at)
        from ballot_votes b join org_members m on m.user_id = b.user_id where m.org_id in (${ids(orgIds)}) group by m.org_id`.execute(db);
    const out: Readings = new Map();
    for (const r of rows) out.set(r.org_id, { ...out.get(r.org_id), [r.fact]: reading(r.n, r.last) });
    return out;
  },
  changedSince: (db, since) =>
    orgIdsOf(
      db,
      sql`select m.org_id from draft_versions v join org_members m on m.user_id = v.author_id where v.created_at >= ${since}
        union select m.org_id from draft_comments c join org_members m on m.user_id = c.author_id where c.resolved_at >= ${since}
        union select m.org_id from ballot_votes b join org_members m on m.user_id = b.user_id where b.created_at >= ${since}`,
    ),
  async evidence(db, orgId) {
    const members = db.selectFrom("org_members").select("user_id").where("org_id", "=", orgId);
    const [versions, comments, votes] = await Promise.all([
      db
        .selectFrom("draft_versions")
        .innerJoin("drafts", "drafts.id", "draft_versions.draft_id")
        .select(["drafts.id", "drafts.group_id", "drafts.code", "draft_versions.number", "draft_versions.created_at"])
        .where("draft_versions.author_id", "in", members)
        .orderBy("draft_versions.created_at", "desc")
        .limit(EVIDENCE_SHOWN)
        .execute(),
      db
        .selectFrom("draft_comments")
        .innerJoin("drafts", "drafts.id", "draft_comments.draft_id")
        .select(["drafts.id", "drafts.group_id", "drafts.code", "draft_comments.resolved_at"])
        .where("draft_comments.author_id", "in", members)
        .where("draft_comments.resolution", "in", ACCEPTED)
        .orderBy("draft_comments.resolved_at", "desc")
        .limit(EVIDENCE_SHOWN)
        .execute(),
      db
        .selectFrom("ballot_votes")
        .innerJoin("ballots", "ballots.id", "ballot_votes.ballot_id")
        .select(["ballots.id", "ballots.group_id", "ballots.title", "ballot_votes.created_at"])
        .where("ballot_votes.user_id", "in", members)
        .orderBy("ballot_votes.created_at", "desc")
        .limit(EVIDENCE_SHOWN)
        .execute(),
    ]);
    return {
      draftVersions: versions.map((v) => ({ at: new Date(v.created_at), href: `/groups/${v.group_id}/drafts/${v.id}`, label: `${v.code} v${v.number}` })),
      acceptedComments: comments.map((c) => ({ at: new Date(c.resolved_at!), href: `/groups/${c.group_id}/drafts/${c.id}`, label: c.code })),
      ballotsCast: votes.map((b) => ({ at: new Date(b.created_at), href: `/groups/${b.group_id}/ballots/${b.id}`, label: b.title })),
    };
  },
};

/** Every source of the credit record, in one list. */
export const FACT_SOURCES: FactSource[] = [filedDeals, ratings, introductions, disputes, moderation, returnedListings, standardsWork];

/** The observed facts of each of these organisations, as the score reads them (an organisation without any gets noFacts()). */
export async function readCreditFacts(
  db: Db,
  orgIds: string[],
  now: Date,
): Promise<Map<string, { facts: CreditFacts; lastAt: Partial<Record<CreditFact, Date | null>> }>> {
  const out = new Map(orgIds.map((id) => [id, { facts: noFacts(), lastAt: {} as Partial<Record<CreditFact, Date | null>> }]));
  if (orgIds.length === 0) return out;
  for (const source of FACT_SOURCES) {
    for (const [orgId, readings] of await source.read(db, orgIds, now)) {
      const entry = out.get(orgId);
      if (!entry) continue;
      for (const [fact, r] of Object.entries(readings) as [CreditFact, FactReading][]) {
        entry.facts.counts[fact] = r.count;
        entry.lastAt[fact] = r.lastAt;
        if (r.average !== undefined) entry.facts.ratingAverage = r.average;
        if (r.dates) entry.facts.dealDates = r.dates;
      }
    }
  }
  return out;
}

/** Organisations with facts added or changed at or after `since`, by any source. */
export async function orgsChangedSince(db: Db, since: Date): Promise<string[]> {
  const all = new Set<string>();
  for (const source of FACT_SOURCES) for (const id of await source.changedSince(db, since)) all.add(id);
  return [...all];
}

export interface RecordEntry {
  fact: CreditFact;
  count: number;
  /** Ratings only: the average stars received (1-5), null without ratings. */
  average: number | null;
  lastAt: Date | null;
  /** What the fact added to or took from the score. */
  points: number;
  evidence: Evidence[];
}

export interface CreditRecord {
  entries: RecordEntry[];
  score: CreditScore["score"];
  observed: number;
}

/**
 * The record of one organisation as its profile shows it: every fact with its count, date, the
 * points it gives and its latest items, and the score computed from exactly these facts.
 */
export async function creditRecord(db: Db, orgId: string, now = new Date()): Promise<CreditRecord> {
  const [read, evidence] = await Promise.all([
    readCreditFacts(db, [orgId], now),
    Promise.all(FACT_SOURCES.map((s) => s.evidence(db, orgId))).then((parts) => Object.assign({}, ...parts) as Partial<Record<CreditFact, Evidence[]>>),
  ]);
  const { facts, lastAt } = read.get(orgId)!;
  const scored = creditScore(facts, now);
  return {
    entries: CREDIT_FACTS.filter((fact) => FACT_SOURCES.some((s) => s.facts.includes(fact))).map((fact) => ({
      fact,
      count: facts.counts[fact],
      average: fact === "ratings" ? facts.ratingAverage : null,
      lastAt: lastAt[fact] ?? null,
      points: scored.contributions[fact],
      evidence: evidence[fact] ?? [],
    })),
    score: scored.score,
    observed: scored.observed,
  };
}
