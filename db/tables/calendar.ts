import type { Generated } from "kysely";
import type { Timestamp } from "./columns";

/** A member's private calendar feed (0038): only the token's SHA-256 is kept. */
export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
}

export interface CalendarTables {
  calendar_feeds: CalendarFeedsTable;
}
