import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { issueToken } from "../app/models/accounts/tokens.server";
import { startTestApp, totpAt, type HttpClient } from "./helpers/app";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, makeUser } from "./helpers/fixtures";
import { lastMail } from "./helpers/mail";
import { enrolThroughPage, secretOn, startEnrolment } from "./helpers/two-factor";

/**
 * Two-factor cannot be walked around or taken: failed tries count per account across tickets and
 * forms with a growing wait, changes need the password, each enrolment gets a fresh secret, the
 * account is mailed about every change, and a reset link alone does not change the password.
 */
describe("two-factor: tries per account, password for changes, fresh secrets, notices, resets", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    db = t.db;
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close();
  });

  /** A member with two-factor on, signed in on `c`. */
  async function enrolledMember() {
    const u = await makeUser(db);
    const c = app.client("en");
    await c.signIn(u.email, PASSWORD);
    const { secret, codes } = await enrolThroughPage(c);
    return { u, c, secret, codes };
  }

  /** Moves the account's last failed try back in time, as if the wait had passed. */
  const waitPasses = (userId: string, seconds: number) =>
    db
      .updateTable("two_factor_tries")
      .set({ last_try_at: sql<Date>`last_try_at - make_interval(secs => ${seconds})` })
      .where("user_id", "=", userId)
      .execute();

  /** The password step of a sign-in: a new two-factor ticket each time. */
  async function freshTicket(email: string): Promise<HttpClient> {
    const c = app.client("en");
    const res = await c.post("/login", { email, password: PASSWORD });
    expect(res.headers.get("location")).toBe("/login/2fa");
    return c;
  }

  it("wrong codes count per account across tickets: after five, a fresh ticket is told to wait (429, Retry-After, in English), and the wait doubles", async () => {
    const { u, secret, codes } = await enrolledMember();
    const first = await freshTicket(u.email);
    for (let i = 0; i < 5; i++) expect((await first.postData("/login/2fa", { code: "000000" })).status).toBe(400);

    // The password again opens a new ticket, but the account's tries are spent: even a right code waits.
    const second = await freshTicket(u.email);
    const refused = await second.postData("/login/2fa", { code: totpAt(secret, Date.now()) });
    expect(refused.status).toBe(429);
    expect(Number(refused.res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.res.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(refused.body.error[""]).toEqual(["Too many attempts. Try again in 1 min."]);
    // Recovery codes are the same allowance.
    expect((await second.postData("/login/2fa", { code: codes[0] })).status).toBe(429);
    expect(second.cookies.has("yaosu_session")).toBe(false);
    const throttled = await db.selectFrom("audit_log").select("action").where("entity_id", "=", u.id).where("action", "=", "2fa.throttled").execute();
    expect(throttled).toHaveLength(1);

    // A minute on, one more try; wrong again, and the next wait is two minutes.
    await waitPasses(u.id, 61);
    expect((await second.postData("/login/2fa", { code: "111111" })).status).toBe(400);
    const longer = await freshTicket(u.email).then((c) => c.postData("/login/2fa", { code: totpAt(secret, Date.now()) }));
    expect(longer.status).toBe(429);
    expect(Number(longer.res.headers.get("retry-after"))).toBeGreaterThan(60);
    expect(Number(longer.res.headers.get("retry-after"))).toBeLessThanOrEqual(120);

    // Once the wait has passed, the right code signs in and the count starts again.
    await waitPasses(u.id, 121);
    const ok = await freshTicket(u.email);
    expect((await ok.post("/login/2fa", { code: totpAt(secret, Date.now() + 30_000) })).status).toBe(302);
    expect(ok.cookies.has("yaosu_session")).toBe(true);
    expect(await db.selectFrom("two_factor_tries").select("failures").where("user_id", "=", u.id).executeTakeFirst()).toBeUndefined();
  });

  it("many tries at once still count one by one: no more than five are checked", async () => {
    const { u } = await enrolledMember();
    const tickets = await Promise.all(Array.from({ length: 4 }, () => freshTicket(u.email)));
    const answers = await Promise.all(tickets.flatMap((c) => Array.from({ length: 3 }, () => c.postData("/login/2fa", { code: "000000" }))));
    expect(answers.filter((a) => a.status === 400)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
  });

  it("turning it off needs the password and a code, counted with the same tries, and the account is told in its language", async () => {
    const { u, c, codes } = await enrolledMember();
    await db.updateTable("users").set({ locale: "zh-Hant" }).where("id", "=", u.id).execute();
    const noPassword = await c.postData("/account/security", { intent: "disable", code: codes[0] });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.fieldErrors.password).toBeTruthy();
    for (let i = 0; i < 5; i++) {
      const wrong = await c.postData("/account/security", { intent: "disable", password: "not the password", code: codes[0] });
      expect(wrong.status).toBe(400);
      // The account saved Traditional Chinese: the page speaks it too.
      expect(wrong.body.fieldErrors.password).toBe("密碼不正確");
    }
    const waiting = await c.postData("/account/security", { intent: "disable", password: PASSWORD, code: codes[0] });
    expect(waiting.status).toBe(429);
    expect(waiting.res.headers.get("retry-after")).toBeTruthy();
    expect(waiting.body.formError).toBe("嘗試次數過多，請 1 分鐘後再試。");
    // The refused tries spent no recovery code.
    await waitPasses(u.id, 61);
    const off = await c.postData("/account/security", { intent: "disable", password: PASSWORD, code: codes[0] });
    expect(off.status).toBe(200);
    const notice = await lastMail(db, u.email, "2fa_off");
    expect(notice?.subject).toBe("兩步驗證已關閉 · 要素");
    expect(notice?.text_body).toContain("如果這不是你本人操作");
  });

  it("turning it on needs the password, new recovery codes the password and a code; every start offers a new secret, shown to and usable by that session only", async () => {
    const u = await makeUser(db);
    const c = app.client("en");
    await c.signIn(u.email, PASSWORD);
    // Opening the page offers no secret: a stolen session sees nothing it could enrol later.
    expect(secretOn(await (await c.get("/account/security")).text())).toBeNull();
    expect((await c.postData("/account/security", { intent: "start" })).status).toBe(400);
    const wrong = await c.postData("/account/security", { intent: "start", password: "not the password" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fieldErrors.password).toBe("The password is wrong");

    const s1 = await startEnrolment(c);
    const s2 = await startEnrolment(c);
    expect(s2).not.toBe(s1);
    // The page holding the key is kept by no cache.
    expect((await c.get("/account/security")).headers.get("cache-control")).toBe("no-store");
    // Another session of the same account sees neither and cannot finish this one.
    const other = app.client("en");
    await other.signIn(u.email, PASSWORD);
    expect(secretOn(await (await other.get("/account/security")).text())).toBeNull();
    expect((await other.postData("/account/security", { intent: "enable", code: totpAt(s2, Date.now()) })).body.formError).toBe(
      "Start setting up two-factor sign-in first",
    );
    // The first secret was replaced; the client cannot name one.
    expect((await c.postData("/account/security", { intent: "enable", code: totpAt(s1, Date.now()), secret: s1 })).status).toBe(400);
    const on = await c.postData("/account/security", { intent: "enable", code: totpAt(s2, Date.now()) });
    expect(on.status).toBe(200);
    expect((await db.selectFrom("user_totp").select("secret").where("user_id", "=", u.id).executeTakeFirstOrThrow()).secret).toBe(s2);
    const notice = await lastMail(db, u.email, "2fa_on");
    expect(notice?.subject).toBe("Two-factor sign-in was turned on · Yaosu");

    // New recovery codes need the password and a code; the old ones stop working, and the account is told.
    const firstCodes = on.body.recoveryCodes as string[];
    expect((await c.postData("/account/security", { intent: "regenerate", password: PASSWORD })).status).toBe(400);
    expect((await c.postData("/account/security", { intent: "regenerate", password: "not the password", code: firstCodes[1] })).status).toBe(400);
    const fresh = await c.postData("/account/security", { intent: "regenerate", password: PASSWORD, code: firstCodes[1] });
    expect(fresh.status).toBe(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    expect((await lastMail(db, u.email, "2fa_codes"))?.subject).toBe("New recovery codes were made · Yaosu");
    const old = await freshTicket(u.email);
    expect((await old.postData("/login/2fa", { code: firstCodes[0] })).status).toBe(400);
    expect((await old.post("/login/2fa", { code: (fresh.body.recoveryCodes as string[])[0] })).status).toBe(302);
  });

  it("a reset link alone does not change the password of an account with two-factor: the form wants a code, and signs no one in", async () => {
    const { u, secret } = await enrolledMember();
    const token = await issueToken(db, "reset_password", { id: u.id, email: u.email });
    const c = app.client("en");
    const page = await (await c.get(`/reset-password?token=${token}`)).text();
    expect(page).toContain('name="code"');

    const without = await c.postData("/reset-password", { token, password: "a brand new password" });
    expect(without.status).toBe(400);
    expect(without.body.fieldErrors.code).toBe("Enter a code from your authenticator app or a recovery code");
    const wrong = await c.postData("/reset-password", { token, password: "a brand new password", code: "000000" });
    expect(wrong.status).toBe(400);
    // Nothing changed: the old password still leads to the second step, the link still works.
    await freshTicket(u.email);

    const done = await c.post("/reset-password", { token, password: "a brand new password", code: totpAt(secret, Date.now() + 30_000) });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?reset=1");
    expect(c.cookies.has("yaosu_session")).toBe(false);
    // Two-factor stays on: the new password leads to the second step too.
    const next = app.client("en");
    expect((await next.post("/login", { email: u.email, password: "a brand new password" })).headers.get("location")).toBe("/login/2fa");

    // An account without two-factor is asked for no code.
    const plain = await makeUser(db);
    const plainToken = await issueToken(db, "reset_password", { id: plain.id, email: plain.email });
    expect(await (await c.get(`/reset-password?token=${plainToken}`)).text()).not.toContain('name="code"');
    expect((await c.post("/reset-password", { token: plainToken, password: "a brand new password" })).status).toBe(302);
  });
});
