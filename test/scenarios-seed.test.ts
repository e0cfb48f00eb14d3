import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../db/seed/index";
import { DEMO_SCENARIOS, seedScenarios } from "../db/seed/scenarios";
import { getEditionByYear } from "../app/models/scenarios/catalog.server";
import { searchScenarios } from "../app/models/scenarios/scenarios.server";
import { scenarioQuerySchema } from "../app/models/scenarios/scenario-schema";
import { dbForSuite } from "./helpers/db";

describe("the scenario seed", () => {
  const t = dbForSuite();
  beforeAll(async () => {
    await seedDemo(t.db);
  });

  it("publishes at least 8 scenarios in every stage, some in Traditional Chinese, linked to seeded listings", async () => {
    const rows = await t.db.selectFrom("scenarios").select(["id", "title", "stage"]).execute();
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.length).toBe(DEMO_SCENARIOS.length);
    expect(new Set(rows.map((r) => r.stage))).toEqual(new Set(["proposed", "pilot", "demonstration"]));
    expect(rows.filter((r) => /[數據醫療門澳灣與為會]/.test(r.title)).length).toBeGreaterThanOrEqual(2);
    const links = await t.db.selectFrom("scenario_listings").select("listing_id").execute();
    expect(links.length).toBeGreaterThanOrEqual(DEMO_SCENARIOS.length);
    const traffic = await searchScenarios(t.db, scenarioQuerySchema.parse({ q: "干线调度" }));
    const trafficHant = await searchScenarios(t.db, scenarioQuerySchema.parse({ q: "幹線調度" }));
    expect(traffic.total).toBeGreaterThanOrEqual(1);
    expect(trafficHant.total).toBe(traffic.total);
    const credit = await searchScenarios(t.db, scenarioQuerySchema.parse({ q: "跨境信贷" }));
    expect(credit.hits.map((h) => h.title)).toContain("大灣區中小企業跨境信貸數據核驗");
  });

  it("publishes the 2026 catalog with demonstration cases, and a second run changes nothing", async () => {
    const { edition, entries } = await getEditionByYear(t.db, null, 2026);
    expect(edition.status).toBe("published");
    expect(entries.filter((e) => e.demonstration).length).toBeGreaterThanOrEqual(2);
    expect(entries.length).toBe(DEMO_SCENARIOS.filter((d) => d.catalog).length);
    const before = await t.db.selectFrom("audit_log").select("id").execute();
    const again = await seedScenarios(t.db);
    expect(again.summary).toContain("0 created");
    expect((await t.db.selectFrom("audit_log").select("id").execute()).length).toBe(before.length);
  });
});
