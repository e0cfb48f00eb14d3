import type { Generated } from "kysely";
import type { Timestamp } from "./columns";
import type { ReportCategory, ReportDecision, ReportStatus, ReportTarget } from "../../app/models/trust/vocabulary";

/** Table shapes of reports and moderation (migration 0028). Merged into Database in db/schema.ts. */

export interface ReportsTable {
  id: Generated<string>;
  target_type: ReportTarget;
  /** A uuid, or a group message's bigserial id as text. */
  target_id: string;
  /** What the target was called when reported, so the queue reads well after the target changes. */
  target_title: string;
  /** The page that shows the target (a group message's channel, a comment's draft). */
  target_path: string;
  /** The reported organisation (who owns or wrote the target); told of decisions, never of the reporter. */
  target_org_id: string | null;
  reporter_id: string;
  reporter_org_id: string | null;
  category: ReportCategory;
  description: string;
  status: Generated<ReportStatus>;
  decision: ReportDecision | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface TrustTables {
  reports: ReportsTable;
}
