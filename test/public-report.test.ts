import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { hashToken } from "../app/models/accounts/tokens.server";
import { LIMITS } from "../app/models/core/rate-limit.server";
import { ACCOUNT_MAILS_PER_DAY } from "../app/models/accounts/mail-limits.server";
import { decideReport, moderationQueue } from "../app/models/trust/reports.server";
import { confirmPublicReport, filePublicReport, purgeUnconfirmedReports } from "../app/models/trust/public-reports.server";
import { startTestApp, type HttpClient } from "./helpers/app";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, makeUser, uniqueEmail } from "./helpers/fixtures";
import { lastMail, linkIn } from "./helpers/mail";

/**
 * Anyone, signed out too, reports personal-information abuse (issue 28, 信息安全举报机制). The
 * contact address is proved by a mailed link on PUBLIC_URL; the page behind it spends nothing, its
 * button confirms once within 24 hours, and only then is the report in the moderators' queue. The
 * decision is mailed to the contact in the language it filed in.
 */

const PUBLIC_URL = "https://yaosu.example.org";

/** A form POST whose Host and Origin both name another site (they agree, so the origin check lets it through). */
function postWithHost(baseUrl: string, path: string, fields: Record<string, string>, host: string, lang = "en") {
  const body = new URLSearchParams(fields).toString();
  const url = new URL(baseUrl + path);
  return new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: "POST",
        headers: {
          host,
          origin: `http://${host}`,
          "accept-language": lang,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("public personal-information reports", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let moderator: { email: string; actor: () => Promise<Actor> };

  beforeAll(async () => {
    db = t.db;
    moderator = await makeUser(db, { role: "moderator" });
    app = await startTestApp(db, { publicUrl: PUBLIC_URL });
  });
  afterAll(async () => {
    await app.close();
  });

  /** Each test files from a clean per-IP count (the test client always comes from 127.0.0.1). */
  const forgetIpCounts = () => db.deleteFrom("rate_limits").where("key", "like", "public-report:ip:%").execute();

  const fields = (over: Record<string, string> = {}) => ({
    affected: `${PUBLIC_URL}/enterprises/some-profile`,
    description: "页面上公开了我的身份证号码和家庭住址，请删除。",
    contactEmail: uniqueEmail("public"),
    ...over,
  });

  const reportOf = (email: string) => db.selectFrom("reports").selectAll().where("contact_email", "=", email).executeTakeFirst();
  const queued = async (status: "open" | "decided" = "open") => moderationQueue(db, await moderator.actor(), { status });

  async function signedInModerator(lang = "en"): Promise<HttpClient> {
    const c = app.client(lang);
    await c.signIn(moderator.email, PASSWORD);
    return c;
  }

  it("a signed-out visitor files, the link is on PUBLIC_URL despite a crafted Host, opening it confirms nothing, the button does, and the decision reaches the contact in their language", async () => {
    await forgetIpCounts();
    const visitor = app.client("zh-TW");
    const page = await visitor.get("/reports/personal-info");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("個人資訊濫用舉報");
    expect(html).toContain('name="contactEmail"');

    const f = fields();
    const filed = await postWithHost(app.baseUrl, "/reports/personal-info", f, "evil.example", "zh-TW");
    expect(filed.status).toBe(302);
    expect(filed.location).toBe("/reports/personal-info?sent=1");
    expect(await (await visitor.get("/reports/personal-info?sent=1")).text()).toContain('data-testid="public-report-sent"');

    const stored = (await reportOf(f.contactEmail))!;
    expect(stored).toMatchObject({
      status: "unconfirmed",
      reporter_id: null,
      target_type: "personal_info",
      category: "personal_info",
      contact_locale: "zh-Hant",
    });
    expect(stored.target_path).toBe("/enterprises/some-profile");
    expect(stored.confirmed_at).toBeNull();

    const mail = (await lastMail(db, f.contactEmail, "report_confirm"))!;
    expect(mail.subject).toBe("請確認您向要素平台提交的舉報");
    // Never what was typed into the form: the filer may not own the address.
    expect(mail.text_body).not.toContain("身份证");
    const links = [...mail.text_body.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(new RegExp(`^${PUBLIC_URL}/reports/confirm\\?token=[A-Za-z0-9_-]{43}$`));
    expect(mail.text_body).not.toContain("evil.example");
    const link = linkIn(mail.text_body);
    // Only the hash is stored.
    expect(stored.confirm_token_hash).toBe(hashToken(link.token));
    expect(JSON.stringify(stored)).not.toContain(link.token);

    // Unconfirmed: not in the queue.
    expect((await queued()).some((r) => r.id === stored.id)).toBe(false);

    // Opening the link (HEAD or GET, a person or a scanner) spends nothing.
    expect((await visitor.request(link.path, { method: "HEAD" })).status).toBe(200);
    const confirmPage = await visitor.get(link.path);
    expect(confirmPage.status).toBe(200);
    const confirmHtml = await confirmPage.text();
    expect(confirmHtml).toContain('data-testid="confirm-report"');
    expect(confirmHtml).toContain(`value="${link.token}"`);
    expect((await reportOf(f.contactEmail))!.status).toBe("unconfirmed");

    // A post from another site is refused before it reaches the page.
    expect((await visitor.post("/reports/confirm", { token: link.token }, { origin: "http://evil.example" })).status).toBe(403);
    expect((await reportOf(f.contactEmail))!.status).toBe("unconfirmed");

    const done = await visitor.post("/reports/confirm", { token: link.token });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/reports/personal-info?confirmed=1");
    expect(await (await visitor.get("/reports/personal-info?confirmed=1")).text()).toContain("舉報已確認，已送交秘書處。");
    const confirmed = (await reportOf(f.contactEmail))!;
    expect(confirmed.status).toBe("open");
    expect(confirmed.confirmed_at).not.toBeNull();
    const dueInDays = (new Date(confirmed.due_at).getTime() - new Date(confirmed.confirmed_at!).getTime()) / 86_400_000;
    expect(dueInDays).toBeCloseTo(7, 3);

    // In the queue, as a public report with its contact, which staff alone read.
    const row = (await queued()).find((r) => r.id === stored.id)!;
    expect(row).toMatchObject({ public_report: true, reporter_name: f.contactEmail, decisions: ["dismiss", "warn"] });
    expect(row.can.askForInfo).toBe(false);
    const staff = await signedInModerator("en");
    const queuePage = await (await staff.get("/moderation")).text();
    expect(queuePage).toContain(`Public report (no account) · ${f.contactEmail}`);
    expect(queuePage).toContain('href="/enterprises/some-profile"');

    // Decided through the queue's form: the contact is mailed in Traditional Chinese.
    const decided = await staff.post(`/moderation?index&_data=${encodeURIComponent("routes/moderation._index")}`, {
      reportId: stored.id,
      decision: "warn",
      reason: "已要求发布方删除相关信息。",
    });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({ status: "success", decided: stored.id });
    const decision = (await lastMail(db, f.contactEmail, "report_decided"))!;
    expect(decision.subject).toBe("您向要素平台提交的舉報已處理");
    expect(decision.text_body).toContain("秘書處已處理您提交的個人資訊舉報：警告。");
    expect(decision.text_body).toContain("已要求发布方删除相关信息。");
    expect((await queued("decided")).some((r) => r.id === stored.id)).toBe(true);
  });

  it("a signed-in member files the same way: their address is offered, the report stays account-less, the link is still needed", async () => {
    await forgetIpCounts();
    const member = await makeUser(db);
    const c = app.client("en");
    await c.signIn(member.email, PASSWORD);
    const html = await (await c.get("/reports/personal-info")).text();
    expect(html).toContain(`value="${member.email}"`);
    expect(html).toContain('href="/reports/personal-info"');
    const res = await c.post("/reports/personal-info", fields({ contactEmail: member.email }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/reports/personal-info?sent=1");
    expect(await reportOf(member.email)).toMatchObject({ status: "unconfirmed", reporter_id: null, contact_locale: "en" });
    expect((await lastMail(db, member.email, "report_confirm"))!.subject).toBe("Confirm your report to Yaosu");
  });

  it("a used link does nothing the second time, and says so; an unknown link is a 404; both in the reader's language", async () => {
    await forgetIpCounts();
    const f = fields();
    const c = app.client("en");
    expect((await c.post("/reports/personal-info", f)).status).toBe(302);
    const link = linkIn((await lastMail(db, f.contactEmail, "report_confirm"))!.text_body);
    expect((await c.post("/reports/confirm", { token: link.token })).status).toBe(302);
    const first = (await reportOf(f.contactEmail))!;

    const again = await c.postData("/reports/confirm", { token: link.token });
    expect(again.status).toBe(410);
    expect(again.body.error?.[""]).toEqual(["This link was already used: the report is confirmed and with the secretariat."]);
    const page = await c.get(link.path);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This link was already used");
    const after = (await reportOf(f.contactEmail))!;
    expect(after.confirmed_at).toEqual(first.confirmed_at);
    expect(after.due_at).toEqual(first.due_at);
    await expect(confirmPublicReport(db, link.token)).rejects.toMatchObject({ status: 410 });

    const unknown = "A".repeat(43);
    const zh = app.client("zh-CN");
    const missing = await zh.get(`/reports/confirm?token=${unknown}`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("无法识别此确认链接");
    expect((await zh.postData("/reports/confirm", { token: unknown })).status).toBe(404);
    expect((await zh.get("/reports/confirm?token=%3Cscript%3E")).status).toBe(404);
    expect((await zh.get("/reports/confirm")).status).toBe(404);
    const empty = await zh.postData("/reports/confirm", {});
    expect(empty.status).toBe(400);
    expect(empty.body.error?.token).toEqual(["无法识别此确认链接，请检查是否完整复制了邮件中的链接。"]);
  });

  it("a link older than 24 hours is a 410 and confirms nothing; a week-old unconfirmed report is purged by the deadlines job", async () => {
    await forgetIpCounts();
    const f = fields();
    const c = app.client("en");
    expect((await c.post("/reports/personal-info", f)).status).toBe(302);
    const link = linkIn((await lastMail(db, f.contactEmail, "report_confirm"))!.text_body);
    await db
      .updateTable("reports")
      .set({ created_at: sql`now() - interval '25 hours'` })
      .where("contact_email", "=", f.contactEmail)
      .execute();
    const page = await c.get(link.path);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This link has expired (links are good for 24 hours).");
    const late = await c.postData("/reports/confirm", { token: link.token });
    expect(late.status).toBe(410);
    expect(late.body.error?.[""]).toEqual(["This link has expired (links are good for 24 hours). Please file the report again."]);
    expect((await reportOf(f.contactEmail))!.status).toBe("unconfirmed");
    expect((await queued()).some((r) => r.reporter_name === f.contactEmail)).toBe(false);

    // A week on, the sweep deletes it; confirmed reports stay.
    expect(await purgeUnconfirmedReports(db)).toBe(0);
    expect(await purgeUnconfirmedReports(db, new Date(Date.now() + 8 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(await reportOf(f.contactEmail)).toBeUndefined();
    expect(await db.selectFrom("reports").select("id").where("status", "=", "open").execute()).not.toHaveLength(0);
  });

  it("invalid input is a 400 with messages in the reader's language, keeps what was typed, and stores or sends nothing", async () => {
    await forgetIpCounts();
    const before = await db
      .selectFrom("reports")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    const en = app.client("en");
    const bad = await en.postData("/reports/personal-info", { affected: "", description: "太短", contactEmail: "not-an-address" });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.affected).toEqual(["This field is required"]);
    expect(bad.body.error?.description).toEqual(["At least 10 characters"]);
    expect(bad.body.error?.contactEmail).toEqual(["Enter a valid email address"]);
    expect((bad.body.initialValue as Record<string, string>).description).toBe("太短");

    const zh = app.client("zh-CN");
    const again = await zh.postData("/reports/personal-info", { affected: "x".repeat(501), description: "太短", contactEmail: "" });
    expect(again.status).toBe(400);
    expect(again.body.error?.affected).toEqual(["不能超过 500 个字符"]);
    expect(again.body.error?.description).toEqual(["至少需要 10 个字符"]);
    // A body that is not a form, and text the database cannot store: 400, never 500.
    expect((await zh.request("/reports/personal-info", { method: "POST", body: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await zh.post("/reports/personal-info", { ...fields(), description: "nul\u0000 in the middle of it" })).status).toBe(400);

    const after = await db
      .selectFrom("reports")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // The model checks the same schema when called directly.
    await expect(filePublicReport(db, { affected: "x" }, { origin: PUBLIC_URL, locale: "en", ip: "192.0.2.1" })).rejects.toMatchObject({ status: 400 });
  });

  it("per IP: past the limit a 429 in the reader's language, the same for every address; per address: the same answer, nothing stored or sent", async () => {
    await forgetIpCounts();
    const c = app.client("en");
    for (let i = 0; i < LIMITS.publicReportPerIp.limit; i++) expect((await c.post("/reports/personal-info", fields())).status).toBe(302);
    const refused = await c.postData("/reports/personal-info", fields());
    expect(refused.status).toBe(429);
    expect(refused.body.error?.[""]?.[0]).toMatch(/^Too many requests\. Try again in \d+ seconds\.$/);
    expect(refused.res.headers.get("retry-after")).toMatch(/^\d+$/);
    await forgetIpCounts();

    // One address, many filers (distinct IPs, through the model): the allowance, then silence.
    const victim = uniqueEmail("victim");
    const allowance = ACCOUNT_MAILS_PER_DAY.report_confirm;
    for (let i = 0; i < allowance + 2; i++) {
      await expect(
        filePublicReport(db, fields({ contactEmail: victim }), { origin: PUBLIC_URL, locale: "en", ip: `198.51.100.${i + 1}` }),
      ).resolves.toBeUndefined();
    }
    const mails = await db.selectFrom("mail_outbox").select("id").where("to_email", "=", victim).where("kind", "=", "report_confirm").execute();
    expect(mails).toHaveLength(allowance);
    expect(await db.selectFrom("reports").select("id").where("contact_email", "=", victim).execute()).toHaveLength(allowance);
    // Over HTTP, the same page as a report that was filed.
    const quiet = await c.post("/reports/personal-info", fields({ contactEmail: victim }));
    expect(quiet.status).toBe(302);
    expect(quiet.headers.get("location")).toBe("/reports/personal-info?sent=1");
    expect(await db.selectFrom("mail_outbox").select("id").where("to_email", "=", victim).where("kind", "=", "report_confirm").execute()).toHaveLength(
      allowance,
    );
  });

  it("through the models: filed unconfirmed and invisible, confirmed into the queue, decided with a mail in the filer's language; free text stays unlinked", async () => {
    const contact = uniqueEmail("model");
    await filePublicReport(
      db,
      { affected: "某公众号文章里贴出了我的病历截图", description: "截图上有我的姓名、病历号和诊断结果。", contactEmail: contact.toUpperCase() },
      { origin: PUBLIC_URL, locale: "zh-Hans", ip: "203.0.113.9" },
    );
    const row = (await reportOf(contact))!;
    expect(row).toMatchObject({ status: "unconfirmed", target_path: "", target_title: "某公众号文章里贴出了我的病历截图", contact_locale: "zh-Hans" });
    expect((await queued()).some((r) => r.id === row.id)).toBe(false);
    // The moderator cannot decide it before it is confirmed.
    await expect(decideReport(db, await moderator.actor(), { reportId: row.id, decision: "dismiss", reason: "未确认" })).rejects.toMatchObject({ status: 409 });

    const token = linkIn((await lastMail(db, contact, "report_confirm"))!.text_body).token;
    expect(await confirmPublicReport(db, token)).toBe(row.id);
    expect((await queued()).find((r) => r.id === row.id)).toMatchObject({ public_report: true, target_path: "" });
    const staff = await signedInModerator("zh-CN");
    const html = await (await staff.get("/moderation")).text();
    expect(html).toContain("公开举报（无账号） · " + contact);
    expect(html).toContain("<h2>某公众号文章里贴出了我的病历截图</h2>");

    await decideReport(db, await moderator.actor(), { reportId: row.id, decision: "dismiss", reason: "该内容不在本平台上。" });
    const mail = (await lastMail(db, contact, "report_decided"))!;
    expect(mail.subject).toBe("您向要素平台提交的举报已处理");
    expect(mail.text_body).toContain("秘书处已处理您提交的个人信息举报：不予支持。");
    expect(mail.text_body).toContain("理由：该内容不在本平台上。");
  });
});
