import type { Generated } from "kysely";
import type { Timestamp } from "./columns";

/** Table shapes of the credit record (migration 0034). Merged into Database in db/schema.ts. */

export interface CreditScoresTable {
  org_id: string;
  /** 0-100, or null when the organisation has too few observed facts for a score. */
  score: number | null;
  /** How many observed facts the score was computed from. */
  observed: Generated<number>;
  computed_at: Timestamp;
}

/** How far the incremental recomputation has read the fact sources. */
export interface CreditWatermarksTable {
  name: string;
  at: Timestamp;
}

export interface CreditTables {
  credit_scores: CreditScoresTable;
  credit_watermarks: CreditWatermarksTable;
}
