/** A newly approved member's first steps on the dashboard. */
export const firstSteps = {
  title: "开始使用",
  intro: "你的机构已通过审核。完成下面几步，让其他会员和投资机构找到你：",
  profile: "完善机构主页",
  profileHint: "已完成 {{percent}}%；内容为空的主页不会出现在企业名录中。",
  listing: "发布一条数据供给或需求",
  listingHint: "发布后平台会为你匹配合适的对象，并说明理由。",
  group: "加入一个标准工作组",
  groupHint: "参与标准草案、投票和会议。",
  done: "已完成",
  todo: "未完成",
};
