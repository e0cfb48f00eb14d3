import type { Generated } from "kysely";
import type { GROUP_MEMBER_STATUSES, GROUP_ROLES, GROUP_STATUSES } from "../vocabulary/enums";
import type { Timestamp, Json } from "./columns";
import type { Milestone } from "../vocabulary/standards";

/** Table shapes of standards working groups (migration 0005). Merged into Database in db/schema.ts. */

export type GroupRole = (typeof GROUP_ROLES)[number];

export interface WorkingGroupsTable {
  id: Generated<string>;
  name: string;
  name_en: string | null;
  scope: string;
  charter: string;
  standard_type: string;
  /** [{ label, due }] */
  milestones: Json<Milestone[]>;
  status: Generated<(typeof GROUP_STATUSES)[number]>;
  created_by: string;
  created_at: Timestamp;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  role: GroupRole;
  status: Generated<(typeof GROUP_MEMBER_STATUSES)[number]>;
  message: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface StandardsTables {
  working_groups: WorkingGroupsTable;
  group_members: GroupMembersTable;
}
