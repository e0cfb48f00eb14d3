/** A newly approved member's first steps on the dashboard. */
export const firstSteps = {
  title: "開始使用",
  intro: "你的機構已通過審核。完成下面幾步，讓其他會員和投資機構找到你：",
  profile: "完善機構主頁",
  profileHint: "已完成 {{percent}}%；內容為空的主頁不會出現在企業名錄中。",
  listing: "發布一條數據供給或需求",
  listingHint: "發布後平台會為你匹配合適的對象，並說明理由。",
  group: "加入一個標準工作組",
  groupHint: "參與標準草案、投票和會議。",
  done: "已完成",
  todo: "未完成",
};
