import type { calendar as source } from "../zh-Hans/calendar";

export const calendar = {
  title: "日曆訂閱",
  intro: "用私人連結把你所在工作組的會議訂閱到日曆應用（Outlook、Apple 日曆、Google 日曆、Thunderbird），會議變更會自動同步。",
  none: "你還沒有私人日曆連結。",
  activeSince: "私人日曆連結建立於 {{date}}。",
  lastUsed: "日曆應用最近一次讀取：{{date}}。",
  neverUsed: "日曆應用還沒有讀取過它。",
  create: "建立私人日曆連結",
  renew: "換一個新連結",
  revoke: "停用連結",
  urlLabel: "你的私人日曆連結",
  urlHint: "這個連結只顯示這一次：請現在複製到日曆應用裡。任何拿到連結的人都能看到你的會議，如果外洩了請換一個新連結。",
  copy: "複製連結",
  copied: "已複製",
  revoked: "連結已停用，用它訂閱的日曆將不再更新。",
  renewConfirm: "舊連結會立即失效，確定換一個新連結嗎？",
  signInForFile: "請先登入再下載會議日曆檔案。若要在日曆應用中訂閱，請使用「日曆訂閱」頁面的私人連結。",
  feedUnknown: "這個日曆連結無效或已停用。",
} satisfies Record<keyof typeof source, string>;
