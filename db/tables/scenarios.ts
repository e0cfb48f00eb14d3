import type { ColumnType, Generated } from "kysely";
import type { EDITION_STATUSES } from "../vocabulary/enums";
import type { PARTICIPANT_STATUSES, SCENARIO_STAGES, SIGNED_OFF_STAGES, STAGE_REQUEST_FROM, STAGE_REQUEST_STATUSES } from "../vocabulary/scenarios";
import type { Timestamp, Json } from "./columns";
import type { Figure } from "../vocabulary/scenarios";

/** Table shapes of the scenarios capability (migration 0003). Merged into Database in db/schema.ts. */

export type ScenarioStage = (typeof SCENARIO_STAGES)[number];

export interface ScenariosTable {
  id: Generated<string>;
  org_id: string;
  title: string;
  /** The English title, when the publisher gives one (0019). */
  title_en: string | null;
  sector: string;
  region: string;
  problem: string;
  data_description: string | null;
  delivery_modes: string[];
  /** [{ label, value, unit }] */
  results: Json<Figure[]>;
  image_urls: string[];
  stage: Generated<ScenarioStage>;
  search_vector: ColumnType<string, unknown, unknown>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Hidden by a moderation decision (0028): gone from every public read, still the owner's to see. */
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
  /** The areas of cross-border mutual recognition it serves (0039); null when it does not cross the border. */
  crossborder_areas: string[] | null;
}

/** The published listings a scenario uses. */
export interface ScenarioListingsTable {
  scenario_id: string;
  listing_id: string;
  position: number;
}

/** Other approved organisations taking part: shown only once a manager of theirs confirmed (0033). */
export interface ScenarioParticipantsTable {
  scenario_id: string;
  org_id: string;
  position: number;
  status: Generated<(typeof PARTICIPANT_STATUSES)[number]>;
  invited_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

/** A request to move a scenario to pilot or demonstration, signed off or refused by the secretariat (0033). */
export interface ScenarioStageRequestsTable {
  id: Generated<string>;
  scenario_id: string;
  from_stage: (typeof STAGE_REQUEST_FROM)[number];
  to_stage: (typeof SIGNED_OFF_STAGES)[number];
  evidence: string;
  evidence_url: string | null;
  evidence_file: Uint8Array | null;
  evidence_type: string | null;
  evidence_name: string | null;
  status: Generated<(typeof STAGE_REQUEST_STATUSES)[number]>;
  requested_by: string;
  created_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
}

/** 应用场景推荐目录: one edition per year, curated by the secretariat. */
export interface CatalogEditionsTable {
  id: Generated<string>;
  year: number;
  title: string;
  intro: string;
  status: Generated<(typeof EDITION_STATUSES)[number]>;
  published_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CatalogEntriesTable {
  edition_id: string;
  scenario_id: string;
  /** 示范案例 */
  demonstration: Generated<boolean>;
  added_at: Timestamp;
}

export interface ScenarioTables {
  scenarios: ScenariosTable;
  scenario_listings: ScenarioListingsTable;
  scenario_participants: ScenarioParticipantsTable;
  scenario_stage_requests: ScenarioStageRequestsTable;
  catalog_editions: CatalogEditionsTable;
  catalog_entries: CatalogEntriesTable;
}
