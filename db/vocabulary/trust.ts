/**
 * The trust vocabulary of DESIGN.md (reports 举报投诉, moderation decisions). A module that imports
 * nothing, so db/ types and the models read the same lists; labels live in the catalogs under trust.*.
 */

/** What can be reported: the content a member can see on the platform. */
export const REPORT_TARGETS = ["listing", "scenario", "profile", "organisation", "group_message", "draft_comment", "match"] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];

/** What a report row may be about: a member's target, or a signed-out person's personal-information report (no target on the platform). */
export const STORED_REPORT_TARGETS = [...REPORT_TARGETS, "personal_info"] as const;
export type StoredReportTarget = (typeof STORED_REPORT_TARGETS)[number];

/** What moderators hide and restore (a deal is never hidden: its parties keep it). */
export const MODERATION_TARGETS = ["listing", "scenario", "profile", "organisation", "group_message", "draft_comment"] as const;
export type ModerationTarget = (typeof MODERATION_TARGETS)[number];

/** A moderation action: content hidden, or a whole organisation suspended. */
export const MODERATION_KINDS = ["hide", "suspend_org"] as const;
export type ModerationKind = (typeof MODERATION_KINDS)[number];

/** How a moderator answers the owner's one appeal. */
export const APPEAL_OUTCOMES = ["restored", "upheld"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const REPORT_CATEGORIES = ["misleading", "unlawful_source", "personal_info", "infringement", "spam", "other"] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** "unconfirmed": a public report waiting for its contact address to be confirmed; it is not in the queue yet. */
export const REPORT_STATUSES = ["unconfirmed", "open", "decided"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_DECISIONS = ["dismiss", "warn", "hide", "suspend_listing", "suspend_org"] as const;
export type ReportDecision = (typeof REPORT_DECISIONS)[number];

/** The facts of an organisation's platform record (record.server.ts), in the order the profile shows them. */
export const RECORD_FACTS = ["filedDeals", "ratings", "upheldReports", "draftVersions", "acceptedComments", "ballotsCast"] as const;
export type RecordFact = (typeof RECORD_FACTS)[number];
