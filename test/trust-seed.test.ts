import { describe, expect, it } from "vitest";
import { MODERATOR_EMAIL, seedDemo } from "../db/seed/index";
import { FILING_NUMBER } from "../app/models/trust/filing-schema";
import { dbForSuite } from "./helpers/db";

describe("the demo seed's trust half", () => {
  const t = dbForSuite();

  it("has deals at every step, filings with numbers, disputes, reports and moderation in several states, and varied credit records", async () => {
    const result = await seedDemo(t.db);
    expect(result.summary).toMatch(/Trust: \d+ deals/);

    const matches = await t.db.selectFrom("matches").select("status").where("status", "!=", "suggested").execute();
    expect(new Set(matches.map((m) => m.status))).toEqual(new Set(["interested", "negotiating", "agreed"]));

    const filings = await t.db.selectFrom("deal_filings").select(["number", "amount"]).execute();
    const numbered = filings.filter((f) => f.number !== null);
    expect(numbered.length).toBeGreaterThanOrEqual(3);
    for (const f of numbered) expect(f.number).toMatch(FILING_NUMBER);
    // An agreed deal waits to be filed.
    expect(filings.some((f) => f.number === null)).toBe(true);

    const ratings = await t.db.selectFrom("ratings").select("ratee_org_id").execute();
    expect(new Set(ratings.map((r) => r.ratee_org_id)).size).toBeGreaterThanOrEqual(4);

    const disputes = await t.db.selectFrom("disputes").select("status").execute();
    expect(new Set(disputes.map((d) => d.status))).toEqual(new Set(["open", "answered", "settled"]));

    const reports = await t.db.selectFrom("reports").select(["status", "decision"]).execute();
    expect(reports.filter((r) => r.status === "open").length).toBeGreaterThanOrEqual(2);
    expect(new Set(reports.map((r) => r.decision).filter(Boolean))).toEqual(new Set(["dismiss", "hide"]));

    const moderator = await t.db.selectFrom("users").select("id").where("email", "=", MODERATOR_EMAIL).executeTakeFirstOrThrow();
    const actions = await t.db.selectFrom("moderation_actions").select(["acted_by", "appealed_at", "appeal_outcome"]).execute();
    expect(actions).toHaveLength(1);
    expect(actions[0].acted_by).toBe(moderator.id);
    expect(actions[0].appealed_at).not.toBeNull();
    expect(actions[0].appeal_outcome).toBeNull();

    const scores = await t.db.selectFrom("credit_scores").select("score").where("score", "is not", null).execute();
    expect(new Set(scores.map((s) => s.score)).size).toBeGreaterThanOrEqual(3);
  });
});
