import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import { logError } from "../app/models/core/log.server";

/**
 * A small scheduler on our own database: each job names the period it belongs to ("2026-11-30" for
 * a daily job, the minute for a frequent one) and runs once per period, claimed by inserting a
 * job_runs row, so any number of processes can tick. Hand-written because the usual libraries
 * (pg-boss, graphile-worker) need a network Postgres and do not run on the embedded PGlite; it
 * borrows their lease: a claim holds `lease_until`, which the running process renews every third
 * of LEASE_MS. A process that dies mid-run stops renewing, and once the lease lapses the next tick
 * anywhere takes the run over (it was never finished, so nothing ran twice to completion). A failed
 * run waits RETRY_BASE_MS, doubling per attempt, up to MAX_ATTEMPTS.
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

/** How long a claim holds without renewal: a dead process's run is taken over after this. */
export const LEASE_MS = 60_000;
/** The pause before the first retry of a failed run; it doubles with each attempt. */
export const RETRY_BASE_MS = 30_000;

async function claim(db: Kysely<Database>, job: string, period: string): Promise<boolean> {
  const lease = sql`now() + make_interval(secs => ${LEASE_MS / 1000})`;
  const { rows } = await sql`
    insert into job_runs (job, period, lease_until) values (${job}, ${period}, ${lease})
    on conflict (job, period) do update set attempts = job_runs.attempts + 1, started_at = now(), failed_at = null, error = null,
        lease_until = ${lease}, next_attempt_at = null
      where job_runs.finished_at is null and job_runs.attempts < ${MAX_ATTEMPTS} and (
        (job_runs.failed_at is not null and coalesce(job_runs.next_attempt_at, job_runs.failed_at) <= now())
        or (job_runs.failed_at is null and coalesce(job_runs.lease_until, job_runs.started_at + make_interval(secs => ${LEASE_MS / 1000})) < now())
      )
    returning job`.execute(db);
  return rows.length > 0;
}

/** Keeps the claim while the run lasts; a renewal that fails (database away) is tried again next time. */
function renewWhileRunning(db: Kysely<Database>, job: string, period: string): () => void {
  const timer = setInterval(() => {
    db.updateTable("job_runs")
      .set({ lease_until: sql`now() + make_interval(secs => ${LEASE_MS / 1000})` })
      .where("job", "=", job)
      .where("period", "=", period)
      .where("finished_at", "is", null)
      .execute()
      .catch((e) => logError(`job ${job}: lease not renewed`, e));
  }, LEASE_MS / 3);
  timer.unref();
  return () => clearInterval(timer);
}

/** Told of every run this process made: its job, how it ended and how long it took (server/metrics.ts). */
export type JobObserver = (job: string, outcome: "ok" | "failed", seconds: number) => void;

/** Runs every job whose current period has not run yet; returns the names that ran successfully. */
export async function runDueJobs<C>(db: Kysely<Database>, ctx: C, jobs: Job<C>[], now = new Date(), observe?: JobObserver): Promise<string[]> {
  const done: string[] = [];
  for (const job of jobs) {
    const period = job.period(now);
    try {
      if (!(await claim(db, job.name, period))) continue;
    } catch (e) {
      logError(`job ${job.name}: not claimed`, e);
      continue;
    }
    const stopRenewing = renewWhileRunning(db, job.name, period);
    const started = performance.now();
    try {
      await job.run(ctx, now);
      stopRenewing();
      observe?.(job.name, "ok", (performance.now() - started) / 1000);
      await db
        .updateTable("job_runs")
        .set({ finished_at: sql`now()`, lease_until: null })
        .where("job", "=", job.name)
        .where("period", "=", period)
        .execute();
      done.push(job.name);
    } catch (e) {
      stopRenewing();
      observe?.(job.name, "failed", (performance.now() - started) / 1000);
      logError(`job ${job.name} (${period}) failed`, e);
      await db
        .updateTable("job_runs")
        .set({
          failed_at: sql`now()`,
          lease_until: null,
          next_attempt_at: sql`now() + make_interval(secs => ${RETRY_BASE_MS / 1000} * power(2, attempts - 1))`,
          error: e instanceof Error ? e.message.slice(0, 300) : "error",
        })
        .where("job", "=", job.name)
        .where("period", "=", period)
        .execute()
        .catch((e2) => logError(`job ${job.name}: failure not recorded`, e2));
    }
  }
  return done;
}

/** Ticks every `tickMs` until stopped; a tick still running makes the next one skip; `stop` waits for it. */
export function startJobs<C>(db: Kysely<Database>, ctx: C, jobs: Job<C>[], tickMs = 15_000, clock = () => new Date(), observe?: JobObserver) {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = runDueJobs(db, ctx, jobs, clock(), observe)
      .catch((e) => logError("jobs: tick failed", e))
      .finally(() => (running = null));
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
