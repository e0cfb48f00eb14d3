import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { ProfileTables } from "./tables/profiles";
import type { ScenarioTables } from "./tables/scenarios";
import type { StandardsTables } from "./tables/standards";
import type { DraftTables } from "./tables/drafts";
import type { GroupCollabTables } from "./tables/group-collab";
import type { AccountTables } from "./tables/accounts";
import type { JobTables } from "./tables/jobs";
import type { MediaTables } from "./tables/media";
import type { TrustTables } from "./tables/trust";
import type { DisputeTables } from "./tables/disputes";
import type { CreditTables } from "./tables/credit";
import type { CrossborderTables } from "./tables/crossborder";
import type { CalendarTables } from "./tables/calendar";
import type {
  INVITABLE_ROLES,
  INVITATION_STATUSES,
  LISTING_KINDS,
  LISTING_STATUSES,
  MATCH_STATUSES,
  ORG_ROLES,
  ORG_STATUSES,
  PLATFORM_ROLES,
} from "./vocabulary/enums";
import type { MAIL_CADENCES } from "./vocabulary/accounts";
import type { Timestamp, Json } from "./tables/columns";
import type { Compliance, FieldSpec, Reason } from "./vocabulary/marketplace";
import type { FilingRecord } from "./vocabulary/filings";

/** Single source of truth for table shapes; every query is typed from here. */

/* Vocabularies come from their `as const` lists (type-only imports: nothing runs), so a value added
   there is a value the columns accept; test/vocabularies.test.ts holds the CHECK constraints to them. */
type OneOf<T extends readonly unknown[]> = T[number];
export type PlatformRole = OneOf<typeof PLATFORM_ROLES>;
export type OrgRole = OneOf<typeof ORG_ROLES>;
export type OrgStatus = OneOf<typeof ORG_STATUSES>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string;
  platform_role: Generated<PlatformRole>;
  locale: string | null;
  email_verified_at: Timestamp | null;
  notification_email: Generated<OneOf<typeof MAIL_CADENCES>>;
  /** Notification areas not sent by e-mail (0020). */
  mail_muted_areas: Generated<string[]>;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
}

export interface OrganisationsTable {
  id: Generated<string>;
  type: string;
  name_zh: string;
  name_en: string | null;
  region: string;
  credit_code: string | null;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  description: string;
  status: Generated<OrgStatus>;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  applied_by: string;
  created_at: Timestamp;
  /** Migration 0032: the profile hidden by the moderators, and the whole organisation suspended. */
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
  suspended_at: Timestamp | null;
  suspended_reason: string | null;
}

export interface OrgMembersTable {
  org_id: string;
  user_id: string;
  role: OrgRole;
  created_at: Timestamp;
}

export interface OrgInvitationsTable {
  id: Generated<string>;
  org_id: string;
  email: string;
  role: OneOf<typeof INVITABLE_ROLES>;
  invited_by: string;
  status: Generated<OneOf<typeof INVITATION_STATUSES>>;
  token_hash: string | null;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  payload: Json<Record<string, unknown>>;
  read_at: Timestamp | null;
  /** When it went out by e-mail (immediately or in a digest); unread and unmailed ones are due. */
  mailed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  ip: string;
  email: string;
  succeeded: boolean;
  created_at: Timestamp;
}

export interface ListingsTable {
  id: Generated<string>;
  org_id: string;
  kind: OneOf<typeof LISTING_KINDS>;
  status: Generated<OneOf<typeof LISTING_STATUSES>>;
  title: string;
  /** The English title, when the poster gives one (0019). */
  title_en: string | null;
  description: string;
  data_category: string;
  grade: string;
  rights: string[];
  delivery_modes: string[];
  pricing_model: string;
  price_min: ColumnType<string | null, number | null, number | null>;
  price_max: ColumnType<string | null, number | null, number | null>;
  sectors: string[];
  regions: string[];
  tags: string[];
  update_frequency: string | null;
  time_coverage: string | null;
  fields: Json<FieldSpec[]>;
  sample_description: string | null;
  scenario: string;
  compliance: Json<Compliance>;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  external_id: string | null;
  search_vector: ColumnType<string, unknown, unknown>;
  /** The tokens matching compares (search.server.ts matchTerms). */
  match_terms: Generated<string[]>;
  review_notes: string | null;
  /** Migration 0032: hidden by the moderators (the listing left publication), with the reason. */
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
  version: Generated<number>;
  created_by: string | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ListingVersionsTable {
  id: Generated<string>;
  listing_id: string;
  version: number;
  /** The listing row as it was before an edit (search columns left out; dates as ISO text). */
  snapshot: Json<{ title: string; description: string } & Record<string, unknown>>;
  edited_by: string | null;
  created_at: Timestamp;
}

/** A narrow copy of a published listing for the matching probe (matching.server.ts syncMatchProfiles). */
export interface MatchProfilesTable {
  listing_id: string;
  org_id: string;
  keys: string[];
  delivery_modes: string[];
  rights: string[];
  regions: string[];
  published_at: Timestamp;
}

export interface TermStatsTable {
  term: string;
  df: number;
}

export interface MatchesTable {
  id: Generated<string>;
  supply_id: string;
  demand_id: string;
  score: number;
  reasons: Json<Reason[]>;
  status: Generated<OneOf<typeof MATCH_STATUSES>>;
  initiator_org_id: string | null;
  supply_agreed: Generated<boolean>;
  demand_agreed: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A scored pair in the stored match lists (see matching.server.ts refreshMatchList). */
export interface MatchCandidatesTable {
  supply_id: string;
  demand_id: string;
  score: number;
  reasons: Json<Reason[]>;
  computed_at: Generated<Date>;
}

export interface MatchMessagesTable {
  id: Generated<string>;
  match_id: string;
  author_id: string;
  org_id: string;
  body: string;
  created_at: Timestamp;
}

export interface DealFilingsTable {
  id: Generated<string>;
  match_id: string;
  supply_org_id: string;
  demand_org_id: string;
  filed_at: Timestamp;
  /** The filing record (0029): null until a party files the agreed deal. */
  number: string | null;
  /** numeric(16,2) in yuan, read as text by the drivers. */
  amount: ColumnType<string | null, string | number | null, string | number | null>;
  term_months: number | null;
  delivery_mode: string | null;
  pricing_terms: string | null;
  filed_by: string | null;
  numbered_at: Timestamp | null;
  /** The record as filed (0033): listing versions, declarations, each step's time; written once. */
  record: Json<FilingRecord> | null;
}

/** The last filing number given out in each year (0029), locked while the next is taken. */
export interface DealFilingCountersTable {
  year: number;
  last_number: Generated<number>;
}

export interface RatingsTable {
  match_id: string;
  rater_org_id: string;
  ratee_org_id: string;
  score: number;
  comment: string | null;
  created_at: Timestamp;
}

export interface ApiKeysTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_by: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface Database
  extends ScenarioTables, ProfileTables, StandardsTables, DraftTables, GroupCollabTables, AccountTables, JobTables, MediaTables, TrustTables, DisputeTables {
  users: UsersTable;
  sessions: SessionsTable;
  organisations: OrganisationsTable;
  org_members: OrgMembersTable;
  org_invitations: OrgInvitationsTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptsTable;
  notifications: NotificationsTable;
  listings: ListingsTable;
  listing_versions: ListingVersionsTable;
  term_stats: TermStatsTable;
  match_profiles: MatchProfilesTable;
  matches: MatchesTable;
  match_candidates: MatchCandidatesTable;
  match_messages: MatchMessagesTable;
  deal_filings: DealFilingsTable;
  deal_filing_counters: DealFilingCountersTable;
  ratings: RatingsTable;
  api_keys: ApiKeysTable;
}

/** The credit record's tables (0034), merged into Database beside the list above. */
export interface Database extends CreditTables {
  credit_scores: CreditTables["credit_scores"];
}

/** Cross-border declarations (0037), merged the same way. */
export interface Database extends CrossborderTables {
  crossborder_declarations: CrossborderTables["crossborder_declarations"];
}

/** Private calendar feeds (0038), merged the same way. */
export interface Database extends CalendarTables {
  calendar_feeds: CalendarTables["calendar_feeds"];
}

export type User = Selectable<UsersTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
