import type { DemoListing } from "./listings";
import type { DemoScenario } from "./scenarios";

/**
 * Demo cross-border listings (issue 35): Guangzhou, Nansha and Baiyun suppliers declaring flows to
 * Hong Kong, Macau and elsewhere, on four different routes (GBA standard contract, security
 * assessment, exempt, standard contract or certification). They join DEMO_LISTINGS, so they go
 * through the real model like every demo listing and their routes are worked out by the rule table.
 */
const personal = (legalBasis: string) => ({ personalInfo: true, legalBasis, importantData: false, crossBorder: true, declaration: null });

export const CROSSBORDER_LISTINGS: DemoListing[] = [
  {
    externalId: "seed-050",
    org: "lingnan-health",
    status: "published",
    listing: {
      kind: "supply",
      title: "粤港联合流行病学研究门诊统计数据",
      titleEn: "Outpatient statistics for joint Guangdong-Hong Kong epidemiology research",
      description:
        "黄埔、越秀两区医联体门诊就诊人次、病种分布与患者年龄段统计，按周汇总，含经同意的患者随访记录。拟与香港高校联合开展呼吸道传染病流行病学研究，数据经去标识化处理后跨境提供。",
      dataCategory: "personal",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["dataset", "sandbox"],
      pricingModel: "negotiated",
      sectors: ["health"],
      regions: ["gz_huangpu", "gz_yuexiu", "hong_kong"],
      tags: ["流行病学", "跨境科研", "门诊统计"],
      updateFrequency: "weekly",
      timeCoverage: "2021-2026",
      scenario: "粤港联合呼吸道传染病流行病学研究",
      compliance: personal("患者单独同意（含跨境提供）；去标识化处理，仅用于科研。"),
      crossBorderFlow: {
        direction: "to_hong_kong",
        people: 320_000,
        sensitivePeople: 0,
        researchData: true,
        ciio: false,
        processorInGba: true,
        exemption: null,
        recipientKind: "university",
        purpose: "与香港高校联合开展流行病学研究",
      },
    },
  },
  {
    externalId: "seed-051",
    org: "yuecheng-tech",
    status: "published",
    listing: {
      kind: "supply",
      title: "城市地下管网三维空间数据",
      titleEn: "3D spatial data of urban underground pipe networks",
      description:
        "广州中心城区给排水、燃气、电力地下管网的三维空间位置与埋深数据，已按主管部门目录识别为重要数据。境外合作方如需使用，须先通过数据出境安全评估。",
      dataCategory: "public",
      grade: "important",
      rights: ["processing"],
      deliveryModes: ["sandbox"],
      pricingModel: "negotiated",
      sectors: ["city_management"],
      regions: ["gz_tianhe", "gz_yuexiu"],
      tags: ["地下管网", "三维", "城市治理"],
      updateFrequency: "quarterly",
      timeCoverage: "2019-2026",
      scenario: "城市地下空间规划与管线安全评估",
      compliance: {
        personalInfo: false,
        legalBasis: null,
        importantData: true,
        crossBorder: true,
        declaration: "已按主管部门目录识别为重要数据；仅在数据沙箱内使用，出境须先通过安全评估。",
      },
      crossBorderFlow: {
        direction: "to_elsewhere",
        people: 0,
        sensitivePeople: 0,
        researchData: false,
        ciio: false,
        processorInGba: true,
        exemption: null,
        recipientKind: "enterprise",
        purpose: "境外工程咨询公司的管线安全评估",
      },
    },
  },
  {
    externalId: "seed-052",
    org: "nansha-bureau",
    status: "published",
    listing: {
      kind: "supply",
      title: "南沙港跨境贸易报关单证数据（不含个人信息）",
      titleEn: "Nansha port cross-border trade customs documents (no personal information)",
      description: "南沙港区进出口报关单的商品编码、货值、贸易方式与起运港汇总数据，不含个人信息和重要数据，供澳门贸易服务机构开展通关便利与贸易统计分析。",
      dataCategory: "public",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api", "report"],
      pricingModel: "government_guided",
      sectors: ["commerce"],
      regions: ["nansha", "macau"],
      tags: ["报关", "跨境贸易", "南沙"],
      updateFrequency: "daily",
      timeCoverage: "2022-2026",
      scenario: "粤澳通关便利与贸易统计",
      compliance: { personalInfo: false, legalBasis: null, importantData: false, crossBorder: true, declaration: null },
      crossBorderFlow: {
        direction: "to_macau",
        people: 0,
        sensitivePeople: 0,
        researchData: false,
        ciio: false,
        processorInGba: true,
        exemption: "trade_no_pi",
        recipientKind: "enterprise",
        purpose: "粤澳贸易统计与通关便利分析",
      },
    },
  },
  {
    externalId: "seed-053",
    org: "baiyun-logistics",
    status: "published",
    listing: {
      kind: "supply",
      title: "跨境电商包裹收件人与签收数据",
      titleEn: "Cross-border e-commerce parcel recipient and delivery data",
      description: "白云机场口岸跨境电商出口包裹的收件人地址、签收时效与退件原因数据，用于境外仓配合作方优化末端配送。",
      dataCategory: "personal",
      grade: "general",
      rights: ["processing"],
      deliveryModes: ["api"],
      pricingModel: "usage",
      sectors: ["commerce"],
      regions: ["gz_baiyun", "overseas"],
      tags: ["跨境电商", "末端配送", "签收"],
      updateFrequency: "daily",
      timeCoverage: "2024-2026",
      scenario: "境外仓配末端配送优化",
      compliance: personal("寄件时告知收件人并取得同意；仅最小必要字段，用于配送分析。"),
      crossBorderFlow: {
        direction: "to_elsewhere",
        people: 150_000,
        sensitivePeople: 0,
        researchData: false,
        ciio: false,
        processorInGba: true,
        exemption: null,
        recipientKind: "enterprise",
        purpose: "境外仓配合作方的末端配送",
      },
    },
  },
];

/**
 * Demo scenarios of cross-border mutual recognition (issue 35, policy item 二十): tagged with the
 * pilot's areas, they join DEMO_SCENARIOS and go through the scenario model like every demo scenario.
 */
export const CROSSBORDER_SCENARIOS: DemoScenario[] = [
  {
    org: "lingnan-health",
    stage: "pilot",
    listings: ["seed-050"],
    participants: ["hk-data-lab"],
    input: {
      title: "粤港医疗健康数据互认：检验检查结果跨境调阅试点",
      titleEn: "Guangdong-Hong Kong health data recognition: cross-border access to test results",
      sector: "health",
      region: "gba",
      problem:
        "往返粤港两地就医的患者在香港与广州的医院重复检验检查，费用高、等待久。需要在患者单独同意后，按大湾区标准合同跨境调阅检验检查结果，实现两地互认。",
      dataDescription: "黄埔、越秀医联体的检验检查结果，经患者单独同意、去标识化后按大湾区标准合同提供给香港合作医院，接收方不得再向大湾区以外提供。",
      deliveryModes: ["api", "verification"],
      results: [
        { label: "试点患者", value: 1200, unit: "人" },
        { label: "重复检验减少", value: 35, unit: "%" },
      ],
      crossborderAreas: ["health_care"],
    },
  },
  {
    org: "nansha-bureau",
    stage: "proposed",
    listings: ["seed-052"],
    participants: ["hk-data-lab"],
    input: {
      title: "南沙粤港澳商事登记与企业信用信息互认",
      titleEn: "Nansha mutual recognition of business registration and credit information with Hong Kong and Macau",
      sector: "commerce",
      region: "nansha",
      problem: "港澳企业在南沙设立公司、参与招投标时，需重复提交经公证的登记与信用证明，办理周期长。需要三地商事登记与企业信用信息按统一规则核验互认。",
      dataDescription: "南沙商事登记与公共信用信息以核验接口提供，只回答“是否一致”，不含个人信息，原始数据不出境。",
      deliveryModes: ["verification", "api"],
      results: [{ label: "办理时间缩短", value: 60, unit: "%" }],
      crossborderAreas: ["business_registration", "social_credit"],
    },
  },
];
