import type { Generated } from "kysely";
import type { BALLOT_RESULTS, BALLOT_STATUSES } from "../vocabulary/enums";
import type { VOTE_CHOICES } from "../vocabulary/standards";
import type { Timestamp, Json } from "./columns";
import type { Tally } from "../vocabulary/standards";

/** Table shapes of ballots, meetings and the group channel (migration 0007). Merged into Database in db/schema.ts. */

export type VoteChoice = (typeof VOTE_CHOICES)[number];

export interface BallotsTable {
  id: Generated<string>;
  group_id: string;
  title: string;
  description: Generated<string>;
  draft_ref: string | null;
  draft_id: string | null;
  closes_at: Timestamp;
  quorum_num: Generated<number>;
  quorum_den: Generated<number>;
  approval_num: Generated<number>;
  approval_den: Generated<number>;
  status: Generated<(typeof BALLOT_STATUSES)[number]>;
  result: (typeof BALLOT_RESULTS)[number] | null;
  /** Fixed at close: { eligible, yes, no, abstain } */
  tally: Json<Tally> | null;
  created_by: string;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface BallotVotesTable {
  ballot_id: string;
  user_id: string;
  choice: VoteChoice;
  comment: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingsTable {
  id: Generated<string>;
  group_id: string;
  title: string;
  agenda: Generated<string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  time_zone: string;
  online_url: string | null;
  place: string | null;
  minutes: string | null;
  /** string[] of free-text draft references */
  draft_refs: Json<string[]>;
  /** string[] */
  decisions: Json<string[]>;
  /** When the group was reminded of it, a day ahead (migration 0023). */
  reminded_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  user_id: string;
  attended: boolean;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface GroupMessagesTable {
  id: Generated<string>;
  group_id: string;
  author_id: string;
  body: string;
  hidden_at: Timestamp | null;
  hidden_by: string | null;
  /** Migration 0032: the moderators' reason (a group convenor's hide has none). */
  hidden_reason: string | null;
  client_id: string | null;
  created_at: Timestamp;
}

export interface GroupCollabTables {
  ballots: BallotsTable;
  ballot_votes: BallotVotesTable;
  meetings: MeetingsTable;
  meeting_attendance: MeetingAttendanceTable;
  group_messages: GroupMessagesTable;
}
