import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { CANDIDATES, MATCH_WEIGHTS, MIN_SCORE, findMatches, scorePair, storedMatches, type MatchSide } from "../app/models/marketplace/matching.server";
import { refreshRecentMatchLists, reindexIfStale } from "../app/models/marketplace/reindex.server";
import { changeListingStatus, updateListing } from "../app/models/marketplace/listings.server";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { listingInput, publishListing } from "./helpers/listings";

describe("matching", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let hospital: Actor;
  let imagingCo: Actor;
  let other: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    hospital = await (await makeApprovedOrg(db, staff, { type: "user" })).owner.actor();
    imagingCo = await (await makeApprovedOrg(db, staff)).owner.actor();
    other = await (await makeApprovedOrg(db, staff)).owner.actor();
    // A small labelled market: what should meet, and what should not.
    ids.imaging = await publishListing(db, imagingCo, staff, {
      title: "三甲医院医学影像数据集（CT/MRI）",
      description: "脱敏后的胸部 CT 与头颅 MRI 医学影像，含放射科诊断标注，支持联邦学习建模。",
      sectors: ["health"],
      deliveryModes: ["privacy_computing", "sandbox"],
      rights: ["processing"],
      dataCategory: "personal",
      compliance: { personalInfo: true, legalBasis: "个人同意与匿名化处理", importantData: false, crossBorder: false, declaration: null },
      tags: ["医学影像", "标注"],
      scenario: "辅助诊断模型训练",
      regions: ["gz_huangpu"],
    });
    ids.traffic = await publishListing(db, other, staff, {});
    ids.weather = await publishListing(db, other, staff, {
      title: "气象观测小时数据",
      description: "广州各区自动气象站小时级温度、降水、风速观测数据。",
      sectors: ["agriculture"],
      tags: ["气象"],
      scenario: "农业生产气象服务",
    });
    ids.credit = await publishListing(db, other, staff, {
      title: "企业公共信用数据接口",
      description: "工商登记、行政处罚、纳税信用等级等企业公共信用信息查询接口。",
      sectors: ["finance"],
      tags: ["信用"],
      scenario: "普惠金融授信审批",
    });
    ids.retail = await publishListing(db, other, staff, {
      title: "商圈客流与消费统计",
      description: "重点商圈的客流热力与消费金额统计报告。",
      sectors: ["commerce"],
      deliveryModes: ["report"],
      tags: ["客流"],
      scenario: "商业选址分析",
    });
    ids.energy = await publishListing(db, other, staff, {
      title: "工业企业用电负荷数据",
      description: "规模以上工业企业分时用电负荷曲线。",
      sectors: ["energy", "industry"],
      tags: ["用电"],
      scenario: "能耗监测与需求响应",
    });
  });

  it("the weights live in one place and add up to one", () => {
    const sum = Object.values(MATCH_WEIGHTS).reduce((s, w) => s + w, 0);
    expect(sum).toBeCloseTo(1, 10);
  });

  it("a hospital's demand for imaging data finds the medical-imaging supply first, with the reasons", async () => {
    const demand = await publishListing(db, hospital, staff, {
      kind: "demand",
      title: "需要医学影像数据训练肺结节辅助诊断模型",
      description: "本院计划训练肺结节辅助诊断模型，需要带标注的胸部 CT 医学影像数据，可接受隐私计算方式交付。",
      sectors: ["health"],
      deliveryModes: ["privacy_computing"],
      rights: ["processing"],
      tags: ["医学影像"],
      scenario: "肺结节辅助诊断",
      regions: ["gz_yuexiu"],
    });
    const matches = await findMatches(db, demand);
    expect(matches[0].listingId).toBe(ids.imaging);
    const codes = matches[0].reasons.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["sector", "terms", "delivery", "rights"]));
    const terms = matches[0].reasons.find((r) => r.code === "terms") as { terms: string[] };
    // Whole words only: 医学影像, not its pieces 医学 and 影像; no generic words such as 数据.
    expect(terms.terms).toContain("医学影像");
    expect(terms.terms).not.toContain("影像");
    expect(terms.terms).not.toContain("数据");
    // An unrelated listing is not among the top five.
    expect(matches.slice(0, 5).map((m) => m.listingId)).not.toContain(ids.weather);
  });

  it("a demand written in Traditional Chinese finds a supply written in Simplified", async () => {
    const demand = await publishListing(db, hospital, staff, {
      kind: "demand",
      title: "徵求醫學影像數據",
      description: "香港醫療機構需要胸部 CT 醫學影像數據，用於輔助診斷研究。",
      sectors: ["health"],
      deliveryModes: ["sandbox"],
      tags: ["醫學影像"],
      scenario: "輔助診斷研究",
      regions: ["hong_kong"],
    });
    const matches = await findMatches(db, demand);
    expect(matches[0].listingId).toBe(ids.imaging);
    expect(matches[0].score).toBeGreaterThan(matches[1]?.score ?? 0);
  });

  it("an English demand meets Chinese supply through sectors and the glossary", async () => {
    const demand = await publishListing(db, hospital, staff, {
      kind: "demand",
      title: "Medical imaging data for diagnosis research",
      description: "We need annotated CT medical imaging data for a diagnosis model, delivered through privacy computing.",
      sectors: ["health"],
      deliveryModes: ["privacy_computing"],
      tags: ["imaging"],
      scenario: "Diagnosis model research",
      regions: ["overseas"],
    });
    const matches = await findMatches(db, demand);
    expect(matches[0].listingId).toBe(ids.imaging);
  });

  it("matching follows what is published: an edited listing is scored on its new sector, a withdrawn one not at all", async () => {
    const museumData = { title: "博物馆参观人次与展品热度数据", description: "各馆每日参观人次、展品停留时长热度统计。", tags: ["文旅"], scenario: "展陈优化" };
    const supply = await publishListing(db, other, staff, { ...museumData, sectors: ["culture_tourism"] });
    const tourismDemand = await publishListing(db, hospital, staff, { kind: "demand", ...museumData, sectors: ["culture_tourism"] });
    const schoolDemand = await publishListing(db, hospital, staff, { kind: "demand", ...museumData, sectors: ["education"] });
    const match = async (id: string) => (await findMatches(db, id)).find((m) => m.listingId === supply);
    const sectorReason = async (id: string) => (await match(id))?.reasons.some((r) => r.code === "sector");
    // Word for word the same: found from both demands, whatever sector each chose; the sector only adds.
    expect(await sectorReason(tourismDemand)).toBe(true);
    expect(await sectorReason(schoolDemand)).toBe(false);
    expect((await match(tourismDemand))!.score).toBeGreaterThan((await match(schoolDemand))!.score);

    await updateListing(db, other, supply, listingInput({ ...museumData, sectors: ["education"] }));
    expect(await sectorReason(tourismDemand)).toBe(false);
    expect(await sectorReason(schoolDemand)).toBe(true);

    await changeListingStatus(db, other, supply, "withdrawn");
    expect(await match(schoolDemand)).toBeUndefined();
    expect(await match(tourismDemand)).toBeUndefined();
  });

  it("a demand filed under the wrong sector still meets the supply that fits it word for word", async () => {
    const supply = await publishListing(db, other, staff, {
      title: "珠江口船舶AIS轨迹数据",
      description: "珠江口水域船舶AIS轨迹、航速与靠泊记录，每日更新。",
      sectors: ["transport"],
      tags: ["AIS", "船舶轨迹"],
      scenario: "港航调度",
    });
    const demand = await publishListing(db, hospital, staff, {
      kind: "demand",
      title: "采购珠江口船舶AIS轨迹",
      description: "需要珠江口船舶AIS轨迹与靠泊记录，用于港航调度研究。",
      sectors: ["other"],
      tags: ["船舶轨迹"],
      scenario: "港航调度研究",
    });
    const matches = await findMatches(db, demand);
    expect(matches[0].listingId).toBe(supply);
    expect(matches[0].reasons.map((r) => r.code)).not.toContain("sector");
  });

  it("a pair scores the same from either side, with the same reasons", async () => {
    const demand = await publishListing(db, hospital, staff, {
      kind: "demand",
      title: "需要商圈客流统计",
      description: "用于门店选址的重点商圈客流热力与消费统计。",
      sectors: ["commerce"],
      deliveryModes: ["report"],
      tags: ["客流"],
      scenario: "门店选址",
    });
    const fromDemand = (await findMatches(db, demand)).find((m) => m.listingId === ids.retail)!;
    const fromSupply = (await findMatches(db, ids.retail)).find((m) => m.listingId === demand)!;
    expect(fromDemand.score).toBe(fromSupply.score);
    expect(fromDemand.reasons).toEqual(fromSupply.reasons);
  });

  it(`the best counterpart is found when its sector holds more than ${CANDIDATES} others, even if it is the oldest`, async () => {
    const farm = await (await makeApprovedOrg(db, staff)).owner.actor();
    const noise = await (await makeApprovedOrg(db, staff)).owner.actor();
    const good = await publishListing(db, farm, staff, {
      title: "荔枝果园土壤墒情监测数据",
      description: "从化荔枝果园土壤墒情与气象传感器数据。",
      sectors: ["other"],
      deliveryModes: ["api"],
      rights: ["processing"],
      regions: ["gz_conghua"],
      tags: ["墒情"],
      scenario: "精准灌溉",
    });
    for (let i = 0; i < CANDIDATES + 10; i++)
      await publishListing(db, noise, staff, {
        title: `其他行业统计报告 ${i}`,
        description: "各行业年度综合统计分析报告，按季度汇编。",
        sectors: ["other"],
        deliveryModes: ["report"],
        rights: ["holding"],
        regions: ["overseas"],
        tags: ["报告"],
        scenario: "行业研究",
      });
    const demand = await publishListing(db, hospital, staff, {
      kind: "demand",
      title: "需要荔枝果园土壤墒情数据",
      description: "用于从化荔枝果园精准灌溉模型的训练与验证。",
      sectors: ["other"],
      deliveryModes: ["api"],
      rights: ["processing"],
      regions: ["gz_conghua"],
      tags: ["墒情"],
      scenario: "精准灌溉",
    });
    const matches = await findMatches(db, demand);
    expect(matches[0].listingId).toBe(good);
    // The 160 unrelated reports share a sector and little else: below MIN_SCORE, not shown as matches.
    expect(matches.length).toBeLessThan(20);
    expect(matches.every((m) => m.score >= MIN_SCORE)).toBe(true);
  });

  it("rare shared terms weigh more than common ones", () => {
    const side = (tokens: string[], kind: "supply" | "demand"): MatchSide => ({
      id: kind,
      kind,
      orgId: kind,
      sectors: ["other"],
      regions: [],
      deliveryModes: [],
      rights: [],
      pricingModel: "negotiated",
      priceMin: null,
      priceMax: null,
      publishedAt: new Date(),
      tokens,
    });
    const df = new Map([
      ["w:数据", 900],
      ["w:影像", 3],
      ["w:服务", 900],
    ]);
    const rare = scorePair(side(["w:数据", "w:影像"], "demand"), side(["w:服务", "w:影像"], "supply"), df, 1000);
    const common = scorePair(side(["w:数据", "w:影像"], "demand"), side(["w:数据", "w:服务"], "supply"), df, 1000);
    expect(rare.reasons.find((r) => r.code === "terms")).toEqual({ code: "terms", terms: ["影像"] });
    expect(rare.parts.terms).toBeGreaterThan(common.parts.terms);
  });

  it("scorePair is one function of the pair: freshness from the staler side, regions only where they really overlap", () => {
    const now = new Date("2026-11-30T12:00:00Z");
    const base = {
      orgId: "o",
      sectors: ["transport"],
      deliveryModes: ["api"],
      rights: ["processing"],
      pricingModel: "negotiated",
      priceMin: null,
      priceMax: null,
      tokens: ["w:公交", "w:客流"],
    };
    const baiyun: MatchSide = {
      ...base,
      id: "d",
      kind: "demand",
      regions: ["gz_baiyun", "gz_huangpu", "nansha"],
      publishedAt: new Date("2026-11-30T08:00:00Z"),
    };
    const hongKong: MatchSide = { ...base, id: "s", kind: "supply", regions: ["hong_kong", "gba"], publishedAt: new Date("2026-10-01T08:00:00Z") };
    const df = new Map([
      ["w:公交", 5],
      ["w:客流", 8],
    ]);
    const one = scorePair(baiyun, hongKong, df, 100, now);
    const other = scorePair(hongKong, baiyun, df, 100, now);
    expect(one).toEqual(other);
    expect(one.reasons.map((r) => r.code)).not.toContain("region");
    expect(one.reasons.map((r) => r.code)).not.toContain("fresh"); // the supply is two months old
    // A side naming only the Greater Bay Area covers Baiyun; two sides naming Baiyun share it.
    const gbaWide = scorePair(baiyun, { ...hongKong, regions: ["gba"] }, df, 100, now);
    expect(gbaWide.reasons).toContainEqual({ code: "region", regions: ["gz_baiyun", "gz_huangpu", "nansha"] });
    const sameDistrict = scorePair(baiyun, { ...hongKong, regions: ["gz_baiyun"], publishedAt: now }, df, 100, now);
    expect(sameDistrict.reasons).toContainEqual({ code: "region", regions: ["gz_baiyun"] });
    expect(sameDistrict.reasons).toContainEqual({ code: "fresh", days: 1 });
  });

  it("pages read stored match lists: publishing adds the pair to both sides' lists, withdrawal removes it", async () => {
    const supply = await publishListing(db, other, staff, {
      title: "南沙冷链仓储温湿度监测数据",
      description: "南沙冷库与冷藏车温湿度监测记录，含断链告警。",
      sectors: ["transport"],
      tags: ["冷链"],
      scenario: "冷链保险",
    });
    const demand = await publishListing(db, hospital, staff, {
      kind: "demand",
      title: "需要冷链温湿度监测数据",
      description: "冷库与冷藏车温湿度监测与断链告警记录，用于冷链保险。",
      sectors: ["finance"],
      tags: ["冷链"],
      scenario: "冷链保险定价",
    });
    const fromDemand = (await storedMatches(db, demand)).find((m) => m.listingId === supply);
    const fromSupply = (await storedMatches(db, supply)).find((m) => m.listingId === demand);
    expect(fromDemand).toBeDefined();
    expect(fromSupply).toEqual({ ...fromDemand, listingId: demand, orgId: fromSupply!.orgId });
    // What is stored is what scoring says now.
    const live = (await findMatches(db, demand)).find((m) => m.listingId === supply)!;
    expect(fromDemand!.score).toBeCloseTo(live.score, 3);

    await changeListingStatus(db, other, supply, "withdrawn");
    expect((await storedMatches(db, demand)).map((m) => m.listingId)).not.toContain(supply);
    expect(await db.selectFrom("match_candidates").select("demand_id").where("supply_id", "=", supply).execute()).toEqual([]);
  });

  it("the daily refresh re-scores recent listings' stored lists, so a pair's age is today's", async () => {
    const supply = await publishListing(db, other, staff, {
      title: "番禺充电桩使用记录",
      description: "番禺区公共充电桩充电时长与电量记录。",
      sectors: ["energy"],
      tags: ["充电桩"],
      scenario: "充电网络规划",
    });
    const demand = await publishListing(db, hospital, staff, {
      kind: "demand",
      title: "需要充电桩使用记录",
      description: "公共充电桩充电时长与电量记录，用于充电网络规划。",
      sectors: ["energy"],
      tags: ["充电桩"],
      scenario: "充电网络规划",
    });
    const freshReason = async () => (await storedMatches(db, demand)).find((m) => m.listingId === supply)?.reasons.find((r) => r.code === "fresh");
    expect(await freshReason()).toEqual({ code: "fresh", days: 1 });
    // Five days pass.
    const fiveDaysAgo = new Date(Date.now() - 5 * 86_400_000);
    await db.updateTable("listings").set({ published_at: fiveDaysAgo }).where("id", "in", [supply, demand]).execute();
    expect(await freshReason()).toEqual({ code: "fresh", days: 1 });
    expect(await refreshRecentMatchLists(db)).toBeGreaterThanOrEqual(2);
    expect(await freshReason()).toEqual({ code: "fresh", days: 5 });
    // Old listings are left alone.
    await db
      .updateTable("listings")
      .set({ published_at: new Date(Date.now() - 40 * 86_400_000) })
      .where("id", "in", [supply, demand])
      .execute();
    const left = await db
      .selectFrom("listings")
      .select("id")
      .where("status", "=", "published")
      .where("published_at", ">=", new Date(Date.now() - 16 * 86_400_000))
      .execute();
    expect(await refreshRecentMatchLists(db)).toBe(left.length);
    expect(await freshReason()).toEqual({ code: "fresh", days: 5 });
  });

  it("listings indexed under older text rules are re-indexed and their match lists rebuilt at start", async () => {
    const english = await publishListing(db, other, staff, {
      title: "Typhoon track archive",
      description: "Best-track typhoon records for the South China Sea since 1949.",
      sectors: ["other"],
      tags: ["typhoon"],
      scenario: "Catastrophe insurance",
    });
    const before = await db.selectFrom("listings").select("match_terms").where("id", "=", english).executeTakeFirstOrThrow();
    expect(before.match_terms).toContain("w:台风");
    expect(before.match_terms).not.toContain("typhoon"); // the glossary's Chinese word stands for it
    // As a database written by an older version would hold it:
    await db
      .updateTable("listings")
      .set({ match_terms: ["typhoon", "the", "for"] })
      .where("id", "=", english)
      .execute();
    await db.deleteFrom("match_candidates").execute();
    await db.updateTable("index_versions").set({ version: 1 }).where("name", "=", "listings_text").execute();
    expect(await reindexIfStale(db)).toBeGreaterThan(0);
    const after = await db.selectFrom("listings").select("match_terms").where("id", "=", english).executeTakeFirstOrThrow();
    expect(after.match_terms).toEqual(before.match_terms);
    expect(await db.selectFrom("match_candidates").select("supply_id").limit(1).execute()).toHaveLength(1);
    expect(await reindexIfStale(db)).toBeNull();
  });
});
