import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteMember } from "../app/models/accounts/organisations.server";
import { loadActor } from "../app/models/accounts/auth.server";
import type { Db } from "../db/index";
import { startTestApp, type HttpClient } from "./helpers/app";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, application, makeApprovedOrg, makeUser, uniqueEmail } from "./helpers/fixtures";
import { linkIn } from "./helpers/mail";
import { startSmtpServer } from "./helpers/smtp";

/** The mail flows end to end through a real SMTP server: the links in the delivered mail must work. */
describe("e-mail: confirmation, password reset, invitations", () => {
  const t = dbForSuite();
  let db: Db;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    db = t.db;
    smtp = await startSmtpServer();
    app = await startTestApp(db, { smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const follow = async (c: HttpClient, text: string) => c.get(linkIn(text).path);
  const applicationForm = (email: string) =>
    Object.fromEntries(Object.entries(application({ contactEmail: email })).filter(([, v]) => v !== undefined)) as Record<string, string>;

  it("sign up -> mail (text and HTML, in the user's language) -> link's page confirms -> apply", async () => {
    const email = uniqueEmail("smtp");
    const c = app.client("en");
    const sent = await c.postData("/signup?next=%2Fapply", { email, displayName: "Ada", password: PASSWORD });
    expect(sent.body).toEqual({ ok: true, sent: true });

    // Before the link: signed in with the password, the account browses but cannot apply.
    const early = app.client("en");
    await early.signIn(email, PASSWORD);
    const refused = await early.postData("/apply", applicationForm(email));
    expect(refused.status).toBe(403);
    expect(refused.body.formError).toBe("Confirm your e-mail address first, then apply or accept invitations.");

    const mail = await smtp.mailTo(email);
    expect(mail.subject).toBe("Confirm your e-mail address · Yaosu");
    // An unproven address is greeted as itself: a typed display name is never mailed to whoever owns the address.
    expect(mail.text).toContain(`Hello ${email},`);
    expect(mail.text).not.toContain("Ada");
    expect(mail.html).toContain("<a href=");
    // The link opens a page whose button confirms; it signs no one in, so the applicant signs in after.
    const landed = await follow(c, mail.text!);
    expect(landed.status).toBe(200);
    const { token } = linkIn(mail.text!);
    const confirmed = await c.post("/verify-email", {
      intent: "confirm",
      token,
      next: new URL(linkIn(mail.text!).path, "http://x").searchParams.get("next") ?? "",
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/login?verified=1&next=%2Fapply");
    expect(c.cookies.has("yaosu_session")).toBe(false);
    // The link works once.
    expect((await follow(app.client("en"), mail.text!)).status).toBe(400);

    await c.signIn(email, PASSWORD);
    const applied = await c.post("/apply", applicationForm(email));
    expect(applied.status).toBe(302);
    expect(await db.selectFrom("organisations").select("id").where("contact_email", "=", email).executeTakeFirst()).toBeTruthy();
  });

  it("forgot password -> mail -> reset (1 h, once) -> every old session ends -> sign in with the new one", async () => {
    const u = await makeUser(db);
    // The mail speaks the member's saved language, whatever the browser asking for it says.
    await db.updateTable("users").set({ locale: "zh-Hans" }).where("id", "=", u.id).execute();
    const old = app.client("en");
    await old.signIn(u.email, PASSWORD);
    expect((await old.get("/home")).status).toBe(200);

    const asked = await app.client("en").postData("/forgot-password", { email: u.email });
    const unknown = await app.client("en").postData("/forgot-password", { email: uniqueEmail("nobody") });
    expect(asked.body).toEqual(unknown.body);
    const mail = await smtp.mailTo(u.email, "密码");
    expect(mail.subject).toBe("重设你的要素密码");
    const { token } = linkIn(mail.text!);

    const c = app.client("en");
    const weak = await c.postData("/reset-password", { token, password: "short" });
    expect(weak.status).toBe(400);
    const done = await c.post("/reset-password", { token, password: "a brand new password" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?reset=1");
    expect((await old.get("/home")).status).toBe(302);
    const again = await c.postData("/reset-password", { token, password: "yet another password" });
    expect(again.status).toBe(400);
    expect(again.body.formError).toBe("This link is not valid or has expired. Ask for a new one.");
    await expect(app.client().signIn(u.email, PASSWORD)).rejects.toThrow();
    await app.client().signIn(u.email, "a brand new password");
    const audit = await db.selectFrom("audit_log").select("action").where("entity_id", "=", u.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["user.password_reset_requested", "user.password_reset"]));
  });

  it("an invitation is taken with the mailed link, never by whoever signs up with the address first", async () => {
    const staff = await makeUser(db, { role: "secretariat" });
    const { orgId, owner } = await makeApprovedOrg(db, (await staff.actor())!);
    const invited = uniqueEmail("cfo");
    const ownerClient = app.client();
    await ownerClient.signIn(owner.email, PASSWORD);
    const res = await ownerClient.postData(`/orgs/${orgId}`, { intent: "invite", email: invited, role: "admin" });
    expect(res.status).toBe(200);
    const mail = await smtp.mailTo(invited);
    expect(mail.text).toContain("/invitations/accept?token=");

    // Someone signs up with the invited address but never confirms it: the seat stays empty.
    const squatter = await makeUser(db, { email: invited, verified: false });
    const c = app.client();
    await c.signIn(invited, PASSWORD);
    const inv = await db.selectFrom("org_invitations").select("id").where("email", "=", invited).executeTakeFirstOrThrow();
    const taken = await c.post("/home", { intent: "accept", id: inv.id });
    expect(taken.status).toBe(403);
    const viaLink = await c.post(linkIn(mail.text!).path, { token: linkIn(mail.text!).token });
    expect(viaLink.status).toBe(403);
    expect((await loadActor(db, squatter.id))?.org).toBeNull();

    // The real recipient, confirmed, takes it with the link.
    const other = await makeUser(db);
    const o = app.client();
    await o.signIn(other.email, PASSWORD);
    const page = await o.get(linkIn(mail.text!).path);
    expect(await page.text()).toContain('data-testid="invitation"');
    const accepted = await o.post(linkIn(mail.text!).path, { token: linkIn(mail.text!).token });
    expect(accepted.status).toBe(302);
    expect((await loadActor(db, other.id))?.org).toMatchObject({ id: orgId, role: "admin" });
  });

  it("without SMTP, mail goes to the outbox the secretariat can read", async () => {
    const plain = await startTestApp(db);
    try {
      const staff = await makeUser(db, { role: "secretariat" });
      const owner = await (await makeApprovedOrg(db, (await staff.actor())!)).owner.actor();
      await inviteMember(db, owner, owner.org!.id, { email: uniqueEmail("outbox"), role: "member" }, undefined, {
        links: { origin: plain.baseUrl, locale: "zh-Hans" },
        mailer: { mode: "console", flush: async () => {} },
      });
      const c = plain.client();
      await c.signIn(staff.email, PASSWORD);
      const page = await (await c.get("/admin/outbox")).text();
      expect(page).toContain("/invitations/accept?token=");
      const member = plain.client();
      await member.signIn((await makeUser(db)).email, PASSWORD);
      expect((await member.get("/admin/outbox")).status).toBe(403);
      // With SMTP configured the outbox page shows only mail given up on, and none of what was delivered.
      const smtpStaff = app.client();
      await smtpStaff.signIn(staff.email, PASSWORD);
      const delivered = await smtpStaff.get("/admin/outbox");
      expect(delivered.status).toBe(200);
      expect(await delivered.text()).not.toContain("/invitations/accept");
    } finally {
      plain.server.closeAllConnections();
      plain.server.close();
    }
  });
});
