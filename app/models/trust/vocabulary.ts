/**
 * The trust vocabulary of DESIGN.md (reports 举报投诉, moderation decisions). A module that imports
 * nothing, so db/ types and the models read the same lists; labels live in the catalogs under trust.*.
 */

/** What can be reported: the content a member can see on the platform. */
export const REPORT_TARGETS = ["listing", "scenario", "organisation", "group_message", "draft_comment", "match"] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];

export const REPORT_CATEGORIES = ["misleading", "unlawful_source", "personal_info", "infringement", "spam", "other"] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const REPORT_STATUSES = ["open", "decided"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_DECISIONS = ["dismiss", "warn", "hide", "suspend_listing", "suspend_org"] as const;
export type ReportDecision = (typeof REPORT_DECISIONS)[number];

/** The facts of an organisation's platform record (record.server.ts), in the order the profile shows them. */
export const RECORD_FACTS = ["filedDeals", "ratings", "upheldReports", "draftVersions", "acceptedComments", "ballotsCast"] as const;
export type RecordFact = (typeof RECORD_FACTS)[number];
