/** The notification centre. */
export const notices = {
  title: "通知中心",
  intro: "你收到的全部通知。可按未读和领域筛选；点击通知会打开相关页面。",
  filter: "筛选通知",
  everything: "全部",
  unread: "未读",
  allAreas: "所有领域",
  areas: {
    match: "匹配与对接",
    listing: "供需审核",
    intro: "对接请求",
    scenario: "应用场景",
    draft: "标准草案",
    group: "工作组",
    organisation: "入盟审核",
    invitation: "邀请",
  },
  total: "共 {{count}} 条",
  markOne: "标为已读",
  noneUnread: "没有未读通知。",
  all: "全部通知",
} as const;
