import { describe, expect, it } from "vitest";
import { seedDemo } from "../db/seed/index";
import { listFlows } from "../app/models/crossborder/declarations.server";
import { listCrossBorderScenarios } from "../app/models/crossborder/scenarios.server";
import { loadActor } from "../app/models/accounts/auth.server";
import { getListing } from "../app/models/marketplace/listings.server";
import { dbForSuite } from "./helpers/db";

describe("the demo seed's cross-border flows (issue 35)", () => {
  const t = dbForSuite();

  it("has published cross-border listings on at least three routes, listed in the secretariat's view", async () => {
    await seedDemo(t.db);
    const staffRow = await t.db.selectFrom("users").select("id").where("platform_role", "=", "secretariat").executeTakeFirstOrThrow();
    const staff = await loadActor(t.db, staffRow.id);
    const { rows, counts } = await listFlows(t.db, staff);
    const published = rows.filter((r) => r.status === "published");
    expect(new Set(published.map((r) => r.route)).size).toBeGreaterThanOrEqual(3);
    expect(counts.gba_standard_contract).toBeGreaterThanOrEqual(1);
    expect(counts.security_assessment).toBeGreaterThanOrEqual(1);
    expect(counts.exempt).toBeGreaterThanOrEqual(1);
    expect(counts.contract_or_certification).toBeGreaterThanOrEqual(1);

    // The Hong Kong lab of the seed reads the Guangzhou listing's declaration.
    const lab = await t.db.selectFrom("users").select("id").where("email", "=", "hk-data-lab@yaosu.demo").executeTakeFirstOrThrow();
    const gba = rows.find((r) => r.route === "gba_standard_contract")!;
    const listing = await getListing(t.db, await loadActor(t.db, lab.id), gba.listingId);
    expect(listing.crossBorderFlow).toMatchObject({ direction: "to_hong_kong", processorInGba: true });

    // Two scenarios of mutual recognition, in the policy's areas, in the secretariat's view too.
    const scenarios = await listCrossBorderScenarios(t.db, staff);
    expect(scenarios.length).toBeGreaterThanOrEqual(2);
    expect(new Set(scenarios.flatMap((s) => s.areas))).toEqual(new Set(["health_care", "business_registration", "social_credit"]));
  });
});
