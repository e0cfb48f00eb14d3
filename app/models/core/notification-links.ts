/** Notification kinds by area ("match.new" is in "match"), for the centre's filter. */
export const NOTIFICATION_AREAS = ["match", "listing", "intro", "scenario", "draft", "group", "organisation", "invitation"] as const;
export type NotificationArea = (typeof NOTIFICATION_AREAS)[number];

/**
 * The values a notice's sentence is written with, in the reader's language: a name or title may
 * carry an English twin (`nameEn`, `titleEn`), which English readers see instead.
 */
export function noticeValues(payload: Record<string, unknown>, locale: string): Record<string, unknown> {
  if (locale !== "en") return payload;
  const out = { ...payload };
  for (const [key, value] of Object.entries(payload)) if (key.endsWith("En") && typeof value === "string" && value) out[key.slice(0, -2)] = value;
  return out;
}

/**
 * The message key of a notification: a listing's status change says what happened to it ("approved
 * and published", "sent back: reason"), not only that its status changed.
 */
export function noticeKey(kind: string, payload: Record<string, unknown>): string {
  if (kind === "listing.status" && typeof payload.status === "string") {
    const plain = payload.status === "draft" && !payload.reason ? "_plain" : "";
    return `notification.listing.status_${payload.status}${plain}`;
  }
  return `notification.${kind}`;
}

/** Where a notification leads: the page of the thing it is about (shared by the inbox and the e-mails). */
export function notificationHref(payload: Record<string, unknown>): string | null {
  const s = (k: string) => (typeof payload[k] === "string" ? (payload[k] as string) : null);
  // Reports first: their notices also name the reported content, but lead to the report's outcome.
  if (s("moderationQueue")) return s("moderationQueue") === "appeals" ? "/moderation/actions?view=appeals" : "/moderation";
  if (s("disputeId")) return `/disputes/${s("disputeId")}`;
  if (s("reportId") || s("moderationId")) return "/reports";
  if (s("introId")) return "/introductions";
  if (s("matchId")) return `/matches/${s("matchId")}`;
  if (s("scenarioId")) return `/scenarios/${s("scenarioId")}`;
  if (s("draftId") && s("groupId")) return `/groups/${s("groupId")}/drafts/${s("draftId")}`;
  if (s("meetingId") && s("groupId")) return `/groups/${s("groupId")}/meetings/${s("meetingId")}`;
  if (s("groupId")) return `/groups/${s("groupId")}`;
  if (s("yourListingId")) return `/listings/${s("yourListingId")}`;
  if (s("listingId")) return `/listings/${s("listingId")}`;
  if (s("orgId")) return `/orgs/${s("orgId")}`;
  return null;
}
