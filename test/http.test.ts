import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { dbForSuite } from "./helpers/db";
import { HttpClient, loadBuild, startTestApp } from "./helpers/app";
import { startApp } from "../server/app";
import { sessionIdOf } from "../app/models/accounts/auth.server";
import { lastMail, linkIn } from "./helpers/mail";
import { PASSWORD, application, count, creditCode, makeApprovedOrg, makeUser, uniqueEmail } from "./helpers/fixtures";
import type { Actor } from "../app/models/core/permissions";

describe("the web app over HTTP", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let secretariat: { email: string; actor: () => Promise<Actor> };
  beforeAll(async () => {
    db = t.db;
    secretariat = await makeUser(db, { role: "secretariat" });
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close(); // also closes the database
  });

  it("/healthz says the process lives; /readyz says the database answers", async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, database: "reachable" });
  });

  it("the landing page shows live counts, security headers and Simplified Chinese by default", async () => {
    await makeApprovedOrg(db, await secretariat.actor());
    const n = await db.selectFrom("organisations").select("id").where("status", "=", "approved").execute();
    const res = await app.client().get("/");
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('lang="zh-Hans"');
    expect(html).toContain("让数据要素流动起来");
    expect(html).toMatch(new RegExp(`data-testid="count-orgs">${n.length}<`));
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self' 'nonce-");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("Accept-Language picks Traditional for Hong Kong, and the language cookie overrides it", async () => {
    const hk = app.client("zh-HK");
    expect(await (await hk.get("/")).text()).toContain("讓數據要素流動起來");
    const res = await hk.post("/lang", { locale: "en", returnTo: "/directory" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/directory");
    expect(res.headers.get("set-cookie")).toMatch(/yaosu_lang=en;.*HttpOnly/i);
    expect(await (await hk.get("/")).text()).toContain("Put data to work, together");
  });

  it("hashed assets are cached for a year", async () => {
    const html = await (await app.client().get("/")).text();
    const asset = /href="(\/build\/_assets\/[^"]+\.css)"/.exec(html)![1];
    const res = await fetch(app.baseUrl + asset);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("max-age=31536000");
    expect(res.headers.get("cache-control")).toContain("immutable");
  });

  it("refuses a mutation from another origin, or with no origin at all, with a 403 and nothing written", async () => {
    const before = await count(db, "users");
    const email = uniqueEmail("csrf");
    const foreign = await app.client().post("/signup", { email, displayName: "x", password: PASSWORD }, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("请求来源无法验证");
    const none = await app.client().post("/signup", { email, displayName: "x", password: PASSWORD }, { origin: null });
    expect(none.status).toBe(403);
    expect(await count(db, "users")).toBe(before);
  });

  it("sign-up mails a link; its page confirms the address, then signing in sets an httpOnly SameSite=Lax session cookie and lands on the dashboard", async () => {
    const c = app.client();
    const email = uniqueEmail("new");
    const sent = await c.postData("/signup", { email, displayName: "新用户", password: PASSWORD });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ ok: true, sent: true });
    expect(sent.res.headers.getSetCookie().some((s) => s.startsWith("yaosu_session="))).toBe(false);
    const mail = (await lastMail(db, email, "verify_email"))!;
    expect(mail.subject).toBe("请确认你的邮箱 · 要素");
    const { path, token } = linkIn(mail.text_body);
    expect((await c.get(path)).status).toBe(200);
    const confirmed = await c.post("/verify-email", { intent: "confirm", token });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/login?verified=1");
    expect(confirmed.headers.getSetCookie().some((s) => s.startsWith("yaosu_session="))).toBe(false);
    const res = await c.post("/login", { email, password: PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/home");
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith("yaosu_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const home = await c.get("/home");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("你好，新用户");
  });

  it("marks the session cookie Secure behind an https proxy it was told to trust, and trusts none by default", async () => {
    const u = await makeUser(db);
    const viaProxy = (baseUrl: string) =>
      new HttpClient(baseUrl).request("/login", {
        method: "POST",
        body: new URLSearchParams({ email: u.email, password: PASSWORD }),
        headers: { "x-forwarded-proto": "https" },
        origin: baseUrl.replace("http:", "https:"),
      });
    const proxied = await startApp({ db, build: await loadBuild(), port: 0, host: "127.0.0.1", trustProxy: "loopback" });
    try {
      const res = await viaProxy(`http://127.0.0.1:${proxied.port}`);
      expect(res.status).toBe(302);
      expect(res.headers.getSetCookie().find((s) => s.startsWith("yaosu_session="))).toMatch(/Secure/i);
    } finally {
      // Not close(): that would also close the database this file shares.
      proxied.server.closeAllConnections();
      proxied.server.close();
    }
    // Without TRUST_PROXY the header is a client's claim: no Secure, and the origin check holds.
    expect((await viaProxy(app.baseUrl)).status).toBe(403);
  });

  it("sign-up errors come back per field, in the user's language, keeping what was typed but not the password", async () => {
    const { status, body } = await app.client("en").postData("/signup", { email: "not-an-email", displayName: "", password: "short" });
    expect(status).toBe(400);
    expect(body.fieldErrors).toEqual({
      email: "Enter a valid email address",
      displayName: "This field is required",
      password: "The password needs at least 10 characters",
    });
    expect(body.values.email).toBe("not-an-email");
    expect(body.values.password).toBeUndefined();

    const hant = await app.client("zh-HK").postData("/signup", { email: "bad", displayName: "x", password: PASSWORD });
    expect(hant.body.fieldErrors.email).toBe("請輸入有效的電子郵箱");
  });

  it("a taken address gets the same answer as a new one (no enumeration); its owner gets a mail", async () => {
    const u = await makeUser(db);
    // The owner reads Simplified Chinese; the stranger trying the address browses in English.
    await db.updateTable("users").set({ locale: "zh-Hans" }).where("id", "=", u.id).execute();
    const taken = await app.client("en").postData("/signup", { email: u.email.toUpperCase(), displayName: "again", password: PASSWORD });
    const fresh = await app.client("en").postData("/signup", { email: uniqueEmail("fresh"), displayName: "new", password: PASSWORD });
    expect([taken.status, taken.body]).toEqual([fresh.status, fresh.body]);
    expect((await lastMail(db, u.email, "already_registered"))?.subject).toBe("有人用你的邮箱注册要素");
  });

  it("overlong fields and wrong types are 400s, never 500s", async () => {
    const c = app.client("en");
    const long = await c.postData("/signup", { email: uniqueEmail(), displayName: "字".repeat(81), password: PASSWORD });
    expect(long.status).toBe(400);
    expect(long.body.fieldErrors.displayName).toBe("At most 80 characters");
    const huge = await c.postData("/signup", { email: uniqueEmail(), displayName: "ok", password: "p".repeat(10_000) });
    expect(huge.status).toBe(400);
    const json = await c.request("/signup?_data=routes%2Fsignup", { method: "POST", body: '{"email": 5}', headers: { "content-type": "application/json" } });
    expect(json.status).toBe(400);
  });

  it("a wrong password and an unknown account show the same message; the sixth failure is a 429", async () => {
    const u = await makeUser(db);
    const c = app.client("en");
    const wrong = await c.postData("/login", { email: u.email, password: "wrong-password" });
    const unknown = await c.postData("/login", { email: uniqueEmail("ghost"), password: "wrong-password" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.formError).toBe("Wrong email or password");
    expect(unknown.body).toEqual({ ...wrong.body, values: unknown.body.values });
    for (let i = 0; i < 4; i++) await c.postData("/login", { email: u.email, password: "wrong-password" });
    const limited = await c.postData("/login", { email: u.email, password: PASSWORD });
    expect(limited.status).toBe(429);
    // The fifth failure starts a one-minute wait for this account from this network.
    expect(limited.body.formError).toBe("Too many attempts. Try again in 1 min.");
  });

  it("an organisation applies through the form; a bad credit code is explained and nothing is stored", async () => {
    const u = await makeUser(db);
    const c = app.client("en");
    await c.signIn(u.email, PASSWORD);
    const fields = {
      type: "enterprise",
      nameZh: "表单申请测试公司",
      region: "gz_tianhe",
      contactName: "李四",
      contactEmail: "li@example.test",
      description: "表单提交的单位简介，十个字以上。",
    };
    const bad = await c.postData("/apply", { ...fields, creditCode: "91350100M000100Y44" });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.creditCode).toMatch(/check digit/);
    expect(bad.body.values.nameZh).toBe("表单申请测试公司");
    const unknownType = await c.postData("/apply", { ...fields, type: "alien", creditCode: creditCode() });
    expect(unknownType.body.fieldErrors.type).toBe("Choose one of the options");
    expect((await u.actor()).org).toBeNull();

    const ok = await c.post("/apply", { ...fields, creditCode: creditCode() });
    expect(ok.status).toBe(302);
    expect((await u.actor()).org?.status).toBe("pending");
  });

  it("Hong Kong and Macau organisations may apply without a credit code; mainland ones may not", async () => {
    const c = app.client("en");
    const u = await makeUser(db);
    await c.signIn(u.email, PASSWORD);
    const base = application({ creditCode: "" });
    const fields = Object.fromEntries(
      Object.entries(base)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    const mainland = await c.postData("/apply", fields);
    expect(mainland.body.fieldErrors.creditCode).toBe("Mainland organisations must give their unified social credit code");
    const macau = await c.post("/apply", { ...fields, region: "macau" });
    expect(macau.status).toBe(302);
  });

  it("the secretariat approves an application from the review page; a member gets a 403 there", async () => {
    const applicant = await makeUser(db);
    const { applyForMembership } = await import("../app/models/accounts/organisations.server");
    const orgId = await applyForMembership(db, await applicant.actor(), application() as never);

    const member = app.client("en");
    await member.signIn(applicant.email, PASSWORD);
    const forbidden = await member.get("/admin/review");
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain("You are not allowed to do that.");

    const staff = app.client("en");
    await staff.signIn(secretariat.email, PASSWORD);
    const page = await (await staff.get("/admin/review")).text();
    expect(page).toContain(orgId);
    const missingReason = await staff.postData("/admin/review", { orgId, decision: "reject", reason: "" });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.fieldErrors.reason).toBe("Give a reason when rejecting");
    const approved = await staff.postData("/admin/review", { orgId, decision: "approve" });
    expect(approved.status).toBe(200);
    expect((await applicant.actor()).org?.status).toBe("approved");
    const home = await (await member.get("/home")).text();
    expect(home).toContain("Approved: a member of the alliance.");
    const audit = await (await staff.get("/admin/audit?entity=organisation")).text();
    expect(audit).toContain("organisation.approved");
  });

  it("the directory filters by type and region and searches by name", async () => {
    const s = await secretariat.actor();
    const { orgId: hk } = await makeApprovedOrg(db, s, { type: "investor", region: "hong_kong", nameZh: "维港名录测试资本", creditCode: undefined });
    await makeApprovedOrg(db, s, { type: "enterprise", region: "gz_tianhe", nameZh: "天河名录测试科技" });
    const c = app.client();
    const byType = await (await c.get("/directory?type=investor&region=hong_kong")).text();
    expect(byType).toContain(hk);
    expect(byType).not.toContain("天河名录测试科技");
    const byName = await (await c.get(`/directory?q=${encodeURIComponent("名录测试")}`)).text();
    expect(byName).toContain("维港名录测试资本");
    expect(byName).toContain("天河名录测试科技");
    const none = await (await c.get(`/directory?q=${encodeURIComponent("不存在的单位名")}`)).text();
    expect(none).toContain("没有符合条件的成员单位。");
    const junk = await c.get("/directory?type=alien&page=-4");
    expect(junk.status).toBe(200);
  });

  it("pages that need an account send visitors to sign in; unknown pages are a friendly 404", async () => {
    const res = await app.client().get("/home");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?next=%2Fhome");
    // The sign-in page says why the visitor is there, in their language; plain sign-in says nothing of it.
    const asked = await (await app.client("en").get("/login?next=%2Fhome")).text();
    expect(asked).toContain("sign in and you will be taken back to it");
    expect(await (await app.client("en").get("/login")).text()).not.toContain('data-testid="sign-in-reason"');
    const missing = await app.client("en").get("/no/such/page");
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(html).toContain("Page not found");
    expect(html).not.toMatch(/at .*\.js:\d+/);
    const badId = await app.client().get("/orgs/not-a-uuid");
    expect(badId.status).toBe(404);
  });

  it("sessions can be listed and revoked; sign-out ends the session", async () => {
    const u = await makeUser(db);
    const phone = app.client();
    const laptop = app.client();
    await phone.signIn(u.email, PASSWORD);
    await laptop.signIn(u.email, PASSWORD);
    const phoneToken = phone.cookies.get("yaosu_session")!;
    const list = await (await laptop.get("/account/sessions")).text();
    // The page names sessions by an opaque handle (the hash), never by the cookie's token.
    expect(list).not.toContain(phoneToken);
    const phoneSession = sessionIdOf(phoneToken);
    expect(list).toContain(phoneSession);
    const revoked = await laptop.post("/account/sessions", { sessionId: phoneSession });
    expect(revoked.status).toBe(302);
    expect((await phone.get("/home")).status).toBe(302);
    const out = await laptop.post("/logout", {});
    expect(out.status).toBe(302);
    expect((await laptop.get("/home")).status).toBe(302);
  });
});
