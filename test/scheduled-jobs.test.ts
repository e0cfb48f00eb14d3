import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { createMailer } from "../app/models/accounts/mail.server";
import { storeNotifications } from "../app/models/core/notifications.server";
import { castVote, createBallot, getBallot } from "../app/models/standards/ballots.server";
import { ballotSchema, utcToLocal } from "../app/models/standards/collab-schema";
import { MAX_ATTEMPTS, dailyAt, everyMinute, runDueJobs, type Job } from "../server/jobs";
import { SCHEDULE, type JobContext } from "../server/schedule";
import { appOnFreshDb } from "./helpers/app";
import { makeGroup } from "./helpers/collab";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, makeUser } from "./helpers/fixtures";
import { startSmtpServer } from "./helpers/smtp";

const ORIGIN = "http://yaosu.test";
/** 08:30 in Guangzhou on 1 December 2026: the daily digest's hour has passed. */
const MORNING = new Date("2026-12-01T00:30:00Z");

describe("scheduled jobs", () => {
  const t = dbForSuite();
  let db: Db;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let ctx: JobContext;

  beforeAll(async () => {
    db = t.db;
    smtp = await startSmtpServer();
    ctx = { db, mailer: createMailer(db, smtp.url, "要素 <no-reply@yaosu.test>", () => {}), origin: ORIGIN };
  });
  afterAll(async () => {
    await smtp.close();
  });

  const member = async (cadence: "immediately" | "daily" | "never", opts: { verified?: boolean; locale?: string } = {}) => {
    const u = await makeUser(db, { verified: opts.verified });
    await db
      .updateTable("users")
      .set({ notification_email: cadence, locale: opts.locale ?? null })
      .where("id", "=", u.id)
      .execute();
    return u;
  };
  const notify = (userId: string, title: string) =>
    storeNotifications(db, [userId], "match.new", {
      listingId: "6f1c1f3e-2a55-4d5e-9f0f-111111111111",
      title,
      yourListingId: "6f1c1f3e-2a55-4d5e-9f0f-222222222222",
      yourTitle: "我的需求",
      score: 81,
    });
  const outboxFor = (email: string) =>
    db.selectFrom("mail_outbox").select(["kind", "subject", "text_body"]).where("to_email", "=", email).where("kind", "like", "notification%").execute();

  it("periods: a minute, and a day that turns at 08:00 in Guangzhou", () => {
    expect(everyMinute(new Date("2026-11-30T10:05:59Z"))).toBe("2026-11-30T10:05");
    const at8 = dailyAt(8);
    expect(at8(new Date("2026-11-30T23:59:00Z"))).toBe("2026-11-30"); // 07:59 on 1 Dec in Guangzhou
    expect(at8(new Date("2026-12-01T00:00:00Z"))).toBe("2026-12-01"); // 08:00 on 1 Dec
  });

  it("mails unread notifications by each member's choice, once, in their language, only to confirmed addresses", async () => {
    // 07:58 in Guangzhou: the previous day's digest period has already run (nothing to send).
    const early = new Date(MORNING.getTime() - 31 * 60_000);
    await runDueJobs(db, ctx, SCHEDULE, new Date(early.getTime() - 60_000));
    const now = await member("immediately", { locale: "en" });
    const daily = await member("daily");
    const never = await member("never");
    const unconfirmed = await member("immediately", { verified: false });
    await notify(now.id, "Port container throughput");
    const [readOne] = await notify(daily.id, "已读的通知");
    await db.updateTable("notifications").set({ read_at: new Date() }).where("id", "=", readOne.id).execute();
    await notify(daily.id, "广州港集装箱吞吐量");
    await notify(daily.id, "南沙冷链物流轨迹");
    await notify(never.id, "不会发邮件");
    await notify(unconfirmed.id, "地址未确认");

    // 07:59: the immediate mail goes, the digest waits for 08:00.
    // Every minute's jobs run; the daily digest is not among them yet.
    expect(await runDueJobs(db, ctx, SCHEDULE, early)).toEqual([
      "ballots.close",
      "meetings.remind",
      "disputes.deadlines",
      "reports.deadlines",
      "notifications.mail_immediately",
      "credit.refresh",
    ]);
    const instant = await smtp.mailTo(now.email, "new notification");
    expect(instant.subject).toBe("Yaosu: 1 new notification");
    expect(instant.text).toContain("Port container throughput");
    expect(instant.text).toContain(`${ORIGIN}/listings/6f1c1f3e-2a55-4d5e-9f0f-222222222222`);
    expect(instant.text).toContain(`${ORIGIN}/account/notifications`);
    expect(await outboxFor(daily.email)).toEqual([]);

    const ran = await runDueJobs(db, ctx, SCHEDULE, MORNING);
    expect(ran).toContain("notifications.mail_daily");
    const digest = await smtp.mailTo(daily.email, "每日摘要");
    expect(digest.subject).toBe("要素每日摘要：2 条未读通知");
    expect(digest.text).toContain("广州港集装箱吞吐量");
    expect(digest.text).toContain("南沙冷链物流轨迹");
    expect(digest.text).not.toContain("已读的通知");
    expect(digest.html).toContain(`<a href="${ORIGIN}/listings/`);

    // Nothing twice: the same period does not run again, a later one finds nothing left to mail.
    expect(await runDueJobs(db, ctx, SCHEDULE, MORNING)).toEqual([]);
    await runDueJobs(db, ctx, SCHEDULE, new Date(MORNING.getTime() + 60_000));
    await runDueJobs(db, ctx, SCHEDULE, new Date(MORNING.getTime() + 86_400_000));
    expect(await outboxFor(now.email)).toHaveLength(1);
    expect(await outboxFor(daily.email)).toHaveLength(1);
    expect(await outboxFor(never.email)).toEqual([]);
    expect(await outboxFor(unconfirmed.email)).toEqual([]);

    // A new notification reaches the next day's digest.
    await notify(daily.id, "白云区物流园区车流");
    await runDueJobs(db, ctx, SCHEDULE, new Date(MORNING.getTime() + 2 * 86_400_000));
    const next = await outboxFor(daily.email);
    expect(next).toHaveLength(2);
    expect(next[1].text_body).toContain("白云区物流园区车流");
    expect(next[1].text_body).not.toContain("南沙冷链物流轨迹");
  });

  it("a failing job is recorded and retried after a growing pause, at most MAX_ATTEMPTS times", async () => {
    let calls = 0;
    const flaky: Job<JobContext> = {
      name: "test.flaky",
      period: () => "once",
      run: async () =>
        void (
          calls++,
          (() => {
            throw new Error("boom");
          })()
        ),
    };
    const run = () => db.selectFrom("job_runs").selectAll().where("job", "=", "test.flaky").executeTakeFirstOrThrow();
    const pauses: number[] = [];
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      expect(await runDueJobs(db, ctx, [flaky])).toEqual([]);
      // Back to back, the next tick waits: no retry before the pause is over.
      const before = calls;
      expect(await runDueJobs(db, ctx, [flaky])).toEqual([]);
      expect(calls).toBe(before);
      const row = await run();
      if (row.next_attempt_at) pauses.push(new Date(row.next_attempt_at).getTime() - new Date(row.failed_at!).getTime());
      // The pause passes.
      await db
        .updateTable("job_runs")
        .set({ next_attempt_at: sql`now() - interval '1 second'` })
        .where("job", "=", "test.flaky")
        .execute();
    }
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(await run()).toMatchObject({ attempts: MAX_ATTEMPTS, error: "boom", finished_at: null });
    // 30 s, then 60 s, then 120 s: each pause doubles.
    expect(pauses.slice(0, 3).map((ms) => Math.round(ms / 1000))).toEqual([30, 60, 120]);
  });

  it("a run whose process died is taken over once its lease lapses, never while it is held; two nodes ticking at once run it once", async () => {
    let calls = 0;
    const job: Job<JobContext> = { name: "test.lease", period: () => "p1", run: async () => void calls++ };
    // A process claimed the run and died (its lease is held for another minute): nobody else runs it.
    await db
      .insertInto("job_runs")
      .values({ job: "test.lease", period: "p1", lease_until: sql`now() + interval '1 minute'` })
      .execute();
    expect(await runDueJobs(db, ctx, [job])).toEqual([]);
    expect(calls).toBe(0);
    // The lease lapses: the next tick takes the run over and finishes it.
    await db
      .updateTable("job_runs")
      .set({ lease_until: sql`now() - interval '1 second'` })
      .where("job", "=", "test.lease")
      .execute();
    expect(await runDueJobs(db, ctx, [job])).toEqual(["test.lease"]);
    expect(calls).toBe(1);
    expect(await runDueJobs(db, ctx, [job])).toEqual([]);
    expect(calls).toBe(1);

    const twice: Job<JobContext> = { name: "test.once", period: () => "p1", run: async () => void calls++ };
    const both = await Promise.all([runDueJobs(db, ctx, [twice]), runDueJobs(db, ctx, [twice])]);
    expect(both.flat()).toEqual(["test.once"]);
    expect(calls).toBe(2);
  });

  it("a ballot closes and is tallied at its closing time, with no one opening it", async () => {
    const g = await makeGroup(db, ["member", "member"]);
    const closesAt = new Date(Date.now() + 2 * 3_600_000);
    const input = ballotSchema.parse({ title: "草案报批表决", closesAt: utcToLocal(closesAt, "Asia/Shanghai"), timeZone: "Asia/Shanghai" });
    const ballotId = await createBallot(db, await g.convenor.actor(), g.groupId, input);
    for (const p of [g.convenor, ...g.members]) await castVote(db, await p.actor(), ballotId, { choice: "yes", comment: null } as never);

    await runDueJobs(db, ctx, SCHEDULE, new Date(closesAt.getTime() - 60_000));
    expect((await db.selectFrom("ballots").select("status").where("id", "=", ballotId).executeTakeFirstOrThrow()).status).toBe("open");
    await runDueJobs(db, ctx, SCHEDULE, new Date(closesAt.getTime() + 1000));
    const stored = await db.selectFrom("ballots").select(["status", "result", "tally"]).where("id", "=", ballotId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: "closed", result: "passed", tally: { eligible: 3, yes: 3, no: 0, abstain: 0 } });
    expect((await getBallot(db, await g.convenor.actor(), ballotId)).tally).toEqual({ eligible: 3, yes: 3, no: 0, abstain: 0 });
  });
});

describe("choosing notification e-mails", () => {
  const t = appOnFreshDb();

  it("a member picks immediately, daily or never; anything else is a 400 in their language", async () => {
    const u = await makeUser(t.db);
    const c = t.app.client("zh-Hant");
    await c.signIn(u.email, PASSWORD);
    const page = await c.get("/account/notifications");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("每日摘要");
    expect((await c.postData("/account/notifications", { cadence: "never" })).body).toEqual({ ok: true });
    const saved = await t.db.selectFrom("users").select("notification_email").where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(saved.notification_email).toBe("never");
    const bad = await c.postData("/account/notifications", { cadence: "hourly" });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.cadence).toBe("格式不正確");
    expect((await t.app.client().get("/account/notifications")).status).toBe(302);
  });
});
