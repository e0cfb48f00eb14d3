import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { startTestApp, totpAt } from "./helpers/app";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { startEnrolment } from "./helpers/two-factor";

/** Two-factor sign-in through the pages: enrol, sign in with a code or a recovery code, staff must have it. */
describe("two-factor sign-in", () => {
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

  it("the page that shows the new recovery codes offers to download, copy and print them, and no form to turn it off yet", async () => {
    const u = await makeUser(db);
    const c = app.client("en");
    await c.signIn(u.email, PASSWORD);
    const secret = await startEnrolment(c);
    const page = await c.post("/account/security", { intent: "enable", code: totpAt(secret, Date.now()) });
    expect(page.status).toBe(200);
    const html = await page.text();
    const codes = [...html.matchAll(/<li>([A-Za-z0-9-]{6,})<\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    const download = /href="(data:text\/plain;charset=utf-8,[^"]+)" download="yaosu-recovery-codes.txt"/.exec(html);
    expect(download).not.toBeNull();
    const file = decodeURIComponent(download![1].replace(/^data:text\/plain;charset=utf-8,/, "").replace(/&amp;/g, "&"));
    for (const code of codes) expect(file).toContain(code);
    expect(html).toContain(">Copy<");
    expect(html).toContain(">Print<");
    expect(html).not.toContain('value="disable"');
    // Once saved, the page offers the usual forms again.
    expect(await (await c.get("/account/security")).text()).toContain('value="disable"');
  });

  it("a member turns it on with the first code, gets recovery codes once, and then signs in with a code or a recovery code", async () => {
    const u = await makeUser(db);
    const c = app.client("en");
    await c.signIn(u.email, PASSWORD);
    const secret = await startEnrolment(c);
    const wrong = await c.postData("/account/security", { intent: "enable", code: "000000" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fieldErrors.code).toBe("The code is wrong or was already used");
    const on = await c.postData("/account/security", { intent: "enable", code: totpAt(secret, Date.now()) });
    expect(on.status).toBe(200);
    const codes: string[] = on.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // Only hashes are kept.
    const stored = await db.selectFrom("user_recovery_codes").select("code_hash").where("user_id", "=", u.id).execute();
    expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);

    // The password alone no longer signs in: it leads to the second step, with no session yet.
    const next = app.client("en");
    const first = await next.post("/login", { email: u.email, password: PASSWORD });
    expect(first.headers.get("location")).toBe("/login/2fa");
    expect(next.cookies.has("yaosu_session")).toBe(false);
    const bad = await next.postData("/login/2fa", { code: "123456" });
    expect(bad.status).toBe(400);
    // The code used to turn it on is spent: the next step's code works.
    const good = await next.post("/login/2fa", { code: totpAt(secret, Date.now() + 30_000) });
    expect(good.status).toBe(302);
    expect(next.cookies.has("yaosu_session")).toBe(true);

    const viaRecovery = app.client("en");
    await viaRecovery.post("/login", { email: u.email, password: PASSWORD });
    expect((await viaRecovery.post("/login/2fa", { code: codes[0].toUpperCase() })).status).toBe(302);
    const again = app.client("en");
    await again.post("/login", { email: u.email, password: PASSWORD });
    expect((await again.postData("/login/2fa", { code: codes[0] })).status).toBe(400);
    const audit = await db.selectFrom("audit_log").select("action").where("entity_id", "=", u.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["2fa.enabled", "2fa.recovery_code_used"]));

    // Turning it off needs the password and a code, and is audited.
    expect((await c.postData("/account/security", { intent: "disable", password: PASSWORD, code: "999999" })).status).toBe(400);
    expect((await c.postData("/account/security", { intent: "disable", password: PASSWORD, code: codes[1] })).status).toBe(200);
    expect((await db.selectFrom("audit_log").select("action").where("entity_id", "=", u.id).where("action", "=", "2fa.disabled").execute()).length).toBe(1);
  });

  it("the dashboard encourages owners and admins who have not turned it on, and stops once they have", async () => {
    const staff = await makeUser(db, { role: "secretariat" });
    const { owner } = await makeApprovedOrg(db, (await staff.actor())!);
    const c = app.client("en");
    await c.signIn(owner.email, PASSWORD);
    expect(await (await c.get("/home")).text()).toContain('data-testid="encourage-2fa"');
    const secret = await startEnrolment(c);
    await c.postData("/account/security", { intent: "enable", code: totpAt(secret, Date.now()) });
    expect(await (await c.get("/home")).text()).not.toContain('data-testid="encourage-2fa"');
  });

  it("five wrong codes end the sign-in attempt", async () => {
    const u = await makeUser(db, { role: "moderator" });
    const c = app.client("en");
    await c.post("/login", { email: u.email, password: PASSWORD });
    for (let i = 0; i < 5; i++) await c.postData("/login/2fa", { code: "000000" });
    const after = await c.postData("/login/2fa", { code: "111111" });
    expect(after.body.error[""]).toEqual(["This sign-in step has expired; sign in again"]);
  });

  it("staff without it are sent to set it up before anything else, and cannot turn it off", async () => {
    const staff = await makeUser(db, { role: "secretariat" });
    // A staff account that lost its enrolment (or was promoted) meets the requirement at once.
    await db.deleteFrom("user_totp").where("user_id", "=", staff.id).execute();
    const c = app.client("en");
    await c.signIn(staff.email, PASSWORD);
    const admin = await c.get("/admin/review");
    expect(admin.status).toBe(302);
    expect(admin.headers.get("location")).toBe("/account/security?required=1");
    const page = await (await c.get("/account/security?required=1")).text();
    expect(page).toContain("Your account administers the platform");
    const secret = await startEnrolment(c);
    expect((await c.postData("/account/security", { intent: "enable", code: totpAt(secret, Date.now()) })).status).toBe(200);
    expect((await c.get("/admin/review")).status).toBe(200);
    const off = await c.postData("/account/security", { intent: "disable", password: PASSWORD, code: totpAt(secret, Date.now() + 30_000) });
    expect(off.status).toBe(403);
  });
});
