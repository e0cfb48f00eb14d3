import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { allianceStatistics } from "../app/models/directory/stats.server";
import { advanceMatch, expressInterest } from "../app/models/marketplace/deals.server";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { startTestApp } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";
import { makeGroup } from "./helpers/collab";
import { createDraft } from "../app/models/standards/drafts.server";
import { draftInputSchema } from "../app/models/standards/draft-schema";

describe("alliance statistics", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: { email: string; actor: () => Promise<Actor> };
  beforeAll(async () => {
    db = t.db;
    staff = await makeUser(db, { role: "secretariat" });
    const s = await staff.actor();
    const seller = await (await makeApprovedOrg(db, s, { type: "enterprise", region: "nansha" })).owner.actor();
    const buyer = await (await makeApprovedOrg(db, s, { type: "user", region: "macau", creditCode: undefined })).owner.actor();
    const supply = await publishListing(db, seller, s, { sectors: ["health", "finance"], dataCategory: "enterprise" });
    const demand = await publishListing(db, buyer, s, { kind: "demand", sectors: ["health"] });
    const m = await expressInterest(db, buyer, { myListingId: demand, otherListingId: supply });
    await advanceMatch(db, seller, m, "accept");
    await advanceMatch(db, seller, m, "agree");
    await advanceMatch(db, buyer, m, "agree");
    const g = await makeGroup(db, []);
    await createDraft(
      db,
      await g.convenor.actor(),
      g.groupId,
      draftInputSchema.parse({ code: "T/STAT 001-2026", title: "数据产品 描述规范", scope: "规定数据产品描述的要素。", body: "## 1 范围" }),
    );
  });

  it("counts members, listings by sector and kind, and this month's deals", async () => {
    const stats = await allianceStatistics(db, null);
    expect(stats.membersByType).toEqual(
      expect.arrayContaining([
        { key: "enterprise", n: 1 },
        { key: "user", n: 1 },
      ]),
    );
    expect(stats.membersByRegion.map((r) => r.key).sort()).toEqual(["gz_tianhe", "macau", "nansha"]); // gz_tianhe: the working group convenor's university
    expect(stats.listingsBySector.find((r) => r.sector === "health")).toEqual({ sector: "health", supply: 1, demand: 1 });
    expect(stats.listingsBySector.find((r) => r.sector === "finance")).toEqual({ sector: "finance", supply: 1, demand: 0 });
    expect(stats.monthly).toHaveLength(12);
    expect(stats.monthly.at(-1)).toMatchObject({ matches: 1, deals: 1 });
    expect(stats.scenariosByStage).toEqual([
      { key: "proposed", n: 0 },
      { key: "pilot", n: 0 },
      { key: "demonstration", n: 0 },
    ]);
    expect(stats.draftsByStage.map((d) => d.key)).toEqual(["preliminary", "proposal", "drafting", "public_comment", "review", "approval", "published"]);
    expect(stats.draftsByStage.find((d) => d.key === "preliminary")?.n).toBe(1);
    expect(stats.workingGroups).toBe(1);
    expect(stats.internal).toBeNull();
  });

  it("only the secretariat sees the internal figures, on the page as in the model", async () => {
    const internal = await allianceStatistics(db, await staff.actor());
    expect(internal.internal).toMatchObject({ pendingApplications: 0, pendingListings: 0 });
    const app = await startTestApp(db);
    try {
      const publicHtml = await (await app.client("en").get("/stats")).text();
      expect(publicHtml).toContain("Alliance statistics");
      expect(publicHtml).toContain("Standard projects by stage (working groups: 1)");
      // The headline row: three member organisations, two live listings, one deal filed this year.
      expect(publicHtml).toContain("<strong>3</strong><span>Member organisations</span>");
      expect(publicHtml).toContain("<strong>2</strong><span>Live listings</span>");
      expect(publicHtml).toContain("<strong>1</strong><span>Deals filed, last 12 months</span>");
      expect(publicHtml).not.toContain('data-testid="internal-stats"');
      expect(publicHtml).not.toContain("pendingApplications");
      const c = app.client("en");
      await c.signIn(staff.email, PASSWORD);
      expect(await (await c.get("/stats")).text()).toContain('data-testid="internal-stats"');
    } finally {
      await app.close();
    }
  });
});
