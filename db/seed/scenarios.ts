import type { Db } from "../index";
import { loadActor } from "../../app/models/accounts/auth.server";
import type { Actor } from "../../app/models/core/permissions";
import { scenarioInputSchema, type ScenarioStage } from "../../app/models/scenarios/scenario-schema";
import { createEdition, publishEdition, setCatalogEntry } from "../../app/models/scenarios/catalog.server";
import { createScenario } from "../../app/models/scenarios/scenarios.server";
import { answerInvitation, decideStageRequest, requestStageChange } from "../../app/models/scenarios/consent.server";
import { CROSSBORDER_SCENARIOS } from "./crossborder";

/**
 * Demo application scenarios (Guangzhou / Greater Bay Area, mostly Simplified, some Traditional)
 * and the published 2026 recommended catalog. Everything goes through the model, so search
 * vectors, stage moves and audit rows are the ones the app itself writes.
 */

/** Kept in step with db/seed.ts (not imported from there to avoid an import cycle). */
const SECRETARIAT = "secretariat@yaosu.demo";

export interface DemoScenario {
  org: string;
  stage: ScenarioStage;
  /** External ids of seeded listings the scenario uses. */
  listings: string[];
  participants: string[];
  catalog?: "recommended" | "demonstration";
  input: {
    title: string;
    titleEn?: string;
    sector: string;
    region: string;
    problem: string;
    dataDescription?: string;
    deliveryModes: string[];
    results: { label: string; value: number; unit?: string }[];
    imageUrls?: string[];
    /** Areas of cross-border mutual recognition (issue 35). */
    crossborderAreas?: string[];
  };
}

export const DEMO_SCENARIOS: DemoScenario[] = [
  {
    org: "yuecheng-tech",
    stage: "demonstration",
    listings: ["seed-002", "seed-032"],
    participants: ["baiyun-logistics", "gz-data-bureau"],
    catalog: "demonstration",
    input: {
      title: "城市道路交通流量赋能物流干线智能调度",
      titleEn: "Road traffic data for smarter trunk logistics scheduling",
      sector: "transport",
      region: "gz_baiyun",
      problem: "白云区物流园区货车高峰期拥堵严重，干线调度依赖人工经验，车辆空驶率高、准点率低。需要结合实时道路交通流量与拥堵指数，动态规划发车时间与路线。",
      dataDescription: "公共数据授权运营的道路交通流量接口，叠加企业自有订单与车辆轨迹数据，在隐私计算平台内联合建模。",
      deliveryModes: ["api", "privacy_computing"],
      results: [
        { label: "干线准点率提升", value: 18, unit: "%" },
        { label: "车辆空驶率下降", value: 12, unit: "%" },
        { label: "年节约燃油成本", value: 860, unit: "万元" },
      ],
      imageUrls: ["/img/scenarios/logistics.svg"],
    },
  },
  {
    org: "lingnan-health",
    stage: "demonstration",
    listings: ["seed-017", "seed-021"],
    participants: ["scut", "hk-data-lab"],
    catalog: "demonstration",
    input: {
      title: "医学影像联邦学习助力肺结节早筛",
      titleEn: "Federated learning on medical images for early lung nodule screening",
      sector: "health",
      region: "gz_huangpu",
      problem: "基层医院缺少高质量标注影像，肺结节漏诊率较高；三甲医院影像数据受个人信息保护约束，不能集中汇聚。",
      dataDescription: "多家医院的脱敏 CT 影像留在院内，通过联邦学习训练辅助诊断模型，模型参数加密交换，原始数据不出域。",
      deliveryModes: ["privacy_computing", "model"],
      results: [
        { label: "模型敏感度", value: 94.2, unit: "%" },
        { label: "覆盖基层医疗机构", value: 37, unit: "家" },
        { label: "阅片时间缩短", value: 40, unit: "%" },
      ],
      imageUrls: ["/img/scenarios/imaging.svg", "/img/scenarios/ct.svg"],
    },
  },
  {
    org: "hk-harbour-capital",
    stage: "pilot",
    listings: ["seed-001", "seed-030"],
    participants: ["gz-data-bureau", "nansha-bureau"],
    catalog: "demonstration",
    input: {
      title: "大灣區中小企業跨境信貸數據核驗",
      titleEn: "Cross-border credit data checks for Greater Bay Area SMEs",
      sector: "finance",
      region: "hong_kong",
      problem: "香港金融機構向內地中小企業提供跨境貸款時，難以核實企業的納稅、社保與公共信用情況，審批週期長、風險定價粗放。",
      dataDescription: "廣州公共信用資訊經授權以核驗接口提供，只返回核驗結果，不傳輸原始數據，符合數據出境安全要求。",
      deliveryModes: ["verification", "api"],
      results: [
        { label: "授信審批時間縮短", value: 60, unit: "%" },
        { label: "試點放款企業", value: 128, unit: "家" },
      ],
    },
  },
  {
    org: "gz-data-bureau",
    stage: "pilot",
    listings: ["seed-004"],
    participants: ["yuecheng-tech"],
    catalog: "recommended",
    input: {
      title: "12345热线工单智能分拨与城市治理",
      titleEn: "Routing 12345 hotline tickets for city governance",
      sector: "city_management",
      region: "gz_yuexiu",
      problem: "12345政务服务便民热线工单量大、类型多，人工分拨慢且易错，重复诉求难以及时发现。",
      dataDescription: "脱敏后的热线工单文本在数据沙箱中训练分类模型，结果回流到工单系统。",
      deliveryModes: ["sandbox", "model"],
      results: [
        { label: "自动分拨准确率", value: 91, unit: "%" },
        { label: "平均派单时长", value: 3, unit: "分钟" },
      ],
    },
  },
  {
    org: "macau-tourism",
    stage: "pilot",
    listings: ["seed-006", "seed-011", "seed-035"],
    participants: ["yuecheng-tech"],
    catalog: "recommended",
    input: {
      title: "澳門與廣州文旅客流聯動預測",
      sector: "culture_tourism",
      region: "macau",
      problem: "節假日期間澳門與廣州熱門景點客流波動大，旅遊企業難以預先安排接待與交通接駁。",
      dataDescription: "廣州景區預約數據與商圈客流熱力經聚合處理後，以分析報告形式提供，不涉及個人信息。",
      deliveryModes: ["report", "api"],
      results: [
        { label: "客流預測準確率", value: 87, unit: "%" },
        { label: "參與旅遊企業", value: 24, unit: "家" },
      ],
    },
  },
  {
    org: "nansha-bureau",
    stage: "proposed",
    listings: ["seed-008"],
    participants: ["baiyun-logistics", "trust-compliance"],
    catalog: "recommended",
    input: {
      title: "南沙港跨境贸易通关时效优化",
      titleEn: "Faster customs clearance for cross-border trade at Nansha port",
      sector: "commerce",
      region: "nansha",
      problem: "进出口企业无法预估集装箱通关时效，影响订舱与资金周转；港口、海关与企业数据分散。",
      dataDescription: "南沙港区集装箱进出港与通关时效数据，结合企业报关单据，在隐私计算平台中联合分析。",
      deliveryModes: ["privacy_computing", "report"],
      results: [{ label: "目标：通关时效预测误差", value: 6, unit: "小时" }],
    },
  },
  {
    org: "gdri",
    stage: "proposed",
    listings: ["seed-009", "seed-026"],
    participants: ["scut"],
    input: {
      title: "规上工业企业能耗与碳排放画像",
      sector: "energy",
      region: "nansha",
      problem: "园区管理方需要掌握重点企业的用能结构与碳排放强度，以制定节能改造与绿电交易方案。",
      dataDescription: "企业用电负荷与碳排放监测数据，按企业授权在数据沙箱中加工为画像指标。",
      deliveryModes: ["sandbox", "report"],
      results: [],
    },
  },
  {
    org: "scut",
    stage: "proposed",
    listings: ["seed-020"],
    participants: ["gdri"],
    input: {
      title: "在线学习行为分析支持精准教学",
      sector: "education",
      region: "gz_panyu",
      problem: "高校在线课程学生参与度差异大，教师难以及时识别学习困难学生并提供帮助。",
      dataDescription: "学习平台行为日志经去标识化处理，仅在校内数据沙箱中建模，输出预警名单给任课教师。",
      deliveryModes: ["sandbox", "model"],
      results: [{ label: "试点课程", value: 12, unit: "门" }],
    },
  },
  {
    org: "trust-compliance",
    stage: "demonstration",
    listings: ["seed-038"],
    participants: ["hk-data-lab", "gba-valuation"],
    catalog: "recommended",
    input: {
      title: "个人信息出境标准合同备案一站式服务",
      sector: "other",
      region: "gba",
      problem: "大湾区企业向香港、澳门传输个人信息时，不清楚标准合同备案与安全评估的适用条件，准备材料耗时。",
      dataDescription: "整理已备案案例库与监管问答，提供合规自评工具与专家复核。",
      deliveryModes: ["report", "verification"],
      results: [
        { label: "服务企业", value: 210, unit: "家" },
        { label: "备案材料准备时间缩短", value: 50, unit: "%" },
      ],
    },
  },
  ...CROSSBORDER_SCENARIOS,
];

const CATALOG_YEAR = 2026;

/** What a publisher tells the secretariat when asking for a stage (the demo's own words). */
const SIGNOFF_EVIDENCE = {
  pilot: "试点协议已签署，参与单位已确认，首批数据已在隐私计算平台完成联调。",
  demonstration: "试点运行满六个月，效果指标经第三方评估确认，可复制推广。",
} as const;

export async function seedScenarios(db: Db, scenarios: DemoScenario[] = DEMO_SCENARIOS): Promise<{ summary: string }> {
  const actors = new Map<string, Actor>();
  const actorOf = async (email: string): Promise<Actor> => {
    const cached = actors.get(email);
    if (cached) return cached;
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const actor = await loadActor(db, user.id);
    if (!actor) throw new Error(`demo user ${email} missing`);
    actors.set(email, actor);
    return actor;
  };
  const orgId = async (slug: string) => (await actorOf(`${slug}@yaosu.demo`)).org!.id;

  let created = 0;
  const entries: { id: string; demonstration: boolean }[] = [];
  for (const d of scenarios) {
    const owner = await actorOf(`${d.org}@yaosu.demo`);
    let id = (await db.selectFrom("scenarios").select("id").where("org_id", "=", owner.org!.id).where("title", "=", d.input.title).executeTakeFirst())?.id;
    if (!id) {
      const listings = await db
        .selectFrom("listings")
        .select("id")
        .where("external_id", "in", d.listings.length ? d.listings : ["-"])
        .where("status", "=", "published")
        .execute();
      const input = scenarioInputSchema.parse({
        ...d.input,
        listingIds: listings.map((l) => l.id),
        participantOrgIds: await Promise.all(d.participants.map(orgId)),
      });
      id = await createScenario(db, owner, input);
      // Named organisations confirm through their own managers; a proposed scenario leaves its first
      // invitation open, so the demo shows one waiting. Stages are requested and signed off by the secretariat.
      for (const [i, slug] of d.participants.entries()) {
        if (d.stage === "proposed" && i === 0) continue;
        await answerInvitation(db, await actorOf(`${slug}@yaosu.demo`), id, "confirm");
      }
      const path: ("pilot" | "demonstration")[] = d.stage === "proposed" ? [] : d.stage === "pilot" ? ["pilot"] : ["pilot", "demonstration"];
      for (const to of path) {
        const requestId = await requestStageChange(db, owner, id, { to, evidence: SIGNOFF_EVIDENCE[to], evidenceUrl: null });
        await decideStageRequest(db, await actorOf(SECRETARIAT), { requestId, decision: "approve", reason: null });
      }
      created++;
    }
    if (d.catalog) entries.push({ id, demonstration: d.catalog === "demonstration" });
  }

  const staff = await actorOf(SECRETARIAT);
  const edition = await db.selectFrom("catalog_editions").select(["id", "status"]).where("year", "=", CATALOG_YEAR).executeTakeFirst();
  if (!edition) {
    const editionId = await createEdition(db, staff, {
      year: CATALOG_YEAR,
      title: `${CATALOG_YEAR} 年广州数据要素应用场景推荐目录`,
      intro:
        "本目录由联盟秘书处遴选成员单位在交通物流、医疗健康、普惠金融、城市治理、文旅等领域的数据要素应用场景，其中示范案例已形成可复制推广的经验，坚持“原始数据不出域、数据可用不可见”。",
    });
    for (const e of entries) await setCatalogEntry(db, staff, editionId, e.id, e.demonstration);
    if (entries.length) await publishEdition(db, staff, editionId);
  }
  const total = (await db.selectFrom("scenarios").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
  return {
    summary: `Demo scenarios: ${created} created (${Number(total)} in all); ${CATALOG_YEAR} catalog ${edition ? "already present" : `published with ${entries.length} scenarios, ${entries.filter((e) => e.demonstration).length} demonstration cases`}`,
  };
}
