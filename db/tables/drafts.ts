import type { Generated } from "kysely";
import type { DRAFT_STAGES, RESOLUTIONS } from "../vocabulary/standards";
import type { Timestamp } from "./columns";

/** Table shapes of standard drafts, versions, comments and watches (migration 0006). Merged into Database in db/schema.ts. */

export type DraftStage = (typeof DRAFT_STAGES)[number];
export type CommentResolution = (typeof RESOLUTIONS)[number];

export interface DraftsTable {
  id: Generated<string>;
  group_id: string;
  code: string;
  title: string;
  title_en: string | null;
  scope: string;
  stage: Generated<DraftStage>;
  comment_opens_at: Timestamp | null;
  comment_closes_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The people who hold the pen on one draft (group editors or convenors). */
export interface DraftEditorsTable {
  draft_id: string;
  user_id: string;
}

/** Every save of the text is a new numbered version; none is ever overwritten. */
export interface DraftVersionsTable {
  id: Generated<string>;
  draft_id: string;
  number: number;
  body: string;
  author_id: string;
  note: string | null;
  created_at: Timestamp;
}

export interface DraftCommentsTable {
  id: Generated<string>;
  draft_id: string;
  author_id: string;
  clause: string;
  comment: string;
  proposed_change: string | null;
  resolution: CommentResolution | null;
  resolution_reason: string | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
  /** Migration 0032: hidden by the moderators, with the reason. */
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
}

/** Patent disclosures, on the draft itself or carried by a comment. */
export interface DraftPatentsTable {
  id: Generated<string>;
  draft_id: string;
  comment_id: string | null;
  holder: string;
  patent_number: string;
  description: string | null;
  disclosed_by: string;
  created_at: Timestamp;
}

export interface DraftWatchesTable {
  draft_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface DraftTables {
  drafts: DraftsTable;
  draft_editors: DraftEditorsTable;
  draft_versions: DraftVersionsTable;
  draft_comments: DraftCommentsTable;
  draft_patents: DraftPatentsTable;
  draft_watches: DraftWatchesTable;
}
