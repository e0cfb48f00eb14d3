/** Questions asked before an action that cannot be undone. */
export const confirm = {
  cancel: "取消",
  withdrawListing: "撤回后，这条供需将不再公开，正在进行的对接也会终止，且不能恢复。确定撤回吗？",
  closeListing: "关闭后，这条供需不再接受新的对接。确定关闭吗？",
  declineMatch: "婉拒后，这次对接将结束，双方都不能再继续。确定婉拒吗？",
  closeBallot: "立即截止后，表决结果按当前票数确定，不能再投票或撤销。确定立即截止吗？",
  declineJoin: "确定婉拒这份入组申请吗？",
  declineIntro: "确定婉拒这次对接请求吗？",
  revokeKey: "撤销后，使用这个密钥的系统将立即无法访问。确定撤销吗？",
  removeMember: "移除后，此人将立即失去本单位的全部权限。确定移除吗？",
  revokeSession: "确定让这台设备退出登录吗？",
  removeFromCatalog: "确定把这个场景移出推荐目录吗？",
  rejectApplication: "确定不通过这份入盟申请吗？申请单位会收到你填写的原因。",
  withdrawDraft: "转入「已撤销」后，这份标准草案将停止推进，不能再恢复。确定吗？",
} as const;
