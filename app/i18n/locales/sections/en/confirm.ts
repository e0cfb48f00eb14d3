/** Questions asked before an action that cannot be undone. */
export const confirm = {
  cancel: "Cancel",
  withdrawListing: "Once withdrawn, this listing is no longer public and any ongoing deals end. This cannot be undone. Withdraw it?",
  closeListing: "Once closed, this listing takes no new deals. Close it?",
  declineMatch: "Declining ends this deal for both sides. Decline?",
  closeBallot: "Closing now fixes the result with the votes cast so far; no one can vote afterwards. Close now?",
  declineJoin: "Decline this request to join?",
  declineIntro: "Decline this introduction request?",
  revokeKey: "Systems using this key lose access at once. Revoke it?",
  removeMember: "This person loses every right in your organisation at once. Remove them?",
  revokeSession: "Sign this device out?",
  removeFromCatalog: "Remove this scenario from the recommended catalog?",
  rejectApplication: "Reject this membership application? The applicant receives the reason you give.",
  withdrawDraft: "A withdrawn draft stops for good and cannot be revived. Withdraw it?",
} as const;
