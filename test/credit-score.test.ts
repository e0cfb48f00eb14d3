import { describe, expect, it } from "vitest";
import { CREDIT_WEIGHTS, MIN_OBSERVED, NEUTRAL, creditScore, dealWeight, noFacts, type CreditFact, type CreditFacts } from "../app/models/trust/credit";

const NOW = new Date("2026-12-07T00:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

function facts(counts: Partial<Record<CreditFact, number>>, extra: Partial<Omit<CreditFacts, "counts">> = {}): CreditFacts {
  const f = noFacts();
  Object.assign(f.counts, counts);
  return { ...f, ...extra };
}
const deals = (n: number) => ({ filedDeals: n }) as const;
const dated = (n: number, age = 0) => ({ dealDates: Array.from({ length: n }, () => daysAgo(age)) });

describe("the credit score: a pure function over observed facts", () => {
  it("gives no number to an organisation without a record, or with fewer facts than the threshold", () => {
    expect(creditScore(noFacts(), NOW)).toMatchObject({ score: null, observed: 0 });
    const two = creditScore(facts({ draftVersions: 2 }), NOW);
    expect(MIN_OBSERVED).toBe(3);
    expect(two.score).toBeNull();
    expect(two.contributions.draftVersions).toBe(2);
    const three = creditScore(facts({ draftVersions: 3 }), NOW);
    expect(three.score).toBe(NEUTRAL + 3);
  });

  it("starts neutral: facts worth nothing either way leave 50", () => {
    // Three ratings of exactly 3 stars: observed, but neither good nor bad.
    expect(creditScore(facts({ ratings: 3 }, { ratingAverage: 3 }), NOW).score).toBe(NEUTRAL);
  });

  it("with only negative facts goes down, each fact no further than its cap, never below 0", () => {
    const some = creditScore(facts({ complaintsUpheld: 2, listingsReturned: 1 }), NOW);
    expect(some.score).toBe(50 - 12 - 1);
    expect(some.contributions).toMatchObject({ complaintsUpheld: -12, listingsReturned: -1 });
    const worst = creditScore(
      facts(
        {
          complaintsUpheld: 40,
          warnings: 40,
          disputesUpheld: 40,
          disputesOpened: 40,
          disputesAnsweredLate: 40,
          listingsReturned: 40,
          introsLate: 40,
          ratings: 40,
        },
        { ratingAverage: 1 },
      ),
      NOW,
    );
    expect(worst.contributions.complaintsUpheld).toBe(CREDIT_WEIGHTS.complaintsUpheld.cap);
    expect(worst.contributions.ratings).toBe(-CREDIT_WEIGHTS.ratings.cap);
    expect(worst.score).toBe(0);
  });

  it("caps each good fact, and the total at 100", () => {
    const many = creditScore(facts({ ...deals(50), draftVersions: 50, ballotsCast: 50 }, dated(50)), NOW);
    expect(many.contributions).toMatchObject({ filedDeals: CREDIT_WEIGHTS.filedDeals.cap, draftVersions: 5, ballotsCast: 5 });
    expect(many.score).toBe(50 + 20 + 5 + 5);
    const all = creditScore(
      facts(
        { ...deals(50), ratings: 50, introsOnTime: 50, disputesAnsweredOnTime: 50, draftVersions: 50, acceptedComments: 50, ballotsCast: 50 },
        { ratingAverage: 5, ...dated(50) },
      ),
      NOW,
    );
    expect(all.score).toBe(100);
  });

  it("weighs ratings by their average, for at most ten of them", () => {
    expect(creditScore(facts({ ratings: 4 }, { ratingAverage: 4.5 }), NOW).contributions.ratings).toBe(4.5);
    expect(creditScore(facts({ ratings: 10 }, { ratingAverage: 5 }), NOW).contributions.ratings).toBe(15);
    expect(creditScore(facts({ ratings: 30 }, { ratingAverage: 4 }), NOW).contributions.ratings).toBe(7.5);
  });

  it("decays filed deals: a deal a year old counts half, two years a quarter", () => {
    expect(dealWeight(NOW, NOW)).toBe(1);
    expect(dealWeight(daysAgo(365), NOW)).toBeCloseTo(0.5, 6);
    expect(dealWeight(daysAgo(730), NOW)).toBeCloseTo(0.25, 6);
    // A date after now (clock skew) weighs no more than a new deal.
    expect(dealWeight(daysAgo(-3), NOW)).toBe(1);
    const fresh = creditScore(facts(deals(3), dated(3, 0)), NOW);
    const old = creditScore(facts(deals(3), dated(3, 365)), NOW);
    expect(fresh.contributions.filedDeals).toBe(12);
    expect(old.contributions.filedDeals).toBe(6);
    expect(fresh.score! - old.score!).toBe(6);
    // Old deals still count as observed facts.
    expect(old.observed).toBe(3);
  });
});
