/**
 * The bilingual domain glossary, as data: English term (lower case, one or two words) -> Chinese
 * term (Simplified). English listings are indexed with the Chinese terms of their words, and
 * English query words also look for their Chinese terms, so the two languages meet both ways.
 * Keep entries specific: a glossary pair is a promise that the two mean the same in this domain.
 */
export const GLOSSARY_PAIRS: ReadonlyArray<readonly [string, string]> = [
  // data elements, rights and trading
  ["data", "数据"], ["dataset", "数据集"], ["datasets", "数据集"], ["data element", "数据要素"], ["data elements", "数据要素"],
  ["data asset", "数据资产"], ["data assets", "数据资产"], ["data product", "数据产品"], ["data products", "数据产品"],
  ["data market", "数据市场"], ["data exchange", "数据交易所"], ["data trading", "数据交易"], ["trading", "交易"], ["transaction", "交易"],
  ["listing", "挂牌"], ["supply", "供给"], ["demand", "需求"], ["buyer", "买方"], ["seller", "卖方"], ["broker", "经纪"], ["brokerage", "数据经纪"],
  ["ownership", "所有权"], ["rights", "权益"], ["authorization", "授权"],
  ["authorisation", "授权"], ["licensing", "许可"], ["license", "许可"], ["pricing", "定价"], ["price", "价格"], ["valuation", "评估"], ["appraisal", "评估"],
  ["asset valuation", "资产评估"], ["accounting", "入表"], ["balance sheet", "资产负债表"], ["revenue", "收益"], ["income", "收入"],
  ["public data", "公共数据"], ["enterprise data", "企业数据"], ["personal data", "个人数据"], ["personal information", "个人信息"],
  ["government data", "政务数据"], ["open data", "开放数据"], ["core data", "核心数据"], ["important data", "重要数据"], ["general data", "一般数据"],
  ["classification", "分类"], ["grading", "分级"], ["catalog", "目录"], ["catalogue", "目录"], ["metadata", "元数据"], ["standard", "标准"], ["standards", "标准"],
  ["quality", "质量"], ["data quality", "数据质量"], ["governance", "治理"], ["data governance", "数据治理"], ["management", "管理"], ["security", "安全"],
  ["data security", "数据安全"], ["compliance", "合规"], ["audit", "审计"], ["certification", "认证"], ["notarization", "公证"], ["notarisation", "公证"],
  ["custody", "托管"], ["insurance", "保险"], ["risk", "风险"], ["risk assessment", "风险评估"], ["dispute", "争议"], ["arbitration", "仲裁"],
  ["training", "培训"], ["talent", "人才"], ["consulting", "咨询"], ["integration", "集成"], ["service provider", "服务机构"], ["cross-border", "跨境"],
  ["cross border", "跨境"], ["export", "出境"], ["outbound", "出境"], ["sharing", "共享"], ["circulation", "流通"], ["flow", "流动"],
  ["alliance", "联盟"], ["industry", "产业"], ["ecosystem", "生态"], ["platform", "平台"], ["infrastructure", "基础设施"],
  // delivery and technology
  ["api", "接口"], ["interface", "接口"], ["privacy", "隐私"], ["privacy computing", "隐私计算"], ["computing", "计算"], ["computation", "计算"],
  ["federated", "联邦"], ["federated learning", "联邦学习"], ["multi-party", "多方"], ["mpc", "多方安全计算"], ["tee", "可信执行环境"],
  ["trusted", "可信"], ["sandbox", "沙箱"], ["model", "模型"], ["models", "模型"], ["algorithm", "算法"], ["machine learning", "机器学习"],
  ["artificial intelligence", "人工智能"], ["ai", "人工智能"], ["large model", "大模型"], ["verification", "核验"], ["report", "报告"], ["reports", "报告"],
  ["analysis", "分析"], ["analytics", "分析"], ["statistics", "统计"], ["dashboard", "看板"], ["visualization", "可视化"], ["real-time", "实时"],
  ["realtime", "实时"], ["streaming", "实时"], ["daily", "每日"], ["monthly", "每月"], ["historical", "历史"], ["forecast", "预报"], ["forecasting", "预测"],
  ["prediction", "预测"], ["warning", "预警"], ["early warning", "预警"], ["alert", "预警"], ["monitoring", "监测"], ["sensor", "传感器"], ["sensors", "传感器"],
  ["iot", "物联网"], ["internet of things", "物联网"], ["blockchain", "区块链"], ["cloud", "云"], ["desensitized", "脱敏"], ["anonymized", "脱敏"],
  ["anonymised", "脱敏"], ["de-identified", "脱敏"], ["encryption", "加密"], ["annotation", "标注"], ["labelled", "标注"], ["labeled", "标注"], ["label", "标签"],
  ["sample", "样本"], ["samples", "样本"], ["survey", "调查"], ["census", "普查"], ["index", "指数"], ["indicator", "指标"], ["indicators", "指标"],
  ["geographic", "地理"], ["geospatial", "地理空间"], ["map", "地图"], ["remote sensing", "遥感"], ["satellite", "卫星"], ["3d", "三维"], ["digital twin", "数字孪生"],
  // sectors: transport and logistics
  ["traffic", "交通"], ["transport", "交通"], ["transportation", "交通"], ["mobility", "出行"], ["travel", "出行"], ["road", "道路"], ["roads", "道路"],
  ["congestion", "拥堵"], ["bus", "公交"], ["buses", "公交"], ["metro", "地铁"], ["subway", "地铁"], ["railway", "铁路"], ["taxi", "出租车"], ["ride-hailing", "网约车"],
  ["bike", "单车"], ["bicycle", "自行车"], ["parking", "停车"], ["vehicle", "车辆"], ["vehicles", "车辆"], ["driving", "驾驶"], ["autonomous", "自动驾驶"],
  ["logistics", "物流"], ["freight", "货运"], ["cargo", "货物"], ["shipping", "航运"], ["port", "港口"], ["ports", "港口"], ["container", "集装箱"],
  ["containers", "集装箱"], ["airport", "机场"], ["aviation", "航空"], ["flight", "航班"], ["flights", "航班"], ["customs", "海关"], ["clearance", "通关"],
  ["warehouse", "仓储"], ["supply chain", "供应链"], ["delivery", "配送"], ["express", "快递"],
  // health
  ["health", "健康"], ["healthcare", "医疗"], ["medical", "医疗"], ["medicine", "医学"], ["hospital", "医院"], ["hospitals", "医院"], ["clinical", "临床"],
  ["patient", "患者"], ["patients", "患者"], ["imaging", "影像"], ["image", "影像"], ["radiology", "影像"], ["diagnosis", "诊断"],
  ["disease", "疾病"], ["drug", "药品"], ["pharmaceutical", "医药"], ["genome", "基因组"], ["genomic", "基因"], ["elderly", "老年"], ["elderly care", "养老"],
  // finance
  ["finance", "金融"], ["financial", "金融"], ["fintech", "金融科技"], ["inclusive finance", "普惠金融"], ["credit", "信用"], ["credit rating", "信用评级"],
  ["loan", "贷款"], ["loans", "贷款"], ["lending", "信贷"], ["bank", "银行"], ["banking", "银行"], ["payment", "支付"], ["payments", "支付"], ["tax", "税务"],
  ["invoice", "发票"], ["sme", "中小企业"], ["smes", "中小企业"], ["small business", "小微企业"], ["anti-fraud", "反欺诈"], ["fraud", "欺诈"],
  // government and city
  ["government", "政府"], ["city", "城市"], ["urban", "城市"], ["city management", "城市管理"], ["smart city", "智慧城市"], ["administration", "行政"],
  ["permit", "许可"], ["registration", "登记"], ["hotline", "热线"], ["complaint", "投诉"], ["public service", "公共服务"], ["population", "人口"],
  ["housing", "住房"], ["real estate", "房地产"], ["land", "土地"], ["construction", "建设"], ["building", "建筑"], ["buildings", "建筑"], ["planning", "规划"],
  ["streetlight", "路灯"], ["drainage", "排水"], ["waterlogging", "内涝"], ["flood", "洪水"], ["flooding", "内涝"], ["emergency", "应急"], ["safety", "安全"],
  ["environment", "环境"], ["environmental", "环境"], ["pollution", "污染"], ["air quality", "空气质量"], ["water", "水"], ["water quality", "水质"],
  ["waste", "垃圾"], ["carbon", "碳"], ["emissions", "排放"], ["carbon emissions", "碳排放"],
  // weather and geography
  ["weather", "气象"], ["meteorological", "气象"], ["meteorology", "气象"], ["climate", "气候"], ["typhoon", "台风"], ["typhoons", "台风"], ["rainfall", "降水"],
  ["precipitation", "降水"], ["rain", "降雨"], ["storm", "暴雨"], ["temperature", "气温"], ["ocean", "海洋"], ["marine", "海洋"], ["reanalysis", "再分析"],
  // energy and industry
  ["energy", "能源"], ["power", "电力"], ["electricity", "电力"], ["grid", "电网"], ["charging", "充电"], ["ev", "新能源汽车"], ["battery", "电池"],
  ["storage", "储能"], ["energy storage", "储能"], ["photovoltaic", "光伏"], ["solar", "光伏"], ["load", "负荷"], ["consumption", "消费"],
  ["manufacturing", "制造"], ["industrial", "工业"], ["factory", "工厂"], ["equipment", "设备"], ["production", "生产"], ["industrial internet", "工业互联网"],
  ["semiconductor", "半导体"], ["automotive", "汽车"], ["chemical", "化工"],
  // agriculture
  ["agriculture", "农业"], ["agricultural", "农业"], ["farm", "农场"], ["farming", "种植"], ["crop", "作物"], ["crops", "作物"], ["fruit", "水果"],
  ["lychee", "荔枝"], ["vegetable", "蔬菜"], ["vegetables", "蔬菜"], ["produce", "农产品"], ["fishery", "渔业"], ["livestock", "畜牧"],
  // commerce, tourism, culture, education
  ["commerce", "商贸"], ["trade", "贸易"], ["retail", "零售"], ["e-commerce", "电商"], ["ecommerce", "电商"], ["consumer", "消费者"], ["shopping", "购物"],
  ["footfall", "客流"], ["visitor", "游客"], ["visitors", "游客"], ["passenger", "客流"], ["tourism", "旅游"], ["tourist", "游客"], ["hotel", "酒店"],
  ["hotels", "酒店"], ["scenic", "景区"], ["museum", "博物馆"], ["culture", "文化"], ["cultural", "文化"], ["exhibition", "会展"], ["catering", "餐饮"],
  ["education", "教育"], ["school", "学校"], ["schools", "学校"], ["university", "高校"], ["student", "学生"], ["students", "学生"], ["employment", "就业"],
  ["research", "科研"], ["telecom", "通信"], ["mobile", "移动"], ["signaling", "信令"], ["operator", "运营商"],
  // organisations and places
  ["enterprise", "企业"], ["company", "企业"], ["investor", "投资"], ["investment", "投资"], ["venture", "创投"], ["financing", "融资"], ["funding", "融资"],
  ["greater bay area", "大湾区"], ["gba", "大湾区"], ["guangzhou", "广州"], ["shenzhen", "深圳"], ["hong kong", "香港"], ["macau", "澳门"], ["macao", "澳门"],
  ["nansha", "南沙"], ["huangpu", "黄埔"], ["tianhe", "天河"], ["baiyun", "白云"], ["panyu", "番禺"], ["guangdong", "广东"], ["mainland", "内地"],
  // more domain words (transport, weather, health, energy, industry, finance, agriculture)
  ["throughput", "吞吐量"], ["traffic flow", "交通流量"], ["cold chain", "冷链"], ["cold-chain", "冷链"], ["wind field", "风场"], ["wind speed", "风速"],
  ["humidity", "湿度"], ["maintenance", "维护"], ["predictive maintenance", "预测性维护"], ["vibration", "振动"], ["cnc", "数控"], ["machine tool", "机床"],
  ["chest", "胸部"], ["mri", "磁共振"], ["diabetic retinopathy", "糖尿病视网膜病变"], ["fundus", "眼底"], ["screening", "筛查"],
  ["annotated", "标注"], ["bed", "床位"], ["beds", "床位"], ["occupancy", "入住率"], ["terminal", "码头"], ["terminals", "码头"], ["liner", "班轮"],
  ["vessel", "船舶"], ["vessels", "船舶"], ["ship", "船舶"], ["ships", "船舶"], ["teu", "标准箱"], ["expressway", "高速公路"], ["highway", "公路"],
  ["aquaculture", "水产养殖"], ["dissolved oxygen", "溶解氧"], ["salinity", "盐度"], ["ammonia nitrogen", "氨氮"], ["pond", "鱼塘"], ["estuary", "河口"],
  ["pearl river", "珠江"], ["coastal", "沿海"], ["offshore", "海上"], ["cyclone", "气旋"], ["tropical cyclone", "热带气旋"], ["typhoon track", "台风路径"],
  ["forecasts", "预报"], ["observation", "观测"], ["observations", "观测"], ["inbound", "入境"], ["parcel", "包裹"],
  ["parcels", "包裹"], ["bonded", "保税"], ["trajectory", "轨迹"], ["trajectories", "轨迹"], ["litigation", "涉诉"], ["default", "违约"],
  ["transactions", "交易"], ["patent", "专利"], ["patents", "专利"], ["technology transfer", "技术转移"], ["prefabricated", "预制"],
  ["precast", "预制"], ["component", "构件"], ["components", "构件"], ["material", "材料"], ["materials", "材料"], ["building materials", "建材"],
  ["packaging", "包装"], ["dust", "扬尘"], ["noise", "噪声"], ["construction site", "工地"], ["prices", "价格"], ["wholesale", "批发"], ["market", "市场"],
  ["hospitality", "酒店"], ["charger", "充电桩"], ["chargers", "充电桩"], ["charging station", "充电站"], ["drugs", "药品"],
  ["prescription", "处方"], ["claims", "理赔"], ["soil", "土壤"], ["irrigation", "灌溉"], ["yield", "产量"], ["site selection", "选址"], ["store", "门店"],
  ["stores", "门店"],
  ["weather", "天气"], ["machine", "设备"], ["machines", "设备"], ["machinery", "设备"],
  ["plant", "工厂"], ["operation", "运行"], ["operating", "运行"],
  ["hourly", "逐时"], ["hourly", "逐小时"], ["thunderstorm", "雷暴"], ["probability", "概率"], ["weather forecast", "天气预报"],
  ["weather station", "气象站"], ["wind farm", "风电场"], ["tropical", "热带"], ["extreme", "极端"], ["return period", "重现期"],
  ["gridded", "网格化"], ["irradiance", "辐照"], ["solar radiation", "太阳辐射"], ["demand response", "需求响应"], ["load curve", "负荷曲线"],
  ["truck", "货车"], ["outdoor", "户外"], ["concert", "演唱会"], ["benchmarking", "对标"],
] as const;
