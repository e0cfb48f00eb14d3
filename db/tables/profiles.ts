import type { ColumnType, Generated } from "kysely";
import type { INTRODUCTION_STATUSES } from "../vocabulary/enums";
import type { Timestamp, Json } from "./columns";
import type { ProfileField, Visibility } from "../vocabulary/directory";

/** Table shapes of enterprise profiles, investors and introductions (migration 0004). Merged into Database in db/schema.ts. */
type Num = ColumnType<string | null, number | null | undefined, number | null>;

export interface OrgProfilesTable {
  org_id: string;
  introduction: string | null;
  business_scope: string | null;
  products: string[];
  sectors: string[];
  dcmm_level: number | null;
  certifications: string[];
  service_types: string[];
  team_size: string | null;
  revenue_band: string | null;
  funding_stage: string | null;
  financing_sought: boolean | null;
  financing_min: Num;
  financing_max: Num;
  financing_use: string | null;
  key_scenarios: string[];
  /** Absent fields use DEFAULT_VISIBILITY. */
  visibility: Json<Partial<Record<ProfileField, Visibility>>>;
  /** Filled fields other than the data assets; null until counted (see migration 0022). */
  filled_fields: number | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InvestorProfilesTable {
  org_id: string;
  thesis: string | null;
  focus_sectors: string[];
  stages: string[];
  ticket_min: Num;
  ticket_max: Num;
  regions: string[];
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface WatchlistTable {
  investor_org_id: string;
  target_org_id: string;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IntroductionsTable {
  id: Generated<string>;
  investor_org_id: string;
  target_org_id: string;
  requested_by: string;
  message: string;
  status: Generated<(typeof INTRODUCTION_STATUSES)[number]>;
  response_note: string | null;
  responded_by: string | null;
  responded_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ProfileViewsTable {
  target_org_id: string;
  viewer_org_id: string;
  day: ColumnType<string, string, string>;
}

export interface ProfileTables {
  org_profiles: OrgProfilesTable;
  investor_profiles: InvestorProfilesTable;
  watchlist: WatchlistTable;
  introductions: IntroductionsTable;
  profile_views: ProfileViewsTable;
}
