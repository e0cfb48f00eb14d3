import type { Generated } from "kysely";
import type { Timestamp } from "./columns";

/** One row per scheduled job and period (see server/jobs.ts). */
export interface JobRunsTable {
  job: string;
  period: string;
  attempts: Generated<number>;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  failed_at: Timestamp | null;
  error: string | null;
  /** The running process renews it; once it lapses, the run is taken over. */
  lease_until: Timestamp | null;
  /** After a failure, the earliest retry. */
  next_attempt_at: Timestamp | null;
}

/** The version of a derived index the stored rows were built with (see reindex.server.ts). */
export interface IndexVersionsTable {
  name: string;
  version: number;
  updated_at: Generated<Date>;
}

export interface JobTables {
  job_runs: JobRunsTable;
  index_versions: IndexVersionsTable;
}
