import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer, queueMail, resendMail, MAIL_MAX_ATTEMPTS } from "../app/models/accounts/mail.server";
import { dbForSuite } from "./helpers/db";
import { makeUser } from "./helpers/fixtures";
import { startSmtpServer } from "./helpers/smtp";

/**
 * The outbox sends each mail once however many nodes flush it, retries a failing mail server with
 * growing pauses, and ends a mail it could not deliver in a failed state that staff can resend.
 */
describe("the mail outbox", () => {
  const t = dbForSuite();
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const silent = () => {};

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  const queue = async (to: string, n: number) => {
    for (let i = 0; i < n; i++) await queueMail(t.db, { to, kind: "test", subject: `outbox ${to} ${i}`, lines: [`mail ${i}`] });
  };
  const received = (to: string) => smtp.inbox.filter((m) => [m.to].flat().some((a) => a?.text.includes(to)));
  const pauseOver = (to: string) =>
    t.db
      .updateTable("mail_outbox")
      .set({ next_attempt_at: sql`now() - interval '1 second'` })
      .where("to_email", "=", to)
      .where("sent_at", "is", null)
      .execute();

  it("two nodes flushing the same outbox at once send every mail exactly once", async () => {
    await queue("two-nodes@example.test", 30);
    const a = createMailer(t.db, smtp.url, "test <t@example.test>", silent);
    const b = createMailer(t.db, smtp.url, "test <t@example.test>", silent);
    await Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);
    const subjects = received("two-nodes@example.test").map((m) => m.subject);
    expect(subjects).toHaveLength(30);
    expect(new Set(subjects).size).toBe(30);
  });

  it("a failing mail server is retried after growing pauses, and the mail arrives once it recovers", async () => {
    await queue("flaky@example.test", 1);
    const mailer = createMailer(t.db, smtp.url, "test <t@example.test>", silent);
    smtp.setFailing(true);
    await mailer.flush();
    // Back to back, nothing is tried again before the pause is over.
    await mailer.flush();
    const row = await t.db.selectFrom("mail_outbox").selectAll().where("to_email", "=", "flaky@example.test").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, sent_at: null, failed_at: null });
    expect(row.last_error).toContain("451");
    expect(new Date(row.next_attempt_at as unknown as string).getTime() - Date.now()).toBeGreaterThan(30_000);
    smtp.setFailing(false);
    await pauseOver("flaky@example.test");
    await mailer.flush();
    expect(received("flaky@example.test")).toHaveLength(1);
    const sent = await t.db.selectFrom("mail_outbox").selectAll().where("to_email", "=", "flaky@example.test").executeTakeFirstOrThrow();
    expect(sent.sent_at).not.toBeNull();
  });

  it("after its last attempt a mail is marked failed, not dropped or retried forever; staff can send it again", async () => {
    await queue("down@example.test", 1);
    const mailer = createMailer(t.db, smtp.url, "test <t@example.test>", silent);
    smtp.setFailing(true);
    for (let i = 0; i < MAIL_MAX_ATTEMPTS + 2; i++) {
      await mailer.flush();
      await pauseOver("down@example.test");
    }
    const failed = await t.db.selectFrom("mail_outbox").selectAll().where("to_email", "=", "down@example.test").executeTakeFirstOrThrow();
    expect(failed.attempts).toBe(MAIL_MAX_ATTEMPTS);
    expect(failed.failed_at).not.toBeNull();
    smtp.setFailing(false);
    const staff = await (await makeUser(t.db, { role: "secretariat" })).actor();
    expect(await resendMail(t.db, staff, failed.id)).toBe(true);
    await mailer.flush();
    expect(received("down@example.test")).toHaveLength(1);
    // A mail that has not failed cannot be "resent" into a duplicate.
    expect(await resendMail(t.db, staff, failed.id)).toBe(false);
  });

  it("a claim held by a sender that died lapses, and another sender takes the mail", async () => {
    await queue("orphan@example.test", 1);
    await t.db
      .updateTable("mail_outbox")
      .set({ claimed_until: sql`now() + interval '1 minute'`, attempts: 1 })
      .where("to_email", "=", "orphan@example.test")
      .execute();
    const mailer = createMailer(t.db, smtp.url, "test <t@example.test>", silent);
    await mailer.flush();
    expect(received("orphan@example.test")).toHaveLength(0);
    await t.db
      .updateTable("mail_outbox")
      .set({ claimed_until: sql`now() - interval '1 second'` })
      .where("to_email", "=", "orphan@example.test")
      .execute();
    await mailer.flush();
    expect(received("orphan@example.test")).toHaveLength(1);
  });
});
