import type { z } from "zod";
import type { Db } from "../index";
import { loadActor } from "../../app/models/accounts/auth.server";
import { listingInputSchema, type ListingInput } from "../../app/models/marketplace/listing-schema";
import { createListing, reviewListing } from "../../app/models/marketplace/listings.server";
import type { Actor } from "../../app/models/core/permissions";
import { CROSSBORDER_LISTINGS } from "./crossborder";

/**
 * Demo supply and demand listings for the demo organisations of db/seed.ts: Guangzhou / Greater Bay
 * Area data elements, mostly Simplified Chinese, some Traditional (Hong Kong, Macau) and English.
 * Every listing goes through the real model (validated by the one schema, created, submitted and
 * approved by the secretariat), so search vectors, term statistics, matches and audit rows are the
 * ones the app itself would have written. Some pairs are meant to meet (marked "pairs with").
 */

/** Kept in step with db/seed.ts (not imported from there to avoid an import cycle). */
const SECRETARIAT = "secretariat@yaosu.demo";

type RawInput = z.input<typeof listingInputSchema>;
export type DemoListingInput = Omit<RawInput, "contactName" | "contactEmail" | "compliance"> &
  Partial<Pick<RawInput, "contactName" | "contactEmail" | "compliance">>;

export interface DemoListing {
  externalId: string;
  /** The slug of a demo organisation; its owner `<slug>@yaosu.demo` posts the listing. */
  org: string;
  /** What the seed leaves it as: published (approved by the secretariat), submitted, or a draft. */
  status: "published" | "pending_review" | "draft";
  listing: DemoListingInput;
}

const NONE = { personalInfo: false, legalBasis: null, importantData: false, crossBorder: false, declaration: null };
const personal = (legalBasis: string, crossBorder = false) => ({ ...NONE, personalInfo: true, legalBasis, crossBorder });
const important = (declaration: string) => ({ ...NONE, importantData: true, declaration });

/** Who answers for each organisation's listings. */
const CONTACTS: Record<string, { name: string; phone: string }> = {
  "gz-data-bureau": { name: "陈志远", phone: "+86 20 8312 6600" },
  "nansha-bureau": { name: "黄嘉欣", phone: "+86 20 3468 1120" },
  "yuecheng-tech": { name: "李浩然", phone: "+86 20 3899 2086" },
  "lingnan-health": { name: "梁思敏", phone: "+86 20 8221 7735" },
  scut: { name: "周文博", phone: "+86 20 3938 0456" },
  gdri: { name: "吴晓岚", phone: "+86 20 8456 3310" },
  "pearl-capital": { name: "郑嘉豪", phone: "+86 20 2883 1909" },
  "hk-harbour-capital": { name: "陳曉彤", phone: "+852 2877 3360" },
  "baiyun-logistics": { name: "刘建国", phone: "+86 20 3606 8812" },
  "macau-tourism": { name: "何詠詩", phone: "+853 2871 5566" },
  "trust-compliance": { name: "林静怡", phone: "+86 20 3928 4471" },
  "gba-valuation": { name: "Grace Tam", phone: "+86 20 3713 5508" },
  "hk-data-lab": { name: "Dr. Kelvin Ho", phone: "+852 3917 2208" },
};

export const DEMO_LISTINGS: DemoListing[] = [
  // ---------------------------------------------------------------- 广州市政务服务数据管理局 (public data)
  {
    externalId: "seed-001",
    org: "gz-data-bureau",
    status: "published", // pairs with seed-030, seed-028
    listing: {
      kind: "supply",
      title: "广州市企业公共信用信息查询接口",
      description:
        "汇聚市场监管、税务、人社、法院等部门归集的企业公共信用信息，包括工商登记、行政许可、行政处罚、纳税信用等级、社保缴纳状态、失信被执行人等。经公共数据授权运营平台以接口方式提供，按企业统一社会信用代码查询，支持普惠金融授信审批、供应链风控与招投标资格核验。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing", "operation"],
      deliveryModes: ["api", "verification"],
      pricingModel: "government_guided",
      priceMin: 0.2,
      priceMax: 1.5,
      sectors: ["finance", "commerce"],
      regions: ["gz_yuexiu", "gz_tianhe", "gba"],
      tags: ["公共信用", "企业征信", "授信审批", "授权运营"],
      updateFrequency: "daily",
      timeCoverage: "2015年至今",
      fields: [
        { name: "uscc", type: "string", meaning: "统一社会信用代码" },
        { name: "reg_status", type: "string", meaning: "登记状态" },
        { name: "tax_credit_level", type: "string", meaning: "纳税信用等级（A/B/M/C/D）" },
        { name: "penalty_count", type: "integer", meaning: "近三年行政处罚次数" },
        { name: "dishonest_flag", type: "boolean", meaning: "是否失信被执行人" },
      ],
      sampleDescription: "按次计费，单价为政府指导价（元/次），提供 100 条测试额度。",
      scenario: "银行普惠小微企业授信审批与贷后预警",
    },
  },
  {
    externalId: "seed-002",
    org: "gz-data-bureau",
    status: "published", // pairs with seed-032
    listing: {
      kind: "supply",
      title: "广州市道路交通流量与拥堵指数数据",
      description:
        "覆盖中心城区及主要高快速路的卡口过车流量、路段平均车速与交通拥堵指数，五分钟粒度实时更新，另提供近五年历史数据集。数据已剔除车牌等个人信息，仅保留路段级统计结果。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api", "dataset"],
      pricingModel: "government_guided",
      priceMin: 20000,
      priceMax: 80000,
      sectors: ["transport", "city_management"],
      regions: ["gz_yuexiu", "gz_tianhe", "gz_haizhu", "gz_baiyun", "gz_panyu"],
      tags: ["交通流量", "拥堵指数", "实时路况"],
      updateFrequency: "realtime",
      timeCoverage: "2021-01 至今",
      fields: [
        { name: "road_id", type: "string", meaning: "路段编号" },
        { name: "ts", type: "timestamp", meaning: "统计时间（5分钟）" },
        { name: "volume", type: "integer", meaning: "过车流量（辆）" },
        { name: "avg_speed", type: "number", meaning: "平均车速（km/h）" },
        { name: "congestion_index", type: "number", meaning: "拥堵指数 0-10" },
      ],
      scenario: "物流干线调度、导航路径规划与交通信号配时优化",
    },
  },
  {
    externalId: "seed-003",
    org: "gz-data-bureau",
    status: "published", // pairs with seed-016
    listing: {
      kind: "supply",
      title: "广州市建设工程规划许可与建筑物三维模型数据",
      description:
        "包括建设工程规划许可证、竣工验收备案信息及全市建筑物白模三维数据（楼栋轮廓、层数、高度、建成年代）。因涉及大范围高精度地理空间信息，按重要数据管理，仅在数据沙箱内提供加工使用，结果经审核后导出。",
      dataCategory: "public",
      grade: "important",
      rights: ["processing"],
      deliveryModes: ["sandbox"],
      pricingModel: "government_guided",
      priceMin: 50000,
      priceMax: 200000,
      sectors: ["construction", "city_management"],
      regions: ["gz_yuexiu", "gz_liwan", "gz_haizhu", "gz_tianhe", "gz_baiyun"],
      tags: ["规划许可", "三维模型", "城市更新", "重要数据"],
      updateFrequency: "monthly",
      timeCoverage: "2010年至今",
      fields: [
        { name: "building_id", type: "string", meaning: "建筑物编码" },
        { name: "floors", type: "integer", meaning: "地上层数" },
        { name: "height_m", type: "number", meaning: "建筑高度（米）" },
        { name: "built_year", type: "integer", meaning: "建成年代" },
        { name: "permit_no", type: "string", meaning: "规划许可证号" },
      ],
      scenario: "城市更新片区评估、危旧房排查与建筑能耗测算",
      compliance: important("已按《广东省重要数据目录》识别为重要数据并向主管部门备案；仅在沙箱内加工，导出结果须经安全审核，不出境。"),
    },
  },
  {
    externalId: "seed-004",
    org: "gz-data-bureau",
    status: "published",
    listing: {
      kind: "supply",
      title: "12345政务服务便民热线工单数据（脱敏）",
      description:
        "12345热线受理的诉求工单，含诉求分类、发生区域（街道级）、办理部门、办结时长与满意度评价。来电号码、姓名、详细地址已删除，诉求文本经去标识化处理。适合城市治理热点分析与基层治理绩效评估。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["sandbox", "report"],
      pricingModel: "free",
      sectors: ["city_management"],
      regions: ["gz_yuexiu", "gz_haizhu", "gz_tianhe", "gz_baiyun", "gz_huangpu", "gz_panyu", "gz_huadu", "gz_liwan"],
      tags: ["12345热线", "城市治理", "民生诉求"],
      updateFrequency: "daily",
      timeCoverage: "2019年至今",
      fields: [
        { name: "category", type: "string", meaning: "诉求分类（三级）" },
        { name: "street", type: "string", meaning: "发生街道" },
        { name: "handle_days", type: "number", meaning: "办结时长（天）" },
        { name: "satisfaction", type: "integer", meaning: "满意度 1-5" },
      ],
      scenario: "城市治理热点发现与基层治理绩效评估",
    },
  },
  {
    externalId: "seed-005",
    org: "gz-data-bureau",
    status: "published",
    listing: {
      kind: "supply",
      title: "广州市中小学学位供给与学校办学条件统计",
      description: "全市公办、民办中小学的学位数、在校生规模、班额、师生比、生均校舍面积等办学条件统计，按学校与学年汇总，不含学生个人信息。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing", "operation"],
      deliveryModes: ["dataset"],
      pricingModel: "free",
      sectors: ["education"],
      regions: ["gz_yuexiu", "gz_tianhe", "gz_haizhu", "gz_panyu", "gz_huangpu", "gz_zengcheng"],
      tags: ["学位", "教育资源", "学区"],
      updateFrequency: "yearly",
      timeCoverage: "2016-2025学年",
      fields: [
        { name: "school_code", type: "string", meaning: "学校代码" },
        { name: "seats", type: "integer", meaning: "学位数" },
        { name: "teacher_ratio", type: "number", meaning: "师生比" },
      ],
      scenario: "教育资源均衡配置研究与学位预警",
    },
  },
  {
    externalId: "seed-006",
    org: "gz-data-bureau",
    status: "published", // pairs with seed-035
    listing: {
      kind: "supply",
      title: "广州市A级景区与文博场馆预约及游客接待数据",
      description: "全市A级旅游景区、博物馆、美术馆的分时预约量、实际入园人数、游客来源地（省市级聚合）与节假日接待统计，可按日提供，支持文旅客流研判。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api", "report"],
      pricingModel: "government_guided",
      priceMin: 10000,
      priceMax: 30000,
      sectors: ["culture_tourism"],
      regions: ["gz_yuexiu", "gz_liwan", "gz_panyu", "gz_conghua", "gba"],
      tags: ["文旅", "游客接待", "景区预约", "客流"],
      updateFrequency: "daily",
      timeCoverage: "2022年至今",
      fields: [
        { name: "venue_id", type: "string", meaning: "场馆/景区编号" },
        { name: "visitors", type: "integer", meaning: "接待人数" },
        { name: "origin_city", type: "string", meaning: "游客来源城市" },
      ],
      scenario: "节假日客流预测与跨城旅游线路设计",
    },
  },
  {
    externalId: "seed-007",
    org: "gz-data-bureau",
    status: "published", // pairs with seed-039
    listing: {
      kind: "supply",
      title: "广州江南果菜批发市场农产品价格行情数据",
      description: "江南果菜、清平、黄沙水产等批发市场的蔬菜、水果、水产品每日批发价格与到货量，按品类和产地汇总，可用于农产品价格监测和产销对接。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing", "operation"],
      deliveryModes: ["dataset", "api"],
      pricingModel: "free",
      sectors: ["agriculture", "commerce"],
      regions: ["gz_baiyun", "gz_liwan", "gba"],
      tags: ["农产品价格", "批发市场", "菜篮子"],
      updateFrequency: "daily",
      timeCoverage: "2018年至今",
      fields: [
        { name: "product", type: "string", meaning: "品名" },
        { name: "origin", type: "string", meaning: "产地" },
        { name: "price_avg", type: "number", meaning: "平均批发价（元/公斤）" },
        { name: "arrival_t", type: "number", meaning: "到货量（吨）" },
      ],
      scenario: "农产品价格监测预警与产销对接",
    },
  },
  // ---------------------------------------------------------------- 南沙区数据要素发展中心
  {
    externalId: "seed-008",
    org: "nansha-bureau",
    status: "published", // pairs with seed-032, seed-034
    listing: {
      kind: "supply",
      title: "南沙港区集装箱进出港与通关时效数据",
      description:
        "南沙港区码头集装箱进出港箱量、船舶靠离泊时间、堆场作业效率以及进出口整体通关时长统计。涉及港口运行关键指标，按重要数据管理，以隐私计算和分析报告方式提供，原始数据不出域。",
      dataCategory: "public",
      grade: "important",
      rights: ["processing"],
      deliveryModes: ["privacy_computing", "report"],
      pricingModel: "government_guided",
      priceMin: 30000,
      priceMax: 120000,
      sectors: ["transport", "commerce"],
      regions: ["nansha", "gba"],
      tags: ["港口", "集装箱", "通关时效", "航运"],
      updateFrequency: "daily",
      timeCoverage: "2020年至今",
      fields: [
        { name: "vessel_call", type: "string", meaning: "船舶航次" },
        { name: "teu_in", type: "integer", meaning: "进港箱量（TEU）" },
        { name: "teu_out", type: "integer", meaning: "出港箱量（TEU）" },
        { name: "clearance_hours", type: "number", meaning: "通关时长（小时）" },
      ],
      scenario: "港航物流调度、供应链金融与外贸运行监测",
      compliance: important("港口运行数据经南沙区主管部门评估为重要数据，已备案；仅以隐私计算与统计报告形式使用，不向境外提供。"),
    },
  },
  {
    externalId: "seed-009",
    org: "nansha-bureau",
    status: "published",
    listing: {
      kind: "supply",
      title: "南沙区规上工业企业用电负荷与碳排放监测数据",
      description: "南沙区规模以上工业企业分时用电负荷曲线、月度综合能耗与碳排放核算结果，按行业与园区汇总，可通过隐私计算与企业自有数据联合分析。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["privacy_computing", "api"],
      pricingModel: "government_guided",
      priceMin: 20000,
      priceMax: 60000,
      sectors: ["energy", "industry"],
      regions: ["nansha"],
      tags: ["用电负荷", "碳排放", "能耗监测", "双碳"],
      updateFrequency: "daily",
      timeCoverage: "2021年至今",
      fields: [
        { name: "industry_code", type: "string", meaning: "国民经济行业代码" },
        { name: "load_kw", type: "number", meaning: "15分钟用电负荷（kW）" },
        { name: "co2_t", type: "number", meaning: "月度碳排放（吨）" },
      ],
      scenario: "能耗监测、需求响应与绿色金融碳核算",
    },
  },
  {
    externalId: "seed-010",
    org: "nansha-bureau",
    status: "published", // pairs with seed-040
    listing: {
      kind: "demand",
      title: "征集数据资产入表与数据资产评估服务案例",
      description:
        "南沙区拟编制数据要素集聚区企业数据资产入表指引，征集数据资产确认、成本归集、价值评估的真实案例与评估报告（可脱敏），优先考虑已完成数据资产入表的区内企业案例。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["report"],
      pricingModel: "fixed",
      priceMin: 50000,
      priceMax: 150000,
      sectors: ["other", "finance"],
      regions: ["nansha", "gba"],
      tags: ["数据资产入表", "资产评估", "案例征集"],
      updateFrequency: "once",
      scenario: "编制区级数据资产入表工作指引",
    },
  },
  // ---------------------------------------------------------------- 粤城智算科技
  {
    externalId: "seed-011",
    org: "yuecheng-tech",
    status: "published", // pairs with seed-035
    listing: {
      kind: "supply",
      title: "重点商圈客流热力与消费画像数据（运营商信令聚合）",
      description:
        "基于运营商信令与银联刷卡的聚合统计，提供天河路、北京路、珠江新城、长隆等重点商圈和景区的小时级客流热力、停留时长、客源地分布与消费金额指数。最小统计单元不少于50人，不含任何个人明细，支持大湾区城市间客流对比。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api", "report"],
      pricingModel: "usage",
      priceMin: 5000,
      priceMax: 50000,
      sectors: ["commerce", "culture_tourism"],
      regions: ["gz_tianhe", "gz_yuexiu", "gz_panyu", "gba", "macau"],
      tags: ["客流", "商圈", "消费画像", "热力图"],
      updateFrequency: "daily",
      timeCoverage: "2022年至今",
      fields: [
        { name: "area_id", type: "string", meaning: "商圈/景区编号" },
        { name: "hour", type: "timestamp", meaning: "统计小时" },
        { name: "visitors", type: "integer", meaning: "客流人次" },
        { name: "origin_city", type: "string", meaning: "客源城市" },
        { name: "spend_index", type: "number", meaning: "消费金额指数" },
      ],
      scenario: "商业选址、旅游客流预测与节庆活动效果评估",
    },
  },
  {
    externalId: "seed-012",
    org: "yuecheng-tech",
    status: "published",
    listing: {
      kind: "supply",
      title: "网约车与共享单车出行OD聚合数据",
      description:
        "全市网约车订单与共享单车骑行的起讫点（OD）聚合矩阵，按500米网格与15分钟时段统计出行量、平均里程与时长，可通过隐私计算与业务方数据联合建模。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["privacy_computing", "dataset"],
      pricingModel: "negotiated",
      sectors: ["transport", "city_management"],
      regions: ["gz_tianhe", "gz_haizhu", "gz_yuexiu", "gz_baiyun", "gz_panyu"],
      tags: ["出行OD", "网约车", "共享单车", "交通规划"],
      updateFrequency: "weekly",
      timeCoverage: "2023年至今",
      fields: [
        { name: "o_grid", type: "string", meaning: "起点网格" },
        { name: "d_grid", type: "string", meaning: "终点网格" },
        { name: "trips", type: "integer", meaning: "出行量" },
      ],
      scenario: "公交线网优化与慢行交通设施规划",
    },
  },
  {
    externalId: "seed-013",
    org: "yuecheng-tech",
    status: "published",
    listing: {
      kind: "supply",
      title: "城市部件物联感知数据服务（井盖、路灯、内涝监测）",
      description: "接入城市井盖位移、路灯运行、积水点水位等物联网感知设备的实时状态与告警数据，支持城市运行管理中心的事件联动处置。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing", "operation"],
      deliveryModes: ["api"],
      pricingModel: "subscription",
      priceMin: 60000,
      priceMax: 180000,
      sectors: ["city_management"],
      regions: ["gz_tianhe", "gz_huangpu", "gz_panyu"],
      tags: ["物联网", "城市部件", "内涝监测", "城市运行"],
      updateFrequency: "realtime",
      fields: [
        { name: "device_id", type: "string", meaning: "设备编号" },
        { name: "alarm_type", type: "string", meaning: "告警类型" },
        { name: "water_level_cm", type: "number", meaning: "积水深度（厘米）" },
      ],
      scenario: "城市内涝预警与市政设施运维",
    },
  },
  {
    externalId: "seed-014",
    org: "yuecheng-tech",
    status: "published", // pairs with seed-023
    listing: {
      kind: "demand",
      title: "需要高分辨率气象格点预报与短时强降水数据",
      description: "为城市内涝预警模型采购广州市1公里格点逐小时降水预报、雷达回波外推短临预报与历史强降水过程数据，要求接口方式实时推送。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api", "dataset"],
      pricingModel: "negotiated",
      sectors: ["city_management", "agriculture"],
      regions: ["gz_tianhe", "gz_huangpu", "gz_panyu", "gba"],
      tags: ["气象", "降水预报", "内涝预警"],
      updateFrequency: "realtime",
      scenario: "城市内涝预警与应急调度",
    },
  },
  {
    externalId: "seed-015",
    org: "yuecheng-tech",
    status: "published", // pairs with seed-029 (English)
    listing: {
      kind: "supply",
      title: "新能源汽车充电桩运行与充电行为数据",
      description: "全市公共充电站的充电桩在线状态、充电量、充电时段分布与利用率，按站点和小时统计，可用于充电网络规划、电网负荷预测与储能配置评估。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api", "dataset"],
      pricingModel: "subscription",
      priceMin: 30000,
      priceMax: 90000,
      sectors: ["energy", "transport"],
      regions: ["gz_tianhe", "gz_baiyun", "gz_panyu", "gz_huangpu", "gba"],
      tags: ["充电桩", "新能源汽车", "电网负荷", "储能"],
      updateFrequency: "daily",
      timeCoverage: "2022年至今",
      fields: [
        { name: "station_id", type: "string", meaning: "充电站编号" },
        { name: "kwh", type: "number", meaning: "充电量（kWh）" },
        { name: "utilisation", type: "number", meaning: "利用率" },
      ],
      scenario: "充电网络规划与电网负荷预测",
    },
  },
  {
    externalId: "seed-016",
    org: "yuecheng-tech",
    status: "published", // pairs with seed-003
    listing: {
      kind: "demand",
      title: "城市更新片区建筑普查与三维模型数据需求",
      description: "承接海珠区、荔湾区城市更新片区评估项目，需要建筑物轮廓、层数、建成年代、规划许可信息及三维模型数据，可接受在数据沙箱中加工使用。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["sandbox", "dataset"],
      pricingModel: "negotiated",
      sectors: ["construction", "city_management"],
      regions: ["gz_haizhu", "gz_liwan"],
      tags: ["城市更新", "三维模型", "建筑普查"],
      scenario: "城市更新片区现状评估与改造方案测算",
    },
  },
  // ---------------------------------------------------------------- 岭南医疗影像数据
  {
    externalId: "seed-017",
    org: "lingnan-health",
    status: "published", // pairs with seed-021, seed-043
    listing: {
      kind: "supply",
      title: "三甲医院医学影像数据集（CT/MRI，脱敏标注）",
      description:
        "来自区域医疗联合体内多家三甲医院的胸部 CT、头颅 MRI 医学影像，经去标识化处理并由放射科医师完成肺结节、脑卒中病灶标注。原始影像不出院，通过联邦学习隐私计算平台与数据沙箱提供模型训练。",
      dataCategory: "personal",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["privacy_computing", "sandbox"],
      pricingModel: "negotiated",
      sectors: ["health"],
      regions: ["gz_huangpu", "gz_yuexiu", "gba"],
      tags: ["医学影像", "CT", "MRI", "标注", "联邦学习"],
      updateFrequency: "monthly",
      timeCoverage: "2018-2025",
      fields: [
        { name: "study_uid", type: "string", meaning: "检查编号（已替换）" },
        { name: "modality", type: "string", meaning: "成像方式 CT/MR" },
        { name: "body_part", type: "string", meaning: "检查部位" },
        { name: "label", type: "json", meaning: "病灶标注" },
      ],
      sampleDescription: "可提供 20 例脱敏样例影像在沙箱内查看。",
      scenario: "肺结节、脑卒中辅助诊断模型训练与验证",
      compliance: personal("经伦理委员会审查，取得患者书面同意；去标识化处理并以隐私计算方式使用，原始数据不出域。"),
    },
  },
  {
    externalId: "seed-018",
    org: "lingnan-health",
    status: "published",
    listing: {
      kind: "supply",
      title: "数字病理切片图像与诊断标注数据",
      description: "乳腺、胃肠道肿瘤数字病理全切片图像（WSI），附病理诊断结论与区域标注，仅在数据沙箱内提供用于病理辅助诊断模型研发。",
      dataCategory: "personal",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["sandbox", "model"],
      pricingModel: "negotiated",
      sectors: ["health"],
      regions: ["gz_huangpu", "gz_yuexiu"],
      tags: ["病理切片", "医学影像", "肿瘤", "AI辅助诊断"],
      updateFrequency: "quarterly",
      timeCoverage: "2019-2025",
      fields: [
        { name: "slide_id", type: "string", meaning: "切片编号" },
        { name: "diagnosis", type: "string", meaning: "病理诊断" },
      ],
      scenario: "病理辅助诊断模型研发",
      compliance: personal("经医院伦理委员会批准，患者知情同意；去标识化后仅在沙箱内使用。"),
    },
  },
  {
    externalId: "seed-019",
    org: "lingnan-health",
    status: "published",
    listing: {
      kind: "demand",
      title: "区域人口健康与慢性病流行统计数据需求",
      description: "为慢病管理产品研发，需要广州各区常住人口年龄结构、高血压和糖尿病患病率、基层医疗机构就诊量等统计数据，接受统计报告或聚合数据集。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["report", "dataset"],
      pricingModel: "fixed",
      priceMin: 20000,
      priceMax: 50000,
      sectors: ["health"],
      regions: ["gz_huangpu", "gz_tianhe", "gz_baiyun", "gz_panyu"],
      tags: ["慢病", "人口健康", "统计"],
      scenario: "慢病风险分层与社区健康管理",
    },
  },
  // ---------------------------------------------------------------- 华南数据科学大学
  {
    externalId: "seed-020",
    org: "scut",
    status: "published",
    listing: {
      kind: "demand",
      title: "在线学习行为数据用于学习分析研究",
      description:
        "数据要素研究院联合附属中学开展学习分析研究，需要在线学习平台的学习时长、作业提交、测验成绩等行为数据，须经去标识化，并通过隐私计算或数据沙箱使用。",
      dataCategory: "personal",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["privacy_computing", "sandbox"],
      pricingModel: "negotiated",
      sectors: ["education"],
      regions: ["gz_panyu", "gz_tianhe"],
      tags: ["学习分析", "教育数据", "在线学习"],
      scenario: "个性化学习推荐与学业预警研究",
      compliance: personal("研究项目经学校伦理委员会审查；取得学生及监护人同意，数据去标识化后使用。"),
    },
  },
  {
    externalId: "seed-021",
    org: "scut",
    status: "published", // pairs with seed-017
    listing: {
      kind: "demand",
      title: "附属医院需要医学影像数据训练肺结节辅助诊断模型",
      description:
        "华南数据科学大学附属医院影像科计划训练肺结节辅助诊断模型，需要带放射科标注的胸部 CT 医学影像数据不少于 5000 例，可接受联邦学习等隐私计算方式交付，原始数据不出域。",
      dataCategory: "personal",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["privacy_computing", "sandbox"],
      pricingModel: "negotiated",
      sectors: ["health"],
      regions: ["gz_panyu", "gz_huangpu"],
      tags: ["医学影像", "肺结节", "辅助诊断"],
      scenario: "肺结节辅助诊断模型训练",
      compliance: personal("项目经附属医院伦理委员会审批，仅使用去标识化数据，训练在隐私计算平台完成。"),
    },
  },
  {
    externalId: "seed-022",
    org: "scut",
    status: "published",
    listing: {
      kind: "supply",
      title: "粤港澳大湾区高校毕业生就业去向统计数据",
      description: "大湾区 40 余所高校毕业生就业去向统计，含专业大类、就业行业、就业城市、起薪区间等聚合指标，按年度发布，可用于人才政策评估与专业设置优化。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing", "operation"],
      deliveryModes: ["dataset", "report"],
      pricingModel: "free",
      sectors: ["education"],
      regions: ["gba", "gz_panyu", "hong_kong", "macau"],
      tags: ["就业", "高校毕业生", "人才流动"],
      updateFrequency: "yearly",
      timeCoverage: "2018-2025届",
      fields: [
        { name: "major_group", type: "string", meaning: "专业大类" },
        { name: "industry", type: "string", meaning: "就业行业" },
        { name: "city", type: "string", meaning: "就业城市" },
        { name: "salary_band", type: "string", meaning: "起薪区间" },
      ],
      scenario: "人才政策评估与高校专业设置优化",
    },
  },
  {
    externalId: "seed-023",
    org: "scut",
    status: "published", // pairs with seed-014, seed-034
    listing: {
      kind: "supply",
      title: "华南地区高分辨率气象再分析与降水预报数据集",
      description:
        "数据要素研究院与气象部门合作生产的华南地区 1 公里分辨率逐小时气象再分析数据，包括温度、降水、风速、湿度，另提供基于深度学习的短时强降水预报模型接口，以及台风路径、沿海风力与雷暴预警产品。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["dataset", "api", "model"],
      pricingModel: "fixed",
      priceMin: 30000,
      priceMax: 30000,
      sectors: ["agriculture", "city_management", "energy", "transport"],
      regions: ["gba", "gz_panyu", "gz_conghua", "gz_zengcheng", "nansha"],
      tags: ["气象", "降水预报", "台风预警", "再分析", "格点数据"],
      updateFrequency: "daily",
      timeCoverage: "2000年至今",
      fields: [
        { name: "grid_id", type: "string", meaning: "1公里格点编号" },
        { name: "precip_mm", type: "number", meaning: "小时降水量（毫米）" },
        { name: "temp_c", type: "number", meaning: "气温（摄氏度）" },
      ],
      scenario: "城市内涝预警、农业气象服务与风电光伏出力预测",
    },
  },
  {
    externalId: "seed-024",
    org: "scut",
    status: "published",
    listing: {
      kind: "supply",
      title: "数据要素政策法规中文语料库",
      description:
        "收录国家及粤港澳大湾区各地数据要素、数据安全、个人信息保护相关政策法规、标准与解读文本 1.2 万篇，简繁体对照，已完成条款级结构化切分，可用于法规检索与合规大模型训练。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["holding", "processing", "operation"],
      deliveryModes: ["dataset", "model"],
      pricingModel: "free",
      sectors: ["other", "education"],
      regions: ["mainland", "gba", "hong_kong", "macau"],
      tags: ["语料库", "政策法规", "大模型", "合规"],
      updateFrequency: "monthly",
      timeCoverage: "2016年至今",
      scenario: "数据合规问答与政策检索大模型训练",
    },
  },
  // ---------------------------------------------------------------- 广东数据要素研究院
  {
    externalId: "seed-025",
    org: "gdri",
    status: "published",
    listing: {
      kind: "supply",
      title: "制造业企业数据管理能力成熟度（DCMM）评估统计报告",
      description:
        "汇总广东省已开展 DCMM 贯标评估的制造业企业在数据战略、数据治理、数据架构、数据应用、数据安全、数据质量等八个能力域的得分分布与典型问题，按行业与规模分析。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["report"],
      pricingModel: "fixed",
      priceMin: 8000,
      priceMax: 8000,
      sectors: ["industry", "other"],
      regions: ["gba", "mainland"],
      tags: ["DCMM", "数据治理", "制造业", "评估"],
      updateFrequency: "yearly",
      timeCoverage: "2020-2025",
      scenario: "制造业企业数据治理对标与咨询",
    },
  },
  {
    externalId: "seed-026",
    org: "gdri",
    status: "published", // pairs with seed-009
    listing: {
      kind: "demand",
      title: "制造业设备运行与能耗数据需求（工业互联网）",
      description:
        "研究院承担工业能效提升课题，需要注塑、电子装配、汽车零部件等行业企业的设备运行状态、工时、能耗与碳排放数据，可通过隐私计算方式联合建模，不要求原始数据出域。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["privacy_computing", "api"],
      pricingModel: "negotiated",
      sectors: ["industry", "energy"],
      regions: ["nansha", "gz_huangpu", "gba"],
      tags: ["工业互联网", "设备能耗", "碳排放", "能效"],
      scenario: "工业企业能效诊断与节能改造评估",
    },
  },
  {
    externalId: "seed-027",
    org: "gdri",
    status: "published", // pairs with seed-039
    listing: {
      kind: "supply",
      title: "广东省农田土壤墒情与作物长势遥感监测数据",
      description: "基于卫星遥感与地面墒情站的农田土壤含水量、作物长势指数（NDVI）与病虫害风险等级，覆盖从化、增城及粤北主要荔枝、水稻产区，按旬更新。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing", "operation"],
      deliveryModes: ["dataset", "api"],
      pricingModel: "subscription",
      priceMin: 15000,
      priceMax: 40000,
      sectors: ["agriculture"],
      regions: ["gz_conghua", "gz_zengcheng", "mainland"],
      tags: ["遥感", "土壤墒情", "作物长势", "荔枝"],
      updateFrequency: "weekly",
      timeCoverage: "2019年至今",
      fields: [
        { name: "plot_id", type: "string", meaning: "地块编号" },
        { name: "soil_moisture", type: "number", meaning: "土壤相对含水量" },
        { name: "ndvi", type: "number", meaning: "植被指数" },
        { name: "pest_risk", type: "string", meaning: "病虫害风险等级" },
      ],
      scenario: "农业保险定损、荔枝产量预测与精准种植",
    },
  },
  // ---------------------------------------------------------------- 珠江数智创业投资基金
  {
    externalId: "seed-028",
    org: "pearl-capital",
    status: "published", // pairs with seed-001
    listing: {
      kind: "demand",
      title: "投前尽调需要企业公共信用与知识产权数据",
      description: "基金投前尽职调查需要批量查询拟投数据服务企业的工商登记、行政处罚、纳税信用、涉诉信息及专利软著数据，接口方式按次调用。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api", "verification"],
      pricingModel: "usage",
      priceMin: 0.5,
      priceMax: 3,
      sectors: ["finance"],
      regions: ["gz_tianhe", "gba"],
      tags: ["尽职调查", "企业信用", "知识产权"],
      scenario: "股权投资尽职调查与投后风险监测",
    },
  },
  {
    externalId: "seed-029",
    org: "pearl-capital",
    status: "published", // pairs with seed-015
    listing: {
      kind: "demand",
      title: "EV charging and energy storage operating data",
      description:
        "For due diligence on energy storage and EV charging start-ups in the Greater Bay Area we need station-level charging volumes, utilisation and power load profiles, ideally hourly, through an API or an aggregated dataset.",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api", "dataset"],
      pricingModel: "negotiated",
      sectors: ["energy", "transport"],
      regions: ["gba", "gz_tianhe"],
      tags: ["energy", "EV charging", "power load"],
      scenario: "Investment due diligence on charging networks",
    },
  },
  // ---------------------------------------------------------------- 港灣數據資本 (Traditional)
  {
    externalId: "seed-030",
    org: "hk-harbour-capital",
    status: "published", // pairs with seed-001
    listing: {
      kind: "demand",
      title: "大灣區中小企業跨境信貸風控需要企業公共信用數據",
      description:
        "我們為合作銀行的大灣區中小企業跨境貸款提供風控服務，需要內地企業的工商登記、納稅信用等級、行政處罰與失信被執行人等公共信用信息，以介面方式核驗，結果數據按規定辦理出境安全評估。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api", "verification"],
      pricingModel: "usage",
      priceMin: 0.5,
      priceMax: 2,
      sectors: ["finance"],
      regions: ["hong_kong", "gba", "gz_tianhe"],
      tags: ["公共信用", "跨境信貸", "風控", "普惠金融"],
      scenario: "銀行跨境普惠信貸授信審批",
      compliance: { ...NONE, crossBorder: true },
    },
  },
  {
    externalId: "seed-031",
    org: "hk-harbour-capital",
    status: "published",
    listing: {
      kind: "supply",
      title: "香港上市公司ESG披露結構化數據",
      description:
        "整理香港交易所上市公司環境、社會及管治（ESG）報告中的碳排放、能源使用、僱員及治理指標，按年度結構化，提供介面及數據集，可用於綠色金融與投資研究。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing", "operation"],
      deliveryModes: ["api", "dataset"],
      pricingModel: "subscription",
      priceMin: 40000,
      priceMax: 120000,
      sectors: ["finance", "energy"],
      regions: ["hong_kong", "gba"],
      tags: ["ESG", "綠色金融", "碳排放", "上市公司"],
      updateFrequency: "yearly",
      timeCoverage: "2017年至今",
      fields: [
        { name: "stock_code", type: "string", meaning: "股份代號" },
        { name: "scope1_t", type: "number", meaning: "範圍一排放（噸）" },
        { name: "energy_mwh", type: "number", meaning: "能源消耗（兆瓦時）" },
      ],
      scenario: "綠色債券評級與ESG投資組合篩選",
    },
  },
  // ---------------------------------------------------------------- 白云港航物流集团
  {
    externalId: "seed-032",
    org: "baiyun-logistics",
    status: "published", // pairs with seed-002
    listing: {
      kind: "demand",
      title: "需要广州实时道路交通流量数据优化物流干线调度",
      description:
        "集团在白云、黄埔、南沙之间运营集装箱拖车与城市配送车队约 1200 辆，需要主要高快速路和城市道路的实时交通流量、平均车速与拥堵指数，以接口方式接入调度系统，并需要历史数据训练到达时间预测模型。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api", "dataset"],
      pricingModel: "government_guided",
      priceMin: 20000,
      priceMax: 60000,
      sectors: ["transport"],
      regions: ["gz_baiyun", "gz_huangpu", "nansha"],
      tags: ["交通流量", "物流调度", "拥堵指数"],
      scenario: "物流车队干线调度与到达时间预测",
    },
  },
  {
    externalId: "seed-033",
    org: "baiyun-logistics",
    status: "published",
    listing: {
      kind: "supply",
      title: "白云机场航空货运吞吐与航班货舱数据",
      description: "白云机场国际及国内航线货邮吞吐量、航班货舱可用舱位、主要货类结构与中转时效统计，按日汇总，支持跨境电商物流规划。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api", "report"],
      pricingModel: "subscription",
      priceMin: 24000,
      priceMax: 72000,
      sectors: ["transport", "commerce"],
      regions: ["gz_baiyun", "gz_huadu", "gba"],
      tags: ["航空货运", "跨境电商", "物流"],
      updateFrequency: "daily",
      timeCoverage: "2019年至今",
      fields: [
        { name: "route", type: "string", meaning: "航线" },
        { name: "cargo_t", type: "number", meaning: "货邮吞吐量（吨）" },
        { name: "space_available", type: "number", meaning: "可用舱位（吨）" },
      ],
      scenario: "跨境电商物流方案设计与舱位预订",
    },
  },
  {
    externalId: "seed-034",
    org: "baiyun-logistics",
    status: "published", // pairs with seed-023
    listing: {
      kind: "demand",
      title: "港口作业需要台风与海洋气象预警数据",
      description: "南沙、黄埔港区集装箱作业需要台风路径预报、沿海风力与海浪预报及雷暴预警数据，用于堆场加固与船舶靠泊计划调整。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api"],
      pricingModel: "negotiated",
      sectors: ["transport"],
      regions: ["nansha", "gz_huangpu"],
      tags: ["气象", "台风", "港口作业"],
      scenario: "港口作业安全与船舶靠泊计划",
    },
  },
  // ---------------------------------------------------------------- 澳門智慧旅遊協會 (Traditional)
  {
    externalId: "seed-035",
    org: "macau-tourism",
    status: "published", // pairs with seed-011, seed-006
    listing: {
      kind: "demand",
      title: "澳門旅客客流與消費行為數據需求",
      description:
        "協會為會員酒店及商戶研判旅客客流，需要廣州及大灣區重點商圈、景區的客流熱力、客源地分佈與消費金額指數，用於澳門節慶活動推廣和跨城旅遊線路設計，可接受統計報告或介面。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["report", "api"],
      pricingModel: "negotiated",
      sectors: ["culture_tourism", "commerce"],
      regions: ["macau", "gba"],
      tags: ["客流", "旅遊", "消費畫像"],
      scenario: "澳門節慶活動客流預測與精準推廣",
      compliance: { ...NONE, crossBorder: true },
    },
  },
  {
    externalId: "seed-036",
    org: "macau-tourism",
    status: "published",
    listing: {
      kind: "supply",
      title: "澳門酒店入住率與旅遊活動日曆數據",
      description: "會員酒店每日平均入住率、平均房價區間，以及澳門全年節慶、會展、體育盛事活動日曆，提供月度統計報告和介面，便利大灣區旅行社設計產品。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing", "operation"],
      deliveryModes: ["report", "api"],
      pricingModel: "fixed",
      priceMin: 12000,
      priceMax: 12000,
      sectors: ["culture_tourism"],
      regions: ["macau", "gba"],
      tags: ["酒店入住率", "旅遊", "會展"],
      updateFrequency: "monthly",
      timeCoverage: "2019年至今",
      scenario: "旅行社產品設計與會展客流預估",
    },
  },
  {
    externalId: "seed-037",
    org: "macau-tourism",
    status: "published",
    listing: {
      kind: "supply",
      title: "澳門景點與節慶活動客流統計",
      description: "大三巴、議事亭前地、旅遊塔等主要景點逐小時客流統計，及格蘭披治大賽車、美食節等節慶活動期間人流，按日提供。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["dataset", "report"],
      pricingModel: "free",
      sectors: ["culture_tourism", "city_management"],
      regions: ["macau"],
      tags: ["景點客流", "節慶活動", "旅遊"],
      updateFrequency: "daily",
      timeCoverage: "2023年至今",
      scenario: "景區人流管控與跨境旅遊研究",
    },
  },
  // ---------------------------------------------------------------- 信衡数据合规
  {
    externalId: "seed-038",
    org: "trust-compliance",
    status: "published",
    listing: {
      kind: "supply",
      title: "个人信息出境标准合同备案与安全评估案例库",
      description: "整理粤港澳大湾区企业办理数据出境安全评估、个人信息出境标准合同备案的典型案例与常见退回问题，按行业与出境场景分类，提供分析报告与合规清单。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["report"],
      pricingModel: "fixed",
      priceMin: 6000,
      priceMax: 6000,
      sectors: ["other"],
      regions: ["nansha", "gba", "hong_kong", "macau"],
      tags: ["数据出境", "标准合同", "合规"],
      updateFrequency: "quarterly",
      scenario: "企业数据出境合规自评估",
    },
  },
  {
    externalId: "seed-039",
    org: "trust-compliance",
    status: "published",
    listing: {
      kind: "demand",
      title: "荔枝种植与农产品产销数据用于农业保险产品设计",
      description: "协助保险机构设计荔枝价格指数保险与气象指数保险，需要从化、增城荔枝种植面积、产量、批发价格与历年气象灾害数据。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["dataset", "report"],
      pricingModel: "negotiated",
      sectors: ["agriculture", "finance"],
      regions: ["gz_conghua", "gz_zengcheng"],
      tags: ["荔枝", "农业保险", "农产品价格"],
      scenario: "荔枝价格指数保险与气象指数保险设计",
    },
  },
  // ---------------------------------------------------------------- 湾区数据资产评估事务所 (some English)
  {
    externalId: "seed-040",
    org: "gba-valuation",
    status: "published", // pairs with seed-010
    listing: {
      kind: "supply",
      title: "Data asset valuation benchmarks for the Greater Bay Area",
      description:
        "A benchmark dataset of completed data asset valuations in the Greater Bay Area: asset type, valuation method (cost, income, market), valuation range and the accounting treatment used when the data asset was recognised on the balance sheet. Delivered as a report with an anonymised dataset.",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["report", "dataset"],
      pricingModel: "fixed",
      priceMin: 20000,
      priceMax: 20000,
      sectors: ["finance", "other"],
      regions: ["gba", "hong_kong", "nansha"],
      tags: ["valuation", "data assets", "数据资产入表"],
      updateFrequency: "quarterly",
      timeCoverage: "2023-2025",
      fields: [
        { name: "asset_type", type: "string", meaning: "Data asset type" },
        { name: "method", type: "string", meaning: "Valuation method" },
        { name: "value_range", type: "string", meaning: "Valuation range (CNY)" },
      ],
      scenario: "Pricing and balance-sheet recognition of enterprise data assets",
    },
  },
  {
    externalId: "seed-041",
    org: "gba-valuation",
    status: "published",
    listing: {
      kind: "demand",
      title: "数据产品交易挂牌与成交价格数据需求",
      description: "为完善数据产品定价模型，需要各数据交易所公开挂牌的数据产品名称、类别、交付方式、挂牌价格与成交价格区间数据。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["dataset"],
      pricingModel: "fixed",
      priceMin: 10000,
      priceMax: 30000,
      sectors: ["finance", "commerce"],
      regions: ["gba", "mainland"],
      tags: ["数据交易", "定价", "成交价格"],
      scenario: "数据产品定价模型校准",
    },
  },
  // ---------------------------------------------------------------- 香港數據治理實驗室 (Traditional / English)
  {
    externalId: "seed-042",
    org: "hk-data-lab",
    status: "published",
    listing: {
      kind: "supply",
      title: "Federated learning sandbox for cross-border data collaboration",
      description:
        "A privacy-enhancing technology testbed run by the lab: federated learning, secure multi-party computation and a trusted execution environment, with a data sandbox where Hong Kong and mainland partners can train models without moving raw data across the border.",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["sandbox", "privacy_computing"],
      pricingModel: "free",
      sectors: ["other", "health", "finance"],
      regions: ["hong_kong", "gba"],
      tags: ["privacy computing", "federated learning", "sandbox"],
      scenario: "Cross-border joint modelling for medical and financial research",
    },
  },
  {
    externalId: "seed-043",
    org: "hk-data-lab",
    status: "published", // pairs with seed-017
    listing: {
      kind: "demand",
      title: "跨境醫療數據合規流通研究需要醫學影像樣本",
      description: "實驗室研究粵港跨境醫療數據流通規則，需要少量經去標識化的胸部 CT 醫學影像樣本，在內地的數據沙箱中完成隱私計算實驗，原始數據不出境。",
      dataCategory: "personal",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["sandbox", "privacy_computing"],
      pricingModel: "negotiated",
      sectors: ["health"],
      regions: ["hong_kong", "gz_huangpu", "gba"],
      tags: ["醫學影像", "跨境數據", "隱私計算"],
      scenario: "粵港跨境醫療數據流通規則研究",
      compliance: personal("研究計劃經倫理審查；僅使用去標識化數據，於境內沙箱處理，原始數據不出境。"),
    },
  },
  {
    externalId: "seed-044",
    org: "hk-data-lab",
    status: "published",
    listing: {
      kind: "supply",
      title: "香港公共交通實時到站數據整合介面",
      description: "整合香港巴士、港鐵及小巴的實時到站時間、班次與站點資料，統一為一致的介面格式，便利大灣區出行服務商開發跨境出行應用。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing", "operation"],
      deliveryModes: ["api"],
      pricingModel: "free",
      sectors: ["transport"],
      regions: ["hong_kong", "gba"],
      tags: ["公共交通", "實時到站", "跨境出行"],
      updateFrequency: "realtime",
      scenario: "跨境出行規劃應用",
    },
  },
  // ---------------------------------------------------------------- waiting for review
  {
    externalId: "seed-045",
    org: "lingnan-health",
    status: "pending_review",
    listing: {
      kind: "demand",
      title: "医保结算与门诊处方数据用于药品使用评价",
      description: "开展区域药品临床使用评价，需要医保结算清单与门诊处方明细（去标识化），通过隐私计算平台联合统计，不获取原始数据。",
      dataCategory: "personal",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["privacy_computing"],
      pricingModel: "negotiated",
      sectors: ["health", "finance"],
      regions: ["gz_huangpu", "gz_yuexiu"],
      tags: ["医保", "处方", "药品评价"],
      scenario: "药品临床综合评价",
      compliance: personal("依据《个人信息保护法》第十三条，为公共卫生研究所必需；去标识化并以隐私计算方式使用。"),
    },
  },
  {
    externalId: "seed-046",
    org: "yuecheng-tech",
    status: "pending_review",
    listing: {
      kind: "supply",
      title: "城市公共停车场泊位实时数据",
      description: "接入天河、越秀、海珠三区 800 余个公共停车场的泊位总数、空余泊位与收费标准，分钟级更新，支持停车诱导与导航应用。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api"],
      pricingModel: "usage",
      priceMin: 0.01,
      priceMax: 0.05,
      sectors: ["transport", "city_management"],
      regions: ["gz_tianhe", "gz_yuexiu", "gz_haizhu"],
      tags: ["停车", "泊位", "智慧交通"],
      updateFrequency: "realtime",
      scenario: "停车诱导与出行导航",
    },
  },
  {
    externalId: "seed-047",
    org: "hk-data-lab",
    status: "pending_review",
    listing: {
      kind: "supply",
      title: "Cross-border data transfer compliance checklist dataset",
      description:
        "A structured checklist mapping the Personal Information Protection Law, Hong Kong PDPO and Macau Personal Data Protection Act requirements for Greater Bay Area cross-border data transfers, with annotated examples.",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing", "operation"],
      deliveryModes: ["dataset", "report"],
      pricingModel: "free",
      sectors: ["other"],
      regions: ["hong_kong", "macau", "gba"],
      tags: ["compliance", "cross-border", "PDPO"],
      scenario: "Compliance self-assessment for cross-border data transfers",
    },
  },
  // ---------------------------------------------------------------- drafts
  {
    externalId: "seed-048",
    org: "baiyun-logistics",
    status: "draft",
    listing: {
      kind: "supply",
      title: "冷链物流车辆温控与轨迹数据",
      description: "集团冷链车队运输途中的车厢温度、湿度与车辆轨迹数据，草稿待补充样例与字段说明。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api"],
      pricingModel: "negotiated",
      sectors: ["transport", "commerce"],
      regions: ["gz_baiyun"],
      tags: ["冷链", "温控"],
      scenario: "生鲜供应链质量追溯",
    },
  },
  {
    externalId: "seed-049",
    org: "gba-valuation",
    status: "draft",
    listing: {
      kind: "demand",
      title: "上市公司数据资产入表披露信息",
      description: "收集 A 股与港股上市公司年报中数据资源入表的披露金额、会计科目与附注说明，草稿待确认预算。",
      dataCategory: "enterprise",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["dataset"],
      pricingModel: "negotiated",
      sectors: ["finance"],
      regions: ["mainland", "hong_kong"],
      tags: ["数据资产入表", "上市公司"],
      scenario: "数据资产入表趋势研究",
    },
  },
  // Cross-border flows on four routes (issue 35).
  ...CROSSBORDER_LISTINGS,
];

/** English titles the posters gave beside the Chinese ones (the rest are shown in Chinese to English readers). */
const ENGLISH_TITLES: Record<string, string> = {
  广州市企业公共信用信息查询接口: "Guangzhou public credit information API for enterprises",
  广州市道路交通流量与拥堵指数数据: "Guangzhou road traffic flow and congestion index",
  南沙港区集装箱进出港与通关时效数据: "Nansha port container movements and customs clearance times",
  "三甲医院医学影像数据集（CT/MRI，脱敏标注）": "Tertiary hospital medical imaging dataset (CT/MRI, de-identified, annotated)",
  华南地区高分辨率气象再分析与降水预报数据集: "South China high-resolution weather reanalysis and precipitation forecasts",
  新能源汽车充电桩运行与充电行为数据: "EV charger operations and charging behaviour data",
  白云机场航空货运吞吐与航班货舱数据: "Baiyun Airport air cargo throughput and belly capacity",
  广州江南果菜批发市场农产品价格行情数据: "Jiangnan wholesale market produce prices, Guangzhou",
  冷链物流车辆温控与轨迹数据: "Cold-chain vehicle temperature and trajectory data",
  城市公共停车场泊位实时数据: "Real-time public car park occupancy",
  香港上市公司ESG披露結構化數據: "Structured ESG disclosures of Hong Kong listed companies",
  需要广州实时道路交通流量数据优化物流干线调度: "Wanted: real-time Guangzhou road traffic to schedule trunk logistics",
};

/** The full, validated input of a demo listing (contact details from its organisation). */
export function demoListingInput(d: DemoListing): ListingInput {
  const contact = CONTACTS[d.org];
  return listingInputSchema.parse({
    compliance: NONE,
    contactName: contact?.name ?? "联络人",
    contactEmail: `${d.org}@yaosu.demo`,
    contactPhone: contact?.phone ?? null,
    titleEn: ENGLISH_TITLES[d.listing.title as string] ?? null,
    ...d.listing,
    externalId: d.externalId,
  });
}

export interface SeedListingsResult {
  created: number;
  published: number;
  pending: number;
  drafts: number;
}

/**
 * Creates the demo listings through the model: drafts are only created, the rest are submitted,
 * and the published ones approved by the secretariat (which also records and notifies matches).
 * Listings whose externalId already exists for their organisation are skipped.
 */
export async function seedListings(db: Db, listings: DemoListing[] = DEMO_LISTINGS): Promise<SeedListingsResult> {
  const staffRow = await db.selectFrom("users").select("id").where("email", "=", SECRETARIAT).executeTakeFirstOrThrow();
  const staff = await loadActor(db, staffRow.id);
  const actors = new Map<string, Actor>();
  const ownerOf = async (slug: string): Promise<Actor> => {
    const cached = actors.get(slug);
    if (cached) return cached;
    const user = await db.selectFrom("users").select("id").where("email", "=", `${slug}@yaosu.demo`).executeTakeFirstOrThrow();
    const actor = await loadActor(db, user.id);
    if (!actor?.org) throw new Error(`demo organisation ${slug} has no owner`);
    actors.set(slug, actor);
    return actor;
  };
  const result: SeedListingsResult = { created: 0, published: 0, pending: 0, drafts: 0 };
  const present = await db
    .selectFrom("listings")
    .select(["org_id", "external_id"])
    .where("external_id", "in", listings.length ? listings.map((d) => d.externalId) : ["-"])
    .execute();
  const exists = new Set(present.map((r) => `${r.org_id} ${r.external_id}`));
  for (const d of listings) {
    const owner = await ownerOf(d.org);
    if (exists.has(`${owner.org!.id} ${d.externalId}`)) continue;
    const id = await createListing(db, owner, demoListingInput(d), { submit: d.status !== "draft" });
    result.created++;
    if (d.status === "published") {
      await reviewListing(db, staff, id, { decision: "approve", reason: null });
      result.published++;
    } else if (d.status === "pending_review") result.pending++;
    else result.drafts++;
  }
  return result;
}
