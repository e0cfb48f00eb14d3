import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { completeness, directoryFilterSchema, profileInputSchema } from "../app/models/directory/profile-schema";
import {
  countUncountedProfiles,
  getOwnProfile,
  getProfile,
  listProfiles,
  profileInterest,
  recordView,
  updateProfile,
} from "../app/models/directory/profiles.server";
import { watch } from "../app/models/directory/watchlist.server";
import { dbForSuite } from "./helpers/db";
import { auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

const SECRET_USE = "秘密募资用途-仅投资人可见";
const FULL = {
  introduction: "专注城市交通数据治理与隐私计算的数据企业。",
  businessScope: "交通数据产品开发",
  products: "交通态势平台\n隐私计算平台",
  sectors: ["transport"],
  dcmmLevel: "4",
  certifications: "ISO 27001",
  teamSize: "s51_200",
  revenueBand: "r50m_200m",
  fundingStage: "series_b",
  financingSought: "yes",
  financingMin: "1000",
  financingMax: "5000",
  financingUse: SECRET_USE,
  keyScenarios: "交通信号配时优化",
  visibility: { teamSize: "members", revenueBand: "investors", fundingStage: "investors", financing: "investors" },
};

describe("enterprise profiles", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let ent: Actor;
  let entMember: Actor;
  let entOrg: string;
  let sparse: Actor;
  let sparseOrg: string;
  let provider: Actor;
  let investor: Actor;
  let user: Actor;
  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    const e = await makeApprovedOrg(db, staff, { type: "enterprise", region: "gz_tianhe" });
    entOrg = e.orgId;
    ent = await e.owner.actor();
    const m = await makeUser(db);
    await db.insertInto("org_members").values({ org_id: entOrg, user_id: m.id, role: "member" }).execute();
    entMember = await m.actor();
    const s = await makeApprovedOrg(db, staff, { type: "enterprise", region: "nansha" });
    sparseOrg = s.orgId;
    sparse = await s.owner.actor();
    provider = await (await makeApprovedOrg(db, staff, { type: "service_provider" })).owner.actor();
    investor = await (await makeApprovedOrg(db, staff, { type: "investor" })).owner.actor();
    user = await (await makeApprovedOrg(db, staff, { type: "user" })).owner.actor();
    await publishListing(db, ent, staff, { title: "城市道路流量数据集" });
    await updateProfile(db, ent, profileInputSchema.parse(FULL));
    await updateProfile(
      db,
      sparse,
      profileInputSchema.parse({ introduction: "一家刚起步的工业数据公司。", sectors: ["industry"], dcmmLevel: "2", financingSought: "no" }),
    );
    await updateProfile(
      db,
      provider,
      profileInputSchema.parse({ introduction: "数据资产评估。", serviceTypes: ["valuation", "compliance"], sectors: ["finance"] }),
    );
  });

  it("strips investors-only fields for non-investors and members-only fields for visitors", async () => {
    const asInvestor = await getProfile(db, investor, entOrg);
    expect(asInvestor.fields.financing?.use).toBe(SECRET_USE);
    expect(asInvestor.fields.revenueBand).toBe("r50m_200m");
    expect(asInvestor.fields.teamSize).toBe("s51_200");

    const asUser = await getProfile(db, user, entOrg);
    expect(asUser.fields).not.toHaveProperty("financing");
    expect(asUser.fields).not.toHaveProperty("revenueBand");
    expect(asUser.fields).not.toHaveProperty("fundingStage");
    expect(asUser.fields.teamSize).toBe("s51_200");
    expect(JSON.stringify(asUser)).not.toContain(SECRET_USE);
    expect(JSON.stringify(asUser)).not.toContain("r50m_200m");
    expect(asUser.restricted.map((r) => r.field).sort()).toEqual(["financing", "fundingStage", "revenueBand"]);

    const anonymous = await getProfile(db, null, entOrg);
    expect(anonymous.fields).not.toHaveProperty("teamSize");
    expect(JSON.stringify(anonymous)).not.toContain("s51_200");
    expect(anonymous.fields.dcmmLevel).toBe(4);
    expect(anonymous.fields.dataAssets?.map((a) => a.title)).toEqual(["城市道路流量数据集"]);

    // The secretariat counts as a member, not an investor; the owner's own members see everything.
    expect(JSON.stringify(await getProfile(db, staff, entOrg))).not.toContain(SECRET_USE);
    expect((await getProfile(db, entMember, entOrg)).fields.financing?.use).toBe(SECRET_USE);
  });

  it("the completeness meter counts what is filled and names what is missing", async () => {
    const full = await getOwnProfile(db, ent);
    expect(full.meter).toEqual({ percent: 100, missing: [] });
    const little = await getOwnProfile(db, sparse);
    expect(little.meter.percent).toBeLessThan(50);
    expect(little.meter.missing).toEqual(expect.arrayContaining(["businessScope", "products", "dataAssets", "certifications", "teamSize"]));
    expect(little.meter.missing).not.toContain("financing");
    expect(little.meter.missing).not.toContain("serviceTypes");
    // A service provider is asked for its services, not for data assets.
    const sp = await getOwnProfile(db, provider);
    expect(sp.meter.missing).not.toContain("serviceTypes");
    expect(sp.meter.missing).not.toContain("dataAssets");
    const empty = completeness("enterprise", {
      introduction: null,
      businessScope: null,
      products: [],
      sectors: [],
      dataAssets: [],
      dcmmLevel: null,
      certifications: [],
      serviceTypes: [],
      teamSize: null,
      revenueBand: null,
      fundingStage: null,
      financing: null,
      keyScenarios: [],
    });
    expect(empty.percent).toBe(0);
    // Saying "seeking financing" without the amount and the use is refused by the schema.
    const bad = profileInputSchema.safeParse({ financingSought: "yes" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["financingMax", "financingUse"]));
  });

  it("only the organisation's owners and admins edit it, and only for enterprises and providers; edits are audited", async () => {
    await expect(updateProfile(db, entMember, profileInputSchema.parse({}))).rejects.toMatchObject({ status: 403 });
    await expect(updateProfile(db, investor, profileInputSchema.parse({}))).rejects.toMatchObject({
      status: 403,
      messageKey: "profiles.errors.notProfileType",
    });
    await expect(updateProfile(db, null, profileInputSchema.parse({}))).rejects.toMatchObject({ status: 403 });
    expect((await auditRows(db, entOrg)).map((r) => r.action)).toContain("profile.updated");
  });

  it("filters and sorts on what the viewer may see", async () => {
    const q = (o: Record<string, unknown>) => directoryFilterSchema.parse(o);
    const names = async (actor: Actor | null, o: Record<string, unknown>) => (await listProfiles(db, actor, q(o))).profiles.map((p) => p.orgId);
    expect(await names(investor, { sector: "transport", dcmm: "4" })).toEqual([entOrg]);
    expect(await names(investor, { dcmm: "2" })).toEqual([sparseOrg]);
    expect(await names(investor, { region: "nansha", type: "enterprise" })).toEqual([sparseOrg]);
    expect(await names(investor, { financing: "yes" })).toEqual([entOrg]);
    expect(await names(investor, { financing: "no" })).toEqual([sparseOrg]);
    expect(await names(investor, { stage: "series_b" })).toEqual([entOrg]);
    // A non-investor filtering on an investors-only field learns nothing.
    expect(await names(user, { stage: "series_b" })).toEqual([]);
    expect(await names(user, { financing: "yes" })).toEqual([]);
    const byService = await listProfiles(db, null, q({ type: "service_provider", service: "valuation" }));
    expect(byService.profiles).toHaveLength(1);
    expect(byService.profiles[0].fields.serviceTypes).toContain("valuation");
    const sorted = (await listProfiles(db, investor, q({ sort: "completeness" }))).profiles;
    expect(sorted[0].orgId).toBe(entOrg);
    expect(sorted.map((p) => p.completeness)).toEqual([...sorted.map((p) => p.completeness)].sort((a, b) => b - a));
    const byDcmm = (await listProfiles(db, investor, q({ sort: "dcmm" }))).profiles.map((p) => p.fields.dcmmLevel ?? 0);
    expect(byDcmm).toEqual([...byDcmm].sort((a, b) => b - a));
    // Unknown filter values fall back to no filter rather than failing.
    expect(q({ dcmm: "9", sector: "moon", sort: "x" })).toMatchObject({ dcmm: undefined, sector: undefined, sort: "completeness" });
  });

  it("the directory reads only whether an organisation has data assets: the same completeness as its profile, no asset lists", async () => {
    const listed = (await listProfiles(db, investor, directoryFilterSchema.parse({}))).profiles;
    for (const orgId of [entOrg, sparseOrg]) {
      const card = listed.find((p) => p.orgId === orgId)!;
      const profile = await getProfile(db, investor, orgId);
      expect(card.completeness).toBe(profile.completeness);
      expect("dataAssets" in card.fields).toBe(false);
    }
    // The enterprise with a published supply has it on its profile and counts it; the sparse one does not.
    expect((await getProfile(db, investor, entOrg)).fields.dataAssets).toEqual([expect.objectContaining({ title: "城市道路流量数据集" })]);
    expect((await getProfile(db, investor, sparseOrg)).fields.dataAssets).toEqual([]);
  });

  it("counts a view once per viewing organisation per day and shows the owner aggregates, never who", async () => {
    expect(await recordView(db, investor, sparseOrg)).toBe(true);
    expect(await recordView(db, investor, sparseOrg)).toBe(false);
    expect(await recordView(db, user, sparseOrg)).toBe(true);
    expect(await recordView(db, sparse, sparseOrg)).toBe(false);
    expect(await recordView(db, null, sparseOrg)).toBe(false);
    await watch(db, investor, sparseOrg, "note");
    const interest = await profileInterest(db, sparse);
    expect(interest.weeks).toHaveLength(8);
    expect(interest.weeks.at(-1)).toMatchObject({ views: 2, watchers: 1 });
    expect(interest.watchingNow).toBe(1);
    expect(JSON.stringify(interest)).not.toContain(investor.org!.id);
  });

  it("pages the directory in SQL in the order its cards show, and counts profiles saved before the count was stored", async () => {
    const q = (o: Record<string, unknown>) => directoryFilterSchema.parse(o);
    // More than a page of enterprises, filled to different degrees.
    for (let i = 0; i < 22; i++) {
      const o = await makeApprovedOrg(db, staff, { type: "enterprise" });
      // An empty profile (0 %) is not listed (issue 29): every third one fills a single field.
      const fields = i % 3 === 0 ? { certifications: "ISO 27001" } : { introduction: `简介 ${i}`, ...(i % 2 ? { products: "产品" } : {}) };
      await updateProfile(db, await o.owner.actor(), profileInputSchema.parse(fields));
    }
    const first = await listProfiles(db, investor, q({ sort: "completeness" }));
    expect(first.total).toBeGreaterThan(first.pageSize);
    const pages = Math.ceil(first.total / first.pageSize);
    const cards = [];
    for (let page = 1; page <= pages; page++) cards.push(...(await listProfiles(db, investor, q({ sort: "completeness", page }))).profiles);
    expect(new Set(cards.map((c) => c.orgId)).size).toBe(first.total);
    const shown = cards.map((c) => c.completeness);
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
    expect(new Set(shown).size).toBeGreaterThan(3);
    const past = await listProfiles(db, investor, q({ page: pages + 3 }));
    expect(past).toMatchObject({ profiles: [], total: first.total });

    // A profile saved before migration 0022 sorts as empty until the server counts it at start.
    await db.updateTable("org_profiles").set({ filled_fields: null }).where("org_id", "=", entOrg).execute();
    expect((await listProfiles(db, investor, q({ sort: "completeness" }))).profiles[0].orgId).not.toBe(entOrg);
    expect(await countUncountedProfiles(db)).toBe(1);
    expect((await listProfiles(db, investor, q({ sort: "completeness" }))).profiles[0].orgId).toBe(entOrg);
    expect(await countUncountedProfiles(db)).toBe(0);
  });
});
