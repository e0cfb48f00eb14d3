import type { Generated } from "kysely";
import type { Timestamp } from "./columns";
import type { AppealOutcome, ModerationKind, ModerationTarget, ReportCategory, ReportDecision, ReportStatus, StoredReportTarget } from "../vocabulary/trust";

/** Table shapes of reports and moderation (migration 0028). Merged into Database in db/schema.ts. */

export interface ReportsTable {
  id: Generated<string>;
  target_type: StoredReportTarget;
  /** A uuid, or a group message's bigserial id as text. */
  target_id: string;
  /** What the target was called when reported, so the queue reads well after the target changes. */
  target_title: string;
  /** The page that shows the target (a group message's channel, a comment's draft). */
  target_path: string;
  /** The reported organisation (who owns or wrote the target); told of decisions, never of the reporter. */
  target_org_id: string | null;
  /** Null for a signed-out person's personal-information report (contact_email instead). */
  reporter_id: string | null;
  reporter_org_id: string | null;
  category: ReportCategory;
  description: string;
  status: Generated<ReportStatus>;
  decision: ReportDecision | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  /** Migration 0032: when the secretariat should have decided (7 days from filing or confirmation). */
  due_at: Timestamp;
  reminded_at: Timestamp | null;
  overdue_at: Timestamp | null;
  info_request: string | null;
  info_requested_at: Timestamp | null;
  info_reply: string | null;
  info_replied_at: Timestamp | null;
  /** A public report's contact address and language, confirmed by a mailed link (token hash) before it enters the queue. */
  contact_email: string | null;
  contact_locale: string | null;
  confirm_token_hash: string | null;
  confirmed_at: Timestamp | null;
}

/** A hide or a suspension, the owner's one appeal and the restoration (migration 0032). */
export interface ModerationActionsTable {
  id: Generated<string>;
  target_type: ModerationTarget;
  target_id: string;
  target_title: string;
  target_path: string;
  target_org_id: string | null;
  kind: ModerationKind;
  reason: string;
  report_id: string | null;
  acted_by: string;
  acted_at: Timestamp;
  appeal_statement: string | null;
  appealed_by: string | null;
  appealed_at: Timestamp | null;
  appeal_outcome: AppealOutcome | null;
  appeal_reason: string | null;
  appeal_decided_by: string | null;
  appeal_decided_at: Timestamp | null;
  restored_at: Timestamp | null;
  restored_by: string | null;
  restore_reason: string | null;
}

export interface TrustTables {
  reports: ReportsTable;
  moderation_actions: ModerationActionsTable;
}
