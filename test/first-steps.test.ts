import { describe, expect, it } from "vitest";
import { profileInputSchema } from "../app/models/directory/profile-schema";
import { updateProfile } from "../app/models/directory/profiles.server";
import { createListing } from "../app/models/marketplace/listings.server";
import { requestToJoin } from "../app/models/standards/groups.server";
import { appOnFreshDb } from "./helpers/app";
import { PASSWORD, application, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { listingInput } from "./helpers/listings";
import { makeGroup } from "./helpers/collab";
import { applyForMembership } from "../app/models/accounts/organisations.server";

const PROFILE = {
  introduction: "专注城市交通数据治理的数据企业。",
  businessScope: "交通数据产品开发",
  products: "交通态势平台",
  sectors: ["transport"],
  dcmmLevel: "3",
  certifications: "ISO 27001",
  teamSize: "s51_200",
  revenueBand: "r50m_200m",
  fundingStage: "series_a",
  financingSought: "no",
  keyScenarios: "交通信号配时优化",
  visibility: {},
};

const STEPS = /<section[^>]*data-testid="first-steps"[^>]*>([\s\S]*?)<\/section>/;

describe("a newly approved member's first steps", () => {
  const t = appOnFreshDb();

  it("the dashboard of a newly approved member lists first steps in the reader's language, each marked done as it is taken, and then goes away", async () => {
    const staff = await (await makeUser(t.db, { role: "secretariat" })).actor();
    const { owner } = await makeApprovedOrg(t.db, staff, { type: "enterprise" });
    const en = t.app.client("en");
    await en.signIn(owner.email, PASSWORD);
    const steps = STEPS.exec(await (await en.get("/home")).text())?.[1] ?? "";
    expect(steps).toContain("Get started");
    expect(steps).toContain('href="/profile"');
    expect(steps).toContain('href="/listings/new"');
    expect(steps).toContain('href="/groups"');
    expect(steps).toContain("0% complete");
    expect(steps.match(/To do/g)).toHaveLength(3);

    const zh = t.app.client("zh-Hant");
    await zh.signIn(owner.email, PASSWORD);
    expect(STEPS.exec(await (await zh.get("/home")).text())?.[1]).toContain("完善機構主頁");

    await createListing(t.db, await owner.actor(), listingInput(), { submit: true });
    const { groupId } = await makeGroup(t.db, []);
    await requestToJoin(t.db, await owner.actor(), groupId, null);
    const two = STEPS.exec(await (await en.get("/home")).text())?.[1] ?? "";
    expect(two.match(/Done/g)).toHaveLength(2);
    expect(two).not.toContain('href="/listings/new"');

    await updateProfile(t.db, await owner.actor(), profileInputSchema.parse(PROFILE));
    expect(await (await en.get("/home")).text()).not.toContain('data-testid="first-steps"');
  });

  it("a member whose organisation is still in review sees no first steps", async () => {
    const me = await makeUser(t.db);
    await applyForMembership(t.db, await me.actor(), application() as never);
    const c = t.app.client("en");
    await c.signIn(me.email, PASSWORD);
    const res = await c.get("/home");
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('data-testid="first-steps"');
  });

  it("an organisation with a 0 % complete profile is not listed to investors until it fills something in; it still sees itself", async () => {
    const staff = await (await makeUser(t.db, { role: "secretariat" })).actor();
    const name = `空白档案企业${Math.random().toString(36).slice(2, 8)}`;
    const { owner } = await makeApprovedOrg(t.db, staff, { type: "enterprise", nameZh: name });
    const investor = (await makeApprovedOrg(t.db, staff, { type: "investor" })).owner;
    const inv = t.app.client("zh-Hans");
    await inv.signIn(investor.email, PASSWORD);
    const listed = async (c: typeof inv) => (await (await c.get("/enterprises")).text()).includes(name);
    expect(await listed(inv)).toBe(false);
    expect(await listed(t.app.client("zh-Hans"))).toBe(false);
    const self = t.app.client("zh-Hans");
    await self.signIn(owner.email, PASSWORD);
    expect(await listed(self)).toBe(true);

    await updateProfile(t.db, await owner.actor(), profileInputSchema.parse({ ...PROFILE, visibility: {} }));
    expect(await listed(inv)).toBe(true);
  });
});
