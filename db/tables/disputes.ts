import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "./columns";
import type { DisputeOutcome, DisputeRole, DisputeStatus, EvidenceSubject, EvidenceType, MediatorKind, StatementKind } from "../vocabulary/disputes";

/** Table shapes of disputes and evidence files (migration 0031). Merged into Database in db/schema.ts. */

export interface DisputesTable {
  id: Generated<string>;
  match_id: string;
  /** What the dispute is about, in the claimant's words. */
  title: string;
  claimant_org_id: string;
  respondent_org_id: string;
  opened_by: string;
  status: Generated<DisputeStatus>;
  answer_due_at: Timestamp;
  answered_at: Timestamp | null;
  /** The job runner reminded the respondent (once). */
  reminded_at: Timestamp | null;
  /** The job runner marked the answer overdue (once). */
  overdue_at: Timestamp | null;
  mediator_kind: MediatorKind | null;
  mediator_org_id: string | null;
  assigned_by: string | null;
  assigned_at: Timestamp | null;
  outcome_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DisputeStatementsTable {
  /** bigserial, read as text. */
  id: ColumnType<string, never, never>;
  dispute_id: string;
  /** Null for what the job runner recorded. */
  author_id: string | null;
  author_org_id: string | null;
  role: DisputeRole;
  kind: StatementKind;
  outcome: DisputeOutcome | null;
  body: string;
  created_at: Timestamp;
}

export interface EvidenceFilesTable {
  id: Generated<string>;
  subject_type: EvidenceSubject;
  /** A dispute statement's bigserial id as text, or a report's uuid. */
  subject_id: string;
  filename: string;
  content_type: EvidenceType;
  size: number;
  bytes: Uint8Array;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface DisputeTables {
  disputes: DisputesTable;
  dispute_statements: DisputeStatementsTable;
  evidence_files: EvidenceFilesTable;
}
