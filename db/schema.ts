import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Single source of truth for table shapes; every query is typed from here. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export type PlatformRole = "member" | "secretariat" | "moderator";
export type OrgRole = "owner" | "admin" | "member";
export type OrgStatus = "pending" | "approved" | "rejected";

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string;
  platform_role: Generated<PlatformRole>;
  locale: string | null;
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
  role: OrgRole;
  invited_by: string;
  status: Generated<"pending" | "accepted" | "revoked">;
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
  payload: Json;
  read_at: Timestamp | null;
  created_at: Timestamp;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  ip: string;
  email: string;
  succeeded: boolean;
  created_at: Timestamp;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  organisations: OrganisationsTable;
  org_members: OrgMembersTable;
  org_invitations: OrgInvitationsTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptsTable;
  notifications: NotificationsTable;
}

export type User = Selectable<UsersTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
