import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { reviewListing } from "../app/models/marketplace/listings.server";
import type { Actor } from "../app/models/core/permissions";
import { expressInterest, getMatchView, matchesForListing } from "../app/models/marketplace/deals.server";
import { dbForSuite } from "./helpers/db";
import { publishListing } from "./helpers/listings";
import { startTestApp, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";

/**
 * Issue 35 over HTTP: a Guangzhou supplier declares a flow on the listing form, the platform works
 * out its route, and a Hong Kong research lab reads the same route, steps and documents in
 * Traditional Chinese and in English as the supplier does; data that needs the CAC's assessment says
 * so before anyone negotiates; the secretariat lists every flow by route and exports it.
 */
const FORM = {
  kind: "supply",
  title: "广州三甲医院门诊就诊统计数据",
  description: "广州市天河区三家医院门诊就诊人次、病种分布与候诊时长统计，按日汇总，含患者年龄段。",
  dataCategory: "personal",
  grade: "general",
  rights: "processing",
  deliveryModes: "sandbox",
  pricingModel: "negotiated",
  sectors: "health",
  regions: "gz_tianhe",
  tags: "医疗, 跨境",
  scenario: "粤港联合公共卫生研究",
  personalInfo: "on",
  legalBasis: "患者单独同意",
  contactName: "王医生",
  contactEmail: "data@hospital.test",
};
const FLOW = {
  "crossBorderFlow.direction": "to_hong_kong",
  "crossBorderFlow.people": "300000",
  "crossBorderFlow.sensitivePeople": "0",
  "crossBorderFlow.researchData": "on",
  "crossBorderFlow.processorInGba": "on",
  "crossBorderFlow.recipientKind": "research",
  "crossBorderFlow.purpose": "与香港大学联合开展流行病学研究",
};

describe("cross-border routes over HTTP", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let staff: { email: string; actor: () => Promise<Actor> };
  let supplier: { email: string; actor: () => Promise<Actor> };
  let lab: { email: string; actor: () => Promise<Actor> };
  let gbaListing: string;
  let assessedListing: string;
  beforeAll(async () => {
    db = t.db;
    staff = await makeUser(db, { role: "secretariat" });
    supplier = (await makeApprovedOrg(db, await staff.actor(), { region: "gz_tianhe" })).owner;
    lab = (await makeApprovedOrg(db, await staff.actor(), { type: "research", region: "hong_kong", creditCode: undefined, nameZh: "香港數據研究實驗室" }))
      .owner;
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close();
  });

  async function signedIn(who: { email: string }, lang: string): Promise<HttpClient> {
    const c = app.client(lang);
    await c.signIn(who.email, PASSWORD);
    return c;
  }

  it("the supplier declares a flow to Hong Kong on the form; the route is worked out and stored", async () => {
    const c = await signedIn(supplier, "zh-CN");
    const res = await c.post("/listings/new", { ...FORM, ...FLOW, intent: "submit" });
    expect(res.status).toBe(302);
    gbaListing = res.headers.get("location")!.split("/").pop()!;
    await reviewListing(db, await staff.actor(), gbaListing, { decision: "approve", reason: null });
    const row = await db.selectFrom("crossborder_declarations").selectAll().where("listing_id", "=", gbaListing).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ direction: "to_hong_kong", people: 300_000, personal_info: true, processor_in_gba: true, route: "gba_standard_contract" });
    const listing = await db.selectFrom("listings").select("compliance").where("id", "=", gbaListing).executeTakeFirstOrThrow();
    expect(listing.compliance.crossBorder).toBe(true);
  });

  it("a Hong Kong lab sees the route, steps and documents in Traditional Chinese and English, and the supplier sees the same", async () => {
    const labHant = await (await (await signedIn(lab, "zh-HK")).get(`/listings/${gbaListing}`)).text();
    const labEn = await (await (await signedIn(lab, "en")).get(`/listings/${gbaListing}`)).text();
    const supplierHant = await (await (await signedIn(supplier, "zh-HK")).get(`/listings/${gbaListing}`)).text();
    const supplierEn = await (await (await signedIn(supplier, "en")).get(`/listings/${gbaListing}`)).text();
    const panel = (html: string) => /<section[^>]*data-testid="crossborder"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    for (const html of [labHant, supplierHant]) {
      expect(html).toContain('data-route="gba_standard_contract"');
      expect(panel(html)).toContain("大灣區標準合同");
      expect(panel(html)).toContain("不構成法律意見");
      expect(panel(html)).toContain("10 個工作日內向廣東省網信辦備案");
      expect(panel(html)).toContain("不得將個人信息再提供給大灣區以外的組織或個人");
      expect(panel(html)).toContain("標準合同或認證");
      expect(html).not.toContain('data-testid="crossborder-blocked"');
    }
    for (const html of [labEn, supplierEn]) {
      expect(panel(html)).toContain("GBA standard contract");
      expect(panel(html)).toContain("not legal advice");
      expect(panel(html)).toContain("File it with the Guangdong cyberspace office within 10 working days");
      expect(panel(html)).toContain("Copy of the legal representative&#x27;s ID");
      expect(panel(html)).toContain("GBA (Mainland, Hong Kong) standard contract guidelines (2023)");
    }
    // Both sides read the same panel (the page is the same for them apart from who may act).
    expect(panel(labEn)).toBe(panel(supplierEn));
    expect(panel(labHant)).toBe(panel(supplierHant));
  });

  it("important data needs the assessment: the page says so before the interest form", async () => {
    const c = await signedIn(supplier, "en");
    const res = await c.post("/listings/new", {
      ...FORM,
      ...FLOW,
      title: "广州城市路网高精度测绘数据",
      dataCategory: "public",
      grade: "important",
      importantData: "on",
      declaration: "已按主管部门目录识别为重要数据",
      intent: "submit",
    });
    expect(res.status).toBe(302);
    assessedListing = res.headers.get("location")!.split("/").pop()!;
    await reviewListing(db, await staff.actor(), assessedListing, { decision: "approve", reason: null });
    for (const lang of ["en", "zh-HK"]) {
      const html = await (await (await signedIn(lab, lang)).get(`/listings/${assessedListing}`)).text();
      expect(html).toContain('data-route="security_assessment"');
      const blocked = html.indexOf('data-testid="crossborder-blocked"');
      expect(blocked).toBeGreaterThan(0);
      expect(html).toContain(lang === "en" ? "cannot leave the mainland without a security assessment" : "未經國家網信部門數據出境安全評估不得出境");
    }
  });

  it("a Hong Kong demand meets the Guangzhou supplies with the route as a reason, or the assessment as an obstacle, on both sides", async () => {
    const demand = await publishListing(db, await lab.actor(), await staff.actor(), {
      kind: "demand",
      title: "需要广州门诊就诊统计数据开展流行病学研究",
      description: "香港研究团队需要广州医院门诊就诊人次与病种分布统计数据，用于粤港联合流行病学研究。",
      dataCategory: "personal",
      sectors: ["health"],
      regions: ["hong_kong"],
      deliveryModes: ["sandbox"],
      tags: ["流行病学", "门诊统计"],
      scenario: "粤港联合流行病学研究",
      compliance: { personalInfo: true, legalBasis: "研究伦理审批", importantData: false, crossBorder: true, declaration: null },
    });
    const fromDemand = await matchesForListing(db, await lab.actor(), demand);
    const reasonOf = (id: string) => fromDemand.find((m) => m.listingId === id)?.reasons.find((r) => r.code === "crossborder");
    expect(reasonOf(gbaListing)).toEqual({ code: "crossborder", route: "gba_standard_contract", needsAssessment: false });
    expect(reasonOf(assessedListing)).toEqual({ code: "crossborder", route: "security_assessment", needsAssessment: true });
    const fromSupply = await matchesForListing(db, await supplier.actor(), gbaListing);
    expect(fromSupply.find((m) => m.listingId === demand)?.reasons.find((r) => r.code === "crossborder")).toEqual(reasonOf(gbaListing));
    const page = await (await (await signedIn(lab, "en")).get(`/listings/${demand}`)).text();
    expect(page).toContain("Cross-border route: GBA standard contract");
    expect(page).toContain("Obstacle: needs a security assessment before the data leaves the mainland");
    const hant = await (await (await signedIn(supplier, "zh-HK")).get(`/listings/${gbaListing}`)).text();
    expect(hant).toContain("跨境路徑：大灣區標準合同");

    // The deal the lab opens carries the route on its page, for both parties.
    const matchId = await expressInterest(db, await lab.actor(), { myListingId: demand, otherListingId: assessedListing });
    expect((await getMatchView(db, await supplier.actor(), matchId)).reasons).toContainEqual({
      code: "crossborder",
      route: "security_assessment",
      needsAssessment: true,
    });
    const deal = await (await (await signedIn(lab, "zh-HK")).get(`/matches/${matchId}`)).text();
    expect(deal).toContain("障礙：數據出境前須通過安全評估");
  });

  it("the listings page filters by route, with and without words", async () => {
    const c = app.client("en");
    const gba = await (await c.get("/listings?route=gba_standard_contract")).text();
    expect(gba).toContain(`/listings/${gbaListing}"`);
    expect(gba).not.toContain(`/listings/${assessedListing}"`);
    const assessed = await (await c.get(`/listings?route=security_assessment&q=${encodeURIComponent("广州")}`)).text();
    expect(assessed).toContain(`/listings/${assessedListing}"`);
    expect(assessed).not.toContain(`/listings/${gbaListing}"`);
    // A route nobody declared finds nothing; an unknown one is dropped, not refused.
    expect(await (await c.get("/listings?route=exempt")).text()).not.toContain(`/listings/${gbaListing}"`);
    expect((await c.get("/listings?route=to_mars")).status).toBe(200);
  });

  it("contradictions and bad values are 400s with the message on the field, in the reader's language", async () => {
    const c = await signedIn(supplier, "en");
    const trade = await c.postData("/listings/new", { ...FORM, ...FLOW, "crossBorderFlow.exemption": "trade_no_pi", intent: "draft" });
    expect(trade.status).toBe(400);
    expect(trade.body.fieldErrors["crossBorderFlow.exemption"]).toBe("This exemption covers data without personal information only");
    const bad = await c.postData("/listings/new", {
      ...FORM,
      ...FLOW,
      "crossBorderFlow.direction": "to_mars",
      "crossBorderFlow.people": "-3",
      intent: "draft",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors["crossBorderFlow.direction"]).toBe("Choose one of the options");
    expect(bad.body.fieldErrors["crossBorderFlow.people"]).toBe("Enter a whole number of people (0 or more)");
    const hant = await (await signedIn(supplier, "zh-HK")).postData("/listings/new", { ...FORM, ...FLOW, "crossBorderFlow.purpose": "", intent: "draft" });
    expect(hant.status).toBe(400);
    expect(hant.body.fieldErrors["crossBorderFlow.purpose"]).toBeTruthy();
  });

  it("the form starts with no direction, and an edit that clears the direction removes the declaration", async () => {
    const c = await signedIn(supplier, "en");
    const form = await (await c.get("/listings/new")).text();
    expect(form).toContain('name="crossBorderFlow.direction"');
    const edit = await (await c.get(`/listings/${gbaListing}/edit`)).text();
    expect(edit).toMatch(/<option value="to_hong_kong" selected/);
    const draft = await c.post("/listings/new", { ...FORM, ...FLOW, title: "待清除跨境声明的挂牌", intent: "draft" });
    const id = draft.headers.get("location")!.split("/").pop()!;
    const saved = await c.post(`/listings/${id}/edit`, { ...FORM, title: "待清除跨境声明的挂牌", "crossBorderFlow.direction": "", intent: "save" });
    expect(saved.status).toBe(302);
    expect(await db.selectFrom("crossborder_declarations").select("route").where("listing_id", "=", id).executeTakeFirst()).toBeUndefined();
    expect(await (await c.get(`/listings/${id}`)).text()).not.toContain('data-testid="crossborder"');
  });

  it("the secretariat sees every declared flow by route and status, and the CSV lists them; members may not", async () => {
    const c = await signedIn(staff, "en");
    const page = await (await c.get("/admin/crossborder")).text();
    expect(page).toContain("GBA standard contract: 1");
    expect(page).toContain("Security assessment (CAC): 1");
    const filtered = await (await c.get("/admin/crossborder?route=security_assessment")).text();
    expect(filtered).toContain(assessedListing);
    expect(filtered).not.toContain(`/listings/${gbaListing}"`);
    const csv = await c.get("/admin/crossborder.csv?status=published");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toContain("Route,Listing,Organisation");
    expect(text).toContain(gbaListing);
    expect(text).toContain(assessedListing);
    expect(text).toContain("GBA standard contract");
    const hant = await (await (await signedIn(staff, "zh-HK")).get("/admin/crossborder.csv")).text();
    expect(hant).toContain("大灣區標準合同");
    for (const path of ["/admin/crossborder", "/admin/crossborder.csv"]) {
      const member = await (await signedIn(lab, "en")).get(path);
      expect(member.status).toBe(403);
    }
  });
});
