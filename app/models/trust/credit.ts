/**
 * The credit score (信用分) of an organisation: a pure function over the facts the platform observed
 * (record.server.ts reads them), with its weights in one declared table. Imports nothing, so the
 * profile page shows the same table ("how this score is computed") that the job computes with, and
 * the README repeats it.
 *
 *   score = clamp(50 + Σ contribution(fact), 0, 100), rounded
 *   contribution(fact) = clamp(points × count, cap)   (each fact alone moves the score at most `cap`)
 *   filed deals count 0.5^(age in days / 365) each: a deal a year old counts half
 *   ratings count (average − 3) × points per rating, for at most 10 ratings
 *   fewer than MIN_OBSERVED observed facts: no score ("not enough observed facts")
 */

/** The facts of the credit record, in the order the profile shows them. */
export const CREDIT_FACTS = [
  "filedDeals",
  "ratings",
  "introsOnTime",
  "introsLate",
  "disputesOpened",
  "disputesUpheld",
  "disputesAnsweredOnTime",
  "disputesAnsweredLate",
  "complaintsUpheld",
  "warnings",
  "listingsReturned",
  "draftVersions",
  "acceptedComments",
  "ballotsCast",
] as const;
export type CreditFact = (typeof CREDIT_FACTS)[number];

/** Where the score starts for an organisation without a record, and its bounds. */
export const NEUTRAL = 50;
export const MIN_SCORE = 0;
export const MAX_SCORE = 100;
/** Below this many observed facts (all counts together) the page says "not enough observed facts". */
export const MIN_OBSERVED = 3;
/** A filed deal's weight halves every this many days. */
export const DEAL_HALF_LIFE_DAYS = 365;
/** Ratings beyond this many do not add weight (the average still uses all of them). */
export const RATINGS_COUNTED = 10;
/** An introduction or a dispute is answered on time within this many days. */
export const ANSWER_DAYS = 7;

/**
 * Points per observed fact and the most the fact can move the score (a positive cap for good facts,
 * a negative one for bad). Ratings: points per rating per star above (or below) 3.
 */
export const CREDIT_WEIGHTS: Record<CreditFact, { points: number; cap: number }> = {
  filedDeals: { points: 4, cap: 20 },
  ratings: { points: 0.75, cap: 15 },
  introsOnTime: { points: 1, cap: 5 },
  introsLate: { points: -1, cap: -5 },
  disputesOpened: { points: -1, cap: -5 },
  disputesUpheld: { points: -8, cap: -24 },
  disputesAnsweredOnTime: { points: 1, cap: 5 },
  disputesAnsweredLate: { points: -2, cap: -6 },
  complaintsUpheld: { points: -6, cap: -24 },
  warnings: { points: -2, cap: -6 },
  listingsReturned: { points: -1, cap: -5 },
  draftVersions: { points: 1, cap: 5 },
  acceptedComments: { points: 0.5, cap: 5 },
  ballotsCast: { points: 0.5, cap: 5 },
};

/** What the score reads: each fact's count, the ratings' average and the filed deals' dates. */
export interface CreditFacts {
  counts: Record<CreditFact, number>;
  /** Average stars received (1-5), null without ratings. */
  ratingAverage: number | null;
  /** When each filed deal was filed (ISO text or Date). */
  dealDates: (string | Date)[];
}

export function noFacts(): CreditFacts {
  return { counts: Object.fromEntries(CREDIT_FACTS.map((f) => [f, 0])) as Record<CreditFact, number>, ratingAverage: null, dealDates: [] };
}

export interface CreditScore {
  /** 0-100, null when fewer than MIN_OBSERVED facts were observed. */
  score: number | null;
  /** All observed facts together. */
  observed: number;
  /** What each fact added or took away, after its cap (rounded to one decimal). */
  contributions: Record<CreditFact, number>;
}

const DAY_MS = 86_400_000;
const round1 = (n: number) => Math.round(n * 10) / 10;
const capped = (value: number, cap: number) => (cap >= 0 ? Math.max(-cap, Math.min(cap, value)) : Math.max(cap, Math.min(0, value)));

/** The weight of one filed deal `now`: 1 on the day it was filed, halving every DEAL_HALF_LIFE_DAYS. */
export function dealWeight(filedAt: string | Date, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - new Date(filedAt).getTime()) / DAY_MS);
  return 0.5 ** (ageDays / DEAL_HALF_LIFE_DAYS);
}

export function creditScore(facts: CreditFacts, now: Date): CreditScore {
  const contributions = {} as Record<CreditFact, number>;
  let sum = 0;
  let observed = 0;
  for (const fact of CREDIT_FACTS) {
    const { points, cap } = CREDIT_WEIGHTS[fact];
    const count = Math.max(0, facts.counts[fact] ?? 0);
    observed += count;
    let raw: number;
    if (fact === "filedDeals") raw = points * facts.dealDates.reduce((s, d) => s + dealWeight(d, now), 0);
    else if (fact === "ratings") raw = facts.ratingAverage === null ? 0 : (facts.ratingAverage - 3) * points * Math.min(count, RATINGS_COUNTED);
    else raw = points * count;
    const c = capped(raw, cap);
    contributions[fact] = round1(c) || 0;
    sum += c;
  }
  const score = observed < MIN_OBSERVED ? null : Math.round(Math.max(MIN_SCORE, Math.min(MAX_SCORE, NEUTRAL + sum)));
  return { score, observed, contributions };
}
