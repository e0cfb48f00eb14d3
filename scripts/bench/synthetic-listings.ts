/**
 * Synthetic marketplace data for the benchmarks: listings of realistic Chinese text (some
 * Traditional, some English) from a fixed seed, and a bulk loader that writes them with the search
 * vector, match words and term statistics the model would have written.
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import { Converter } from "opencc-js/cn2t";
import type { Db } from "../../db/index";
import { DELIVERY_MODES, PRICING_MODELS, REGIONS, RIGHTS, SECTORS, UPDATE_FREQUENCIES } from "../../app/models/core/enums";
import { TOTAL_TERM, syncMatchProfiles } from "../../app/models/marketplace/matching.server";
import { documentTokens, matchTerms, weightedVector } from "../../app/models/core/search.server";
import { rebuildSearchPostings } from "../../app/models/marketplace/listing-topk.server";

const BATCH = 500;

// ------------------------------------------------------------------ deterministic randomness
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const rnd = mulberry32(Number(process.env.BENCH_SEED ?? 20260101));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const some = <T>(xs: readonly T[], min: number, max: number): T[] => {
  const n = min + Math.floor(rnd() * (max - min + 1));
  const copy = [...xs];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]);
  return out;
};
const chance = (p: number) => rnd() < p;

// ------------------------------------------------------------------ vocabularies
type Sector = (typeof SECTORS)[number];
interface Vocab {
  nouns: string[];
  scenarios: string[];
  fields: [string, string][];
  orgWords: string[];
  en: { nouns: string[]; scenarios: string[] };
}
const V: Record<Sector, Vocab> = {
  industry: {
    nouns: [
      "设备运行状态",
      "工业互联网标识解析",
      "生产工单",
      "产线良品率",
      "供应链采购订单",
      "注塑机工艺参数",
      "设备故障日志",
      "数控机床振动",
      "工厂能耗",
      "零部件质量检测",
      "原材料库存",
      "产能利用率",
      "工业软件使用",
      "模具寿命",
      "焊接质量图像",
    ],
    scenarios: ["预测性维护", "产线良率提升", "供应链协同排产", "工业能效诊断", "质量缺陷检测模型训练", "产能共享撮合", "数字化转型评估", "智能制造成熟度评估"],
    fields: [
      ["device_id", "设备编号"],
      ["oee", "设备综合效率"],
      ["defect_rate", "不良率"],
      ["vibration_rms", "振动均方根"],
      ["order_no", "工单号"],
      ["spindle_temp", "主轴温度"],
    ],
    orgWords: ["智造", "工业互联", "精密制造", "机电"],
    en: {
      nouns: ["machine telemetry", "production yield", "supply chain orders", "factory energy use"],
      scenarios: ["predictive maintenance", "quality inspection models"],
    },
  },
  agriculture: {
    nouns: [
      "土壤墒情",
      "作物长势遥感",
      "荔枝产量",
      "农产品批发价格",
      "水稻病虫害",
      "农业气象",
      "畜禽养殖",
      "渔业捕捞",
      "冷链农产品流通",
      "耕地质量",
      "农资销售",
      "花卉苗木交易",
      "蔬菜基地产销",
      "高标准农田",
    ],
    scenarios: ["农业保险定损", "产量预测", "精准种植", "农产品价格监测预警", "产销对接", "病虫害防治", "乡村振兴评估", "农业信贷风控"],
    fields: [
      ["plot_id", "地块编号"],
      ["ndvi", "植被指数"],
      ["soil_moisture", "土壤含水量"],
      ["yield_kg", "亩产"],
      ["price_avg", "平均批发价"],
      ["pest_level", "病虫害等级"],
    ],
    orgWords: ["农业科技", "农产", "种业", "生态农业"],
    en: { nouns: ["crop yield", "soil moisture", "farm produce prices"], scenarios: ["crop insurance", "yield forecasting"] },
  },
  construction: {
    nouns: [
      "建设工程规划许可",
      "建筑物三维模型",
      "施工许可",
      "工地扬尘监测",
      "建筑能耗",
      "既有建筑普查",
      "装配式建筑构件",
      "城市更新片区",
      "房屋安全鉴定",
      "建材价格",
      "BIM模型",
      "市政管网",
      "地下空间",
      "工程造价",
    ],
    scenarios: ["城市更新评估", "工程造价测算", "危旧房排查", "绿色建筑评价", "智慧工地监管", "建筑碳排放核算", "管网运维", "规划方案比选"],
    fields: [
      ["building_id", "建筑编码"],
      ["floors", "层数"],
      ["built_year", "建成年代"],
      ["permit_no", "许可证号"],
      ["pm10", "颗粒物浓度"],
      ["unit_cost", "单方造价"],
    ],
    orgWords: ["建设", "建筑设计", "城建", "工程咨询"],
    en: { nouns: ["building permits", "3D building models", "construction costs"], scenarios: ["urban renewal assessment", "cost estimation"] },
  },
  transport: {
    nouns: [
      "道路交通流量",
      "拥堵指数",
      "公交刷卡客流",
      "地铁进出站客流",
      "网约车出行OD",
      "货车轨迹",
      "港口集装箱吞吐",
      "航空货运",
      "停车泊位",
      "共享单车骑行",
      "高速公路收费",
      "航运船舶AIS",
      "交通事故",
      "充电桩分布",
      "物流运单",
    ],
    scenarios: ["物流干线调度", "交通信号配时优化", "公交线网优化", "到达时间预测", "港航物流调度", "停车诱导", "出行导航", "运力规划"],
    fields: [
      ["road_id", "路段编号"],
      ["volume", "过车流量"],
      ["avg_speed", "平均车速"],
      ["congestion_index", "拥堵指数"],
      ["teu", "标准箱量"],
      ["eta", "预计到达时间"],
    ],
    orgWords: ["物流", "交通科技", "港航", "出行服务"],
    en: { nouns: ["traffic flow", "port throughput", "truck trajectories", "parking availability"], scenarios: ["logistics dispatch", "route planning"] },
  },
  health: {
    nouns: [
      "医学影像",
      "电子病历",
      "病理切片",
      "门诊处方",
      "医保结算",
      "慢病随访",
      "体检报告",
      "药品流通",
      "基因测序",
      "可穿戴设备心率",
      "医疗器械不良事件",
      "院感监测",
      "疫苗接种",
      "急诊急救",
    ],
    scenarios: ["辅助诊断模型训练", "慢病风险分层", "药品临床综合评价", "医保基金监管", "健康保险精算", "公共卫生监测", "新药研发", "医院运营分析"],
    fields: [
      ["study_uid", "检查编号"],
      ["modality", "成像方式"],
      ["icd10", "诊断编码"],
      ["drug_code", "药品编码"],
      ["claim_amt", "结算金额"],
      ["hr_bpm", "心率"],
    ],
    orgWords: ["医疗", "健康科技", "医药", "影像"],
    en: {
      nouns: ["medical imaging", "electronic health records", "prescriptions", "insurance claims"],
      scenarios: ["diagnosis model training", "health insurance pricing"],
    },
  },
  city_management: {
    nouns: [
      "12345热线工单",
      "城市部件",
      "井盖位移",
      "内涝积水",
      "垃圾分类",
      "网格化巡查",
      "视频事件识别",
      "噪声监测",
      "路灯运行",
      "户外广告",
      "城市体征",
      "应急物资",
      "人口热力",
      "消防隐患",
    ],
    scenarios: ["城市运行监测", "内涝预警", "基层治理绩效评估", "应急调度", "市容环境整治", "城市体检", "事件联动处置", "网格化管理"],
    fields: [
      ["event_id", "事件编号"],
      ["street", "街道"],
      ["category", "事件分类"],
      ["water_level", "积水深度"],
      ["handle_hours", "处置时长"],
      ["grid_id", "网格编号"],
    ],
    orgWords: ["智慧城市", "城市治理", "数字政务", "城市服务"],
    en: { nouns: ["hotline tickets", "urban sensors", "flood monitoring"], scenarios: ["city operations", "flood warning"] },
  },
  finance: {
    nouns: [
      "企业公共信用",
      "纳税信用等级",
      "工商登记",
      "司法涉诉",
      "社保缴纳",
      "发票流水",
      "供应链应收账款",
      "跨境贸易结算",
      "知识产权质押",
      "小微企业经营",
      "不动产抵押",
      "水电气缴费",
      "ESG披露",
      "动产融资登记",
    ],
    scenarios: ["普惠金融授信审批", "贷后风险预警", "供应链金融", "反欺诈", "投前尽职调查", "跨境信贷风控", "绿色金融", "保险核保"],
    fields: [
      ["uscc", "统一社会信用代码"],
      ["tax_level", "纳税信用等级"],
      ["lawsuit_count", "涉诉次数"],
      ["invoice_amt", "开票金额"],
      ["overdue_days", "逾期天数"],
      ["esg_score", "ESG评分"],
    ],
    orgWords: ["金融科技", "征信", "融资担保", "银行"],
    en: { nouns: ["corporate credit", "tax records", "invoice data", "trade finance"], scenarios: ["credit approval", "fraud detection"] },
  },
  education: {
    nouns: [
      "学位供给",
      "在线学习行为",
      "毕业生就业去向",
      "教师队伍",
      "校舍条件",
      "职业技能培训",
      "学业质量监测",
      "科研项目",
      "高校专利转化",
      "学生体质健康",
      "课程资源",
      "招生录取",
    ],
    scenarios: ["教育资源均衡配置", "学业预警", "人才政策评估", "个性化学习推荐", "专业设置优化", "产教融合对接", "科技成果转化", "职业培训评估"],
    fields: [
      ["school_code", "学校代码"],
      ["seats", "学位数"],
      ["teacher_ratio", "师生比"],
      ["major", "专业"],
      ["employment_rate", "就业率"],
      ["score", "测验成绩"],
    ],
    orgWords: ["教育科技", "职业培训", "学院", "教育服务"],
    en: { nouns: ["graduate employment", "learning analytics", "school capacity"], scenarios: ["education planning", "talent policy evaluation"] },
  },
  commerce: {
    nouns: [
      "商圈客流",
      "消费画像",
      "跨境电商订单",
      "零售门店销售",
      "会展客商",
      "进出口报关",
      "直播电商",
      "餐饮门店经营",
      "商品价格指数",
      "外贸订单",
      "市场主体登记",
      "免税商品销售",
    ],
    scenarios: ["商业选址", "消费趋势分析", "跨境电商物流规划", "精准营销", "外贸运行监测", "招商引资", "品牌出海", "会展效果评估"],
    fields: [
      ["area_id", "商圈编号"],
      ["visitors", "客流人次"],
      ["spend_index", "消费指数"],
      ["sku", "商品编码"],
      ["gmv", "成交额"],
      ["hs_code", "海关商品编码"],
    ],
    orgWords: ["商贸", "电商", "供应链管理", "会展"],
    en: {
      nouns: ["foot traffic", "consumer spending", "cross-border e-commerce orders", "retail sales"],
      scenarios: ["site selection", "consumer trend analysis"],
    },
  },
  energy: {
    nouns: [
      "用电负荷",
      "光伏出力",
      "风电功率",
      "充电桩运行",
      "碳排放核算",
      "储能电站运行",
      "燃气用量",
      "电网拓扑",
      "企业能耗",
      "虚拟电厂聚合",
      "综合能源",
      "分布式光伏",
    ],
    scenarios: ["需求响应", "负荷预测", "碳核算", "新能源消纳", "充电网络规划", "能效诊断", "绿电交易", "储能配置评估"],
    fields: [
      ["meter_id", "电表编号"],
      ["load_kw", "负荷"],
      ["pv_kwh", "光伏发电量"],
      ["co2_t", "碳排放量"],
      ["soc", "储能荷电状态"],
      ["gas_m3", "燃气用量"],
    ],
    orgWords: ["能源", "电力科技", "新能源", "节能服务"],
    en: { nouns: ["power load", "solar output", "EV charging", "carbon emissions"], scenarios: ["load forecasting", "carbon accounting"] },
  },
  culture_tourism: {
    nouns: [
      "景区预约",
      "游客接待",
      "酒店入住率",
      "文博场馆客流",
      "旅游消费",
      "节庆活动人流",
      "演出票务",
      "非遗项目",
      "旅行社线路",
      "跨境旅客",
      "邮轮旅客",
      "文创产品销售",
    ],
    scenarios: ["客流预测", "旅游线路设计", "节庆活动推广", "景区人流管控", "文旅消费券投放", "文化遗产数字化", "会展客流预估", "精准营销"],
    fields: [
      ["venue_id", "场馆编号"],
      ["visitors", "接待人数"],
      ["occupancy", "入住率"],
      ["origin_city", "客源城市"],
      ["ticket_sales", "票房"],
      ["avg_stay", "平均停留时长"],
    ],
    orgWords: ["文旅", "旅游", "文化传媒", "会展"],
    en: { nouns: ["visitor flows", "hotel occupancy", "tourism spending"], scenarios: ["tourism demand forecasting", "event promotion"] },
  },
  other: {
    nouns: [
      "数据资产评估",
      "数据出境合规",
      "政策法规语料",
      "数据交易价格",
      "隐私计算平台",
      "数据资产入表",
      "数据质量评估",
      "数据分类分级",
      "公共数据授权运营",
      "数据标注",
      "数据安全审计",
      "大模型训练语料",
    ],
    scenarios: ["数据资产入表", "合规自评估", "数据产品定价", "大模型训练", "数据安全治理", "数据要素市场研究", "跨境数据流通", "数据资产融资"],
    fields: [
      ["asset_type", "资产类型"],
      ["method", "评估方法"],
      ["risk_level", "风险等级"],
      ["doc_id", "文档编号"],
      ["price", "成交价格"],
      ["grade", "数据分级"],
    ],
    orgWords: ["数据服务", "数据科技", "合规咨询", "信息技术"],
    en: { nouns: ["data asset valuation", "compliance checklists", "training corpora"], scenarios: ["data asset pricing", "compliance self-assessment"] },
  },
};

const PLACES: [string, (typeof REGIONS)[number]][] = [
  ["广州市", "gz_yuexiu"],
  ["越秀区", "gz_yuexiu"],
  ["海珠区", "gz_haizhu"],
  ["天河区", "gz_tianhe"],
  ["白云区", "gz_baiyun"],
  ["黄埔区", "gz_huangpu"],
  ["番禺区", "gz_panyu"],
  ["花都区", "gz_huadu"],
  ["荔湾区", "gz_liwan"],
  ["从化区", "gz_conghua"],
  ["增城区", "gz_zengcheng"],
  ["南沙", "nansha"],
  ["粤港澳大湾区", "gba"],
  ["大湾区", "gba"],
  ["香港", "hong_kong"],
  ["澳门", "macau"],
  ["广东省", "mainland"],
  ["全国", "mainland"],
  ["", "gba"],
];
const ORG_PREFIX = [
  "广州",
  "穗",
  "羊城",
  "南粤",
  "岭南",
  "珠江",
  "粤港",
  "湾区",
  "南沙",
  "天河",
  "黄埔",
  "白云",
  "华南",
  "广东",
  "粤海",
  "云山",
  "花城",
  "越秀",
];
const ORG_CORE = [
  "数智",
  "智联",
  "信达",
  "云图",
  "恒通",
  "汇数",
  "新航",
  "瑞康",
  "博远",
  "启明",
  "中科",
  "华信",
  "智行",
  "天成",
  "明德",
  "鼎盛",
  "卓越",
  "鸿图",
];
const ORG_TAIL = ["有限公司", "股份有限公司", "研究院", "中心", "集团有限公司", "科技有限公司"];
const QUALIFIERS = ["实时", "历史", "脱敏", "聚合", "高精度", "全量", "分区县", "多源融合", "结构化", "标准化"];
const SUPPLY_SUFFIX = ["数据集", "数据", "数据接口", "统计数据", "监测数据", "数据服务", "分析报告", "数据产品"];
const DELIVERY_TEXT: Record<string, string> = {
  dataset: "以数据集方式交付，提供数据字典与样例",
  api: "通过标准接口实时调用，支持按次计费",
  privacy_computing: "通过隐私计算平台联合建模，原始数据不出域",
  model: "以模型服务方式提供，数据可用不可见",
  verification: "提供核验服务，仅返回核验结果",
  sandbox: "在数据沙箱内加工使用，结果经审核后导出",
  report: "提供定期分析报告",
};
const FREQ_TEXT: Record<string, string> = {
  realtime: "实时更新",
  daily: "按日更新",
  weekly: "按周更新",
  monthly: "按月更新",
  quarterly: "按季度更新",
  yearly: "按年更新",
  once: "一次性交付",
};
const toTraditional = Converter({ from: "cn", to: "hk" });

export interface GenListing {
  id: string;
  orgIdx: number;
  kind: "supply" | "demand";
  status: "published" | "pending_review" | "draft";
  title: string;
  description: string;
  dataCategory: string;
  grade: string;
  rights: string[];
  deliveryModes: string[];
  pricingModel: string;
  priceMin: number | null;
  priceMax: number | null;
  sectors: string[];
  regions: string[];
  tags: string[];
  updateFrequency: string;
  fields: { name: string; type: string; meaning: string | null }[];
  scenario: string;
  compliance: { personalInfo: boolean; legalBasis: string | null; importantData: boolean; crossBorder: boolean; declaration: string | null };
  publishedDaysAgo: number;
  /** documentTokens of the title and of the body, joined with \u0001 (arrays of 100k listings would not fit the heap). */
  titleTokens: string;
  bodyTokens: string;
}

export function orgName(i: number): string {
  const r = mulberry32(i * 7919 + 17);
  const p = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const sector = SECTORS[i % SECTORS.length];
  return `${p(ORG_PREFIX)}${p(ORG_CORE)}${p(V[sector].orgWords)}${p(ORG_TAIL)}${i}`;
}

export function generate(n: number, orgs: number): GenListing[] {
  const out: GenListing[] = [];
  for (let i = 0; i < n; i++) {
    const orgIdx = Math.floor(rnd() * orgs);
    const main = chance(0.7) ? SECTORS[orgIdx % SECTORS.length] : pick(SECTORS);
    const sectors = chance(0.3) ? [main, pick(SECTORS.filter((s) => s !== main))] : [main];
    const v = V[main];
    const kind = chance(0.55) ? "supply" : "demand";
    const status = chance(0.92) ? "published" : chance(0.5) ? "pending_review" : "draft";
    const [place, region] = pick(PLACES);
    const regions = [...new Set([region, ...some(REGIONS, 0, 2)])];
    const nouns = some(v.nouns, 2, 4);
    if (chance(0.3)) nouns.push(pick(V[pick(SECTORS)].nouns));
    const scenario = pick(v.scenarios);
    const deliveryModes = some(DELIVERY_MODES, 1, 3);
    const freq = pick(UPDATE_FREQUENCIES);
    const category = main === "health" && chance(0.5) ? "personal" : chance(0.35) ? "public" : chance(0.9) ? "enterprise" : "personal";
    const grade = category === "public" && chance(0.08) ? "important" : "general";
    const pricingModel =
      category === "public"
        ? chance(0.6)
          ? "government_guided"
          : chance(0.5)
            ? "free"
            : "negotiated"
        : pick(PRICING_MODELS.filter((p) => p !== "government_guided"));
    const lo = pricingModel === "free" || pricingModel === "negotiated" ? null : Math.round(rnd() * 100) * 1000;
    const hi = lo === null ? null : lo + Math.round(rnd() * 200) * 1000;
    const fields = some(v.fields, 2, 5).map(([name, meaning]) => ({ name, type: pick(["string", "integer", "number", "timestamp"]), meaning }));
    const qual = pick(QUALIFIERS);
    const english = chance(0.04);
    let title: string;
    let description: string;
    let scen = scenario;
    let tags = [...some(nouns, 1, 2), scenario.slice(0, 6)];
    if (english) {
      const en = V[main].en;
      const noun = pick(en.nouns);
      scen = pick(en.scenarios);
      title = kind === "supply" ? `${noun.replace(/^./, (c) => c.toUpperCase())} data for the Greater Bay Area` : `Looking for ${noun} data for ${scen}`;
      description =
        kind === "supply"
          ? `We offer ${noun} data covering Guangzhou and the Greater Bay Area, ${freq} updates, delivered through ${deliveryModes.join(" and ").replace(/_/g, " ")}. Useful for ${scen} and ${pick(en.scenarios)}. Fields include ${fields.map((f) => f.name).join(", ")}.`
          : `We need ${noun} and ${pick(en.nouns)} data for ${scen}. Delivery through ${deliveryModes.join(" or ").replace(/_/g, " ")} is fine; raw data may stay in its domain. Budget ${lo ?? "negotiable"}.`;
      tags = [noun, scen.split(" ")[0]];
    } else {
      title =
        kind === "supply"
          ? `${place}${chance(0.5) ? qual : ""}${nouns[0]}${chance(0.4) ? "与" + nouns[1] : ""}${pick(SUPPLY_SUFFIX)}`
          : pick([
              `需要${place}${nouns[0]}数据用于${scenario}`,
              `征集${place}${nouns[0]}${chance(0.5) ? "与" + nouns[1] : ""}数据`,
              `${scenario}需要${nouns[0]}数据`,
              `求购${qual}${nouns[0]}数据`,
            ]);
      const parts = [
        kind === "supply"
          ? `本单位汇聚${place || "全市"}${nouns.join("、")}等数据，${FREQ_TEXT[freq]}，时间跨度${2015 + Math.floor(rnd() * 8)}年至今。`
          : `我们正在开展${scenario}相关项目，需要${place || "大湾区"}${nouns.join("、")}等数据，${FREQ_TEXT[freq]}为佳。`,
        `数据经${pick(["去标识化", "脱敏", "聚合统计", "质量校验"])}处理，字段包括${fields.map((f) => f.meaning).join("、")}。`,
        deliveryModes.map((d) => DELIVERY_TEXT[d]).join("；") + "。",
        `可支撑${scenario}、${pick(v.scenarios)}${chance(0.5) ? "及" + pick(V[pick(SECTORS)].scenarios) : ""}等应用场景。`,
      ];
      if (chance(0.5))
        parts.push(
          `${pick(["欢迎", "诚邀", "期待"])}${pick(["数据商", "科研院所", "金融机构", "医疗机构", "物流企业", "政府部门"])}${kind === "supply" ? "洽谈合作" : "提供报价"}。`,
        );
      description = parts.join("");
      if (chance(0.12)) {
        title = toTraditional(title);
        description = toTraditional(description);
        scen = toTraditional(scen);
        tags = tags.map(toTraditional);
      }
    }
    const compliance = {
      personalInfo: category === "personal",
      legalBasis: category === "personal" ? "取得个人单独同意，去标识化后使用" : null,
      importantData: grade === "important",
      crossBorder: regions.includes("hong_kong") || regions.includes("macau") ? chance(0.3) : false,
      declaration: grade === "important" ? "已识别为重要数据并向主管部门备案，仅境内以沙箱方式使用" : null,
    };
    // Exactly the text searchVector() in listings.server.ts indexes.
    const body = [description, tags.join(" "), scen, "", fields.map((f) => `${f.name} ${f.meaning ?? ""}`).join(" ")].join(" \n ");
    out.push({
      id: crypto.randomUUID(),
      orgIdx,
      kind,
      status,
      title,
      description,
      dataCategory: category,
      grade,
      rights: some(RIGHTS, 1, 2),
      deliveryModes,
      pricingModel,
      priceMin: lo,
      priceMax: hi,
      sectors,
      regions,
      tags,
      updateFrequency: freq,
      fields,
      scenario: scen,
      compliance,
      publishedDaysAgo: rnd() * 365,
      titleTokens: documentTokens(title).join("\u0001"),
      bodyTokens: documentTokens(body).join("\u0001"),
    });
  }
  return out;
}

// ------------------------------------------------------------------ loading
export async function load(db: Db, data: GenListing[], orgIds: string[], userIds: string[]) {
  const t0 = performance.now();
  for (let i = 0; i < userIds.length; i += BATCH) {
    await db
      .insertInto("users")
      .values(userIds.slice(i, i + BATCH).map((id, k) => ({ id, email: `bench${i + k}@bench.test`, display_name: `bench ${i + k}`, password_hash: "x" })))
      .execute();
  }
  for (let i = 0; i < orgIds.length; i += BATCH) {
    await db
      .insertInto("organisations")
      .values(
        orgIds.slice(i, i + BATCH).map((id, k) => ({
          id,
          type: "enterprise",
          name_zh: orgName(i + k),
          region: "gba",
          contact_name: "联系人",
          contact_email: `bench${i + k}@bench.test`,
          description: "bench",
          status: "approved" as const,
          applied_by: userIds[i + k],
        })),
      )
      .execute();
    await db
      .insertInto("org_members")
      .values(orgIds.slice(i, i + BATCH).map((id, k) => ({ org_id: id, user_id: userIds[i + k], role: "owner" as const })))
      .execute();
  }
  // Secondary indexes are dropped for the bulk load and rebuilt from their own definitions.
  const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes where tablename = 'listings' and indexname <> 'listings_pkey'`.execute(db);
  for (const ix of indexes) await sql`drop index ${sql.id(ix.indexname)}`.execute(db);
  // Postings are written in one statement after the rows, not by the trigger row by row.
  await sql`alter table listings disable trigger listings_search_postings`.execute(db);
  const now = Date.now();
  for (let i = 0; i < data.length; i += BATCH) {
    await db
      .insertInto("listings")
      .values(
        data.slice(i, i + BATCH).map((l) => {
          const published = l.status === "published" ? new Date(now - l.publishedDaysAgo * 86_400_000) : null;
          return {
            id: l.id,
            org_id: orgIds[l.orgIdx],
            created_by: userIds[l.orgIdx],
            kind: l.kind,
            status: l.status,
            title: l.title,
            description: l.description,
            data_category: l.dataCategory,
            grade: l.grade,
            rights: l.rights,
            delivery_modes: l.deliveryModes,
            pricing_model: l.pricingModel,
            price_min: l.priceMin,
            price_max: l.priceMax,
            sectors: l.sectors,
            regions: l.regions,
            tags: l.tags,
            update_frequency: l.updateFrequency,
            fields: JSON.stringify(l.fields),
            scenario: l.scenario,
            compliance: JSON.stringify(l.compliance),
            contact_name: "联系人",
            contact_email: "bench@bench.test",
            // The model's expression (search.server.ts weightedVector, title tokens also as t: lexemes), on the model's tokens.
            search_vector: weightedVector(l.titleTokens.split("\u0001"), l.bodyTokens.split("\u0001")),
            match_terms: matchTerms([...l.titleTokens.split("\u0001"), ...l.bodyTokens.split("\u0001")]),
            published_at: published,
            created_at: published ?? new Date(now),
            updated_at: published ?? new Date(now),
          };
        }),
      )
      .execute();
  }
  await sql`alter table listings enable trigger listings_search_postings`.execute(db);
  const inserted = performance.now() - t0;
  for (const ix of indexes) await sql.raw(ix.indexdef).execute(db);
  const postings = await rebuildSearchPostings(db);
  const indexed = performance.now() - t0 - inserted;
  // What adjustTermStats(+1) at each publication would have left: df per lexeme over published rows, and N under TOTAL_TERM.
  await sql`
    insert into term_stats (term, df)
    select t, count(*)::int from listings, unnest(array_append(tsvector_to_array(search_vector), ${TOTAL_TERM}::text)) as t
    where status = 'published' group by t
    on conflict (term) do update set df = excluded.df`.execute(db);
  // What syncMatchProfiles at each publication would have left.
  await syncMatchProfiles(db);
  const stats = performance.now() - t0 - inserted - indexed;
  await sql`vacuum analyze listings`.execute(db);
  await sql`vacuum analyze term_stats`.execute(db);
  await sql`vacuum analyze match_profiles`.execute(db);
  await sql`vacuum analyze search_postings`.execute(db);
  await sql`analyze organisations`.execute(db);
  return { inserted, indexed, stats, postings, total: performance.now() - t0 };
}
