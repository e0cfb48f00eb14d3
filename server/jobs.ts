import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import { logError } from "../app/models/core/log.server";

/**
 * A small scheduler on our own database: each job names the period it belongs to ("2026-11-30" for
 * a daily job, the minute for a frequent one) and runs once per period, claimed by inserting a
 * job_runs row, so any number of processes can tick. A failed run is retried on later ticks up to
 * MAX_ATTEMPTS. Hand-written because the usual libraries (pg-boss, graphile-worker) need a network
 * Postgres and do not run on the embedded PGlite.
 */
export interface Job<C> {
  name: string;
  period(now: Date): string;
  run(ctx: C, now: Date): Promise<void>;
}

export const MAX_ATTEMPTS = 3;

/** Every minute (UTC minute as the period). */
export const everyMinute = (now: Date) => now.toISOString().slice(0, 16);

/**
 * Once a day at `hour` o'clock in the alliance's time zone: the period is the local date of
 * (now − hour), so it changes exactly at that hour.
 */
export const dailyAt =
  (hour: number, timeZone = "Asia/Shanghai") =>
  (now: Date) =>
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(now.getTime() - hour * 3_600_000));

async function claim(db: Kysely<Database>, job: string, period: string): Promise<boolean> {
  const { rows } = await sql`
    insert into job_runs (job, period) values (${job}, ${period})
    on conflict (job, period) do update set attempts = job_runs.attempts + 1, started_at = now(), failed_at = null, error = null
      where job_runs.failed_at is not null and job_runs.attempts < ${MAX_ATTEMPTS}
    returning job`.execute(db);
  return rows.length > 0;
}

/** Runs every job whose current period has not run yet; returns the names that ran successfully. */
export async function runDueJobs<C>(db: Kysely<Database>, ctx: C, jobs: Job<C>[], now = new Date()): Promise<string[]> {
  const done: string[] = [];
  for (const job of jobs) {
    const period = job.period(now);
    try {
      if (!(await claim(db, job.name, period))) continue;
    } catch (e) {
      logError(`job ${job.name}: not claimed`, e);
      continue;
    }
    try {
      await job.run(ctx, now);
      await db
        .updateTable("job_runs")
        .set({ finished_at: sql`now()` })
        .where("job", "=", job.name)
        .where("period", "=", period)
        .execute();
      done.push(job.name);
    } catch (e) {
      logError(`job ${job.name} (${period}) failed`, e);
      await db
        .updateTable("job_runs")
        .set({ failed_at: sql`now()`, error: e instanceof Error ? e.message.slice(0, 300) : "error" })
        .where("job", "=", job.name)
        .where("period", "=", period)
        .execute()
        .catch((e2) => logError(`job ${job.name}: failure not recorded`, e2));
    }
  }
  return done;
}

/** Ticks every `tickMs` until stopped; `stop` waits for a tick in progress. */
export function startJobs<C>(db: Kysely<Database>, ctx: C, jobs: Job<C>[], tickMs = 15_000, clock = () => new Date()) {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = runDueJobs(db, ctx, jobs, clock()).catch((e) => logError("jobs: tick failed", e));
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  setTimeout(tick, 1000).unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
