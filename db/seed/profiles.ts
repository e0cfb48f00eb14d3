import { sql } from "kysely";
import type { Db } from "../index";
import { loadActor } from "../../app/models/accounts/auth.server";
import { requestIntroduction } from "../../app/models/directory/introductions.server";
import { updateInvestorProfile } from "../../app/models/directory/investors.server";
import { watch } from "../../app/models/directory/watchlist.server";
import type { Actor } from "../../app/models/core/permissions";
import { investorProfileSchema, profileInputSchema } from "../../app/models/directory/profile-schema";
import { updateProfile } from "../../app/models/directory/profiles.server";

/**
 * Demo enterprise and service-provider profiles (varied completeness and visibility), investor
 * profiles, a watchlist with notes and one pending introduction, written through the real models.
 * Kept in step with DEMO_ORGS in db/seed.ts by slug (owners are `<slug>@yaosu.demo`).
 */
export const DEMO_PROFILES: Record<string, Record<string, unknown>> = {
  // Complete: every field, financing investors-only.
  "yuecheng-tech": {
    introduction: "粤城智算专注城市级数据治理与隐私计算，为交通、城市管理部门与企业提供“数据可用不可见”的数据产品开发与运营服务。",
    businessScope: "城市数据治理平台、隐私计算平台、交通与城市管理数据产品开发、公共数据授权运营技术支撑。",
    products: ["城市交通态势感知平台", "隐私计算联合建模平台", "城市运行数据中台"],
    sectors: ["transport", "city_management"],
    dcmmLevel: 4,
    certifications: ["ISO/IEC 27001 信息安全管理体系", "ISO/IEC 27701 隐私信息管理体系", "国家高新技术企业"],
    teamSize: "s51_200",
    revenueBand: "r50m_200m",
    fundingStage: "series_b",
    financingSought: true,
    financingMin: 8000,
    financingMax: 15000,
    financingUse: "扩充隐私计算研发团队，建设大湾区城市数据产品运营中心。",
    keyScenarios: ["交通信号配时优化", "城市运行一网统管", "网约车监管"],
    visibility: { teamSize: "members", revenueBand: "investors", fundingStage: "investors", financing: "investors" },
  },
  // Most fields; no financing answer, DCMM 3.
  "lingnan-health": {
    introduction: "岭南医疗影像聚焦医学影像数据标注、脱敏与联邦学习建模，服务区域医疗联合体与医疗器械企业。",
    businessScope: "医学影像数据治理、标注与脱敏服务，医疗 AI 联邦建模。",
    products: ["影像脱敏工具链", "联邦学习影像建模平台"],
    sectors: ["health"],
    dcmmLevel: 3,
    certifications: ["ISO 13485 医疗器械质量管理体系"],
    teamSize: "s21_50",
    fundingStage: "series_a",
    keyScenarios: ["肺结节辅助诊断", "区域医联体影像互认"],
    visibility: { teamSize: "public", fundingStage: "members" },
  },
  // Service provider, fairly complete.
  "trust-compliance": {
    introduction: "信衡数据合规为数据要素流通各方提供合规评估、个人信息保护影响评估与数据出境安全评估咨询。",
    businessScope: "数据合规咨询、数据安全评估、个人信息保护认证辅导。",
    products: ["数据合规体检", "数据出境安全评估申报辅导"],
    sectors: ["finance", "health", "commerce"],
    serviceTypes: ["compliance", "security_audit", "risk_assessment", "dispute_resolution", "training"],
    dcmmLevel: 3,
    certifications: ["CCRC 数据安全服务资质"],
    teamSize: "s21_50",
    keyScenarios: ["数据产品挂牌前合规评估"],
    financingSought: false,
  },
  // Service provider, little filled in.
  "gba-valuation": {
    introduction: "湾区数据资产评估事务所提供数据资产评估、入表咨询与数据产品定价服务。",
    serviceTypes: ["valuation", "brokerage"],
    sectors: ["finance"],
  },
};

export const DEMO_INVESTORS: Record<string, Record<string, unknown>> = {
  "pearl-capital": {
    thesis: "投资数据要素产业链中具备数据资源与数据产品化能力的早中期企业。",
    focusSectors: ["transport", "health", "finance", "city_management"],
    stages: ["angel", "series_a", "series_b"],
    ticketMin: 1000,
    ticketMax: 10000,
    regions: ["gz_tianhe", "nansha", "gba"],
  },
  "hk-harbour-capital": {
    thesis: "關注大灣區跨境數據流通、金融科技與醫療數據。",
    focusSectors: ["finance", "health"],
    stages: ["series_a", "series_b", "series_c_plus"],
    ticketMin: 3000,
    ticketMax: 20000,
    regions: ["hong_kong", "gba", "nansha"],
  },
};

export async function seedProfiles(db: Db): Promise<{ summary: string }> {
  const actors = new Map<string, Actor>();
  const owner = async (slug: string): Promise<Actor | null> => {
    if (actors.has(slug)) return actors.get(slug)!;
    const user = await db.selectFrom("users").select("id").where("email", "=", `${slug}@yaosu.demo`).executeTakeFirst();
    const actor = user ? await loadActor(db, user.id) : null;
    if (actor?.org) actors.set(slug, actor);
    return actor?.org ? actor : null;
  };
  let profiles = 0;
  for (const [slug, input] of Object.entries(DEMO_PROFILES)) {
    const a = await owner(slug);
    if (!a) continue;
    await updateProfile(db, a, profileInputSchema.parse(input));
    profiles++;
  }
  let investors = 0;
  for (const [slug, input] of Object.entries(DEMO_INVESTORS)) {
    const a = await owner(slug);
    if (!a) continue;
    await updateInvestorProfile(db, a, investorProfileSchema.parse(input));
    investors++;
  }
  const pearl = await owner("pearl-capital");
  const harbour = await owner("hk-harbour-capital");
  const lingnan = await owner("lingnan-health");
  const trust = await owner("trust-compliance");
  const yuecheng = await owner("yuecheng-tech");
  let watched = 0;
  let intros = 0;
  if (pearl && lingnan && trust) {
    await watch(db, pearl, lingnan.org!.id, "医疗影像赛道，A 轮估值待核实；关注联邦学习落地医院数量。");
    await watch(db, pearl, trust.org!.id, "可作为被投企业的合规尽调合作方。");
    watched += 2;
  }
  if (harbour && lingnan) {
    await watch(db, harbour, lingnan.org!.id, "跨境醫療數據合規路徑待確認。");
    watched++;
    await requestIntroduction(db, harbour, lingnan.org!.id, "您好，港灣數據資本關注醫療影像數據方向，希望了解貴司的聯邦學習項目與融資計劃。");
    intros++;
  }
  // Some weeks of aggregate interest, so the owners' charts are not empty on a fresh install.
  const viewers = [pearl, harbour].filter((x): x is Actor => !!x).map((x) => x.org!.id);
  const views = [yuecheng, lingnan, trust]
    .filter((x): x is Actor => !!x)
    .flatMap((target) =>
      Array.from({ length: 17 }, (_, i) => 1 + 3 * i).flatMap((day) =>
        viewers.slice(0, (day % 2) + 1).map((viewer) => ({
          target_org_id: target.org!.id,
          viewer_org_id: viewer,
          day: sql<string>`(now() at time zone 'Asia/Shanghai')::date - ${day}::int`,
        })),
      ),
    );
  if (views.length)
    await db
      .insertInto("profile_views")
      .values(views)
      .onConflict((oc) => oc.doNothing())
      .execute();
  return {
    summary: `Demo profiles: ${profiles} enterprise/provider profiles, ${investors} investor profiles, ${watched} watched, ${intros} pending introduction`,
  };
}
