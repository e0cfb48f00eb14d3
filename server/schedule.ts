import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database } from "../db/schema";
import type { Mailer } from "../app/models/accounts/mail.server";
import { queueNotificationMail } from "../app/models/accounts/notification-mail.server";
import { closeDueBallots } from "../app/models/standards/ballots.server";
import { remindUpcomingMeetings } from "../app/models/standards/meetings.server";
import { runDisputeDeadlines } from "../app/models/trust/disputes.server";
import { refreshRecentMatchLists } from "../app/models/marketplace/reindex.server";
import { tickReportDeadlines } from "../app/models/trust/reports.server";
import { purgeUnconfirmedReports } from "../app/models/trust/public-reports.server";
import { refreshAllCredit, refreshChangedCredit } from "../app/models/trust/credit.server";
import { dailyAt, everyMinute, type Job } from "./jobs";

export interface JobContext {
  db: Kysely<Database>;
  mailer: Mailer;
  /** Where links in mail point: the configured PUBLIC_URL (server/config.ts), never a request header. */
  origin: string;
}

/** All scheduled work of the platform, in one list. */
export const SCHEDULE: Job<JobContext>[] = [
  {
    // Ballots close and are tallied at their closing time, not on the first page view after it.
    name: "ballots.close",
    period: everyMinute,
    run: async ({ db }, now) => void (await closeDueBallots(db, now)),
  },
  {
    // A group hears of each meeting a day ahead; the mail follows each member's cadence.
    name: "meetings.remind",
    period: everyMinute,
    run: async ({ db }, now) => void (await remindUpcomingMeetings(db, now)),
  },
  {
    // A dispute's respondent is reminded before the answer is due, and the dispute marked overdue after.
    name: "disputes.deadlines",
    period: everyMinute,
    run: async ({ db }, now) => void (await runDisputeDeadlines(db, now)),
  },
  {
    // The report queue's due dates: moderators reminded a day before, overdue reports marked after;
    // public reports never confirmed are deleted after a week.
    name: "reports.deadlines",
    period: everyMinute,
    run: async ({ db }, now) => {
      await tickReportDeadlines(db, now);
      await purgeUnconfirmedReports(db, now);
    },
  },
  {
    name: "notifications.mail_immediately",
    period: everyMinute,
    run: async ({ db, mailer, origin }) => {
      if ((await queueNotificationMail(db, "immediately", origin)) > 0) await mailer.flush();
    },
  },
  {
    name: "notifications.mail_daily",
    period: dailyAt(8),
    run: async ({ db, mailer, origin }) => {
      if ((await queueNotificationMail(db, "daily", origin)) > 0) await mailer.flush();
    },
  },
  {
    // Stored match lists keep the day they were scored; recent listings' freshness moves daily.
    name: "matches.refresh_recent",
    period: dailyAt(4),
    run: async ({ db }, now) => void (await refreshRecentMatchLists(db, now)),
  },
  {
    // Credit scores of the organisations whose observed facts changed (all of them the first time).
    name: "credit.refresh",
    period: everyMinute,
    run: async ({ db }, now) => void (await refreshChangedCredit(db, now)),
  },
  {
    // Every organisation once a day: filed deals age, unanswered requests fall due without any write.
    name: "credit.full",
    period: dailyAt(2),
    run: async ({ db }, now) => void (await refreshAllCredit(db, now)),
  },
  {
    name: "job_runs.prune",
    period: dailyAt(3),
    run: async ({ db }) => void (await sql`delete from job_runs where started_at < now() - interval '14 days'`.execute(db)),
  },
];
