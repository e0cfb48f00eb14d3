/** Questions asked before an action that cannot be undone. */
export const confirm = {
  cancel: "取消",
  withdrawListing: "撤回後，這條供需將不再公開，正在進行的對接也會終止，且不能恢復。確定撤回嗎？",
  closeListing: "關閉後，這條供需不再接受新的對接。確定關閉嗎？",
  declineMatch: "婉拒後，這次對接將結束，雙方都不能再繼續。確定婉拒嗎？",
  closeBallot: "立即截止後，表決結果按目前票數確定，不能再投票或撤銷。確定立即截止嗎？",
  declineJoin: "確定婉拒這份入組申請嗎？",
  declineIntro: "確定婉拒這次對接請求嗎？",
  revokeKey: "撤銷後，使用這個密鑰的系統將立即無法存取。確定撤銷嗎？",
  removeMember: "移除後，此人將立即失去本單位的全部權限。確定移除嗎？",
  revokeSession: "確定讓這台裝置登出嗎？",
  removeFromCatalog: "確定把這個場景移出推薦目錄嗎？",
  rejectApplication: "確定不通過這份入盟申請嗎？申請單位會收到你填寫的原因。",
  withdrawDraft: "轉入「已撤銷」後，這份標準草案將停止推進，不能再恢復。確定嗎？",
} as const;
