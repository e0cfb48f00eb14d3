/** The notification centre. */
export const notices = {
  title: "通知中心",
  intro: "你收到的全部通知。可按未讀和領域篩選；點擊通知會開啟相關頁面。",
  filter: "篩選通知",
  everything: "全部",
  unread: "未讀",
  allAreas: "所有領域",
  areas: {
    match: "匹配與對接",
    listing: "供需審核",
    intro: "對接請求",
    scenario: "應用場景",
    draft: "標準草案",
    group: "工作組",
    organisation: "入盟審核",
    invitation: "邀請",
  },
  total: "共 {{count}} 條",
  markOne: "標為已讀",
  noneUnread: "沒有未讀通知。",
  all: "全部通知",
} as const;
