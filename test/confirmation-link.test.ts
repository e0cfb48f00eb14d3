import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { hashToken, issueToken } from "../app/models/accounts/tokens.server";
import { startTestApp } from "./helpers/app";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, makeUser } from "./helpers/fixtures";
import { lastMail, linkIn } from "./helpers/mail";
import { enrolThroughPage } from "./helpers/two-factor";

/**
 * The confirmation link opens a page; only its button (a same-site form post) confirms, and
 * confirming never signs anyone in: a mail scanner, a forwarded link or an attacker's own link
 * mailed to a victim gets no session, and a two-factor account is not opened by its mailbox.
 */
describe("confirmation links: a page and a button, never a session", () => {
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

  const unconfirmed = async () => {
    const u = await makeUser(db, { verified: false });
    const link = linkIn((await lastMail(db, u.email, "verify_email"))!.text_body);
    return { u, link };
  };
  const spent = async (token: string) =>
    (await db.selectFrom("account_tokens").select("used_at").where("token_hash", "=", hashToken(token)).executeTakeFirstOrThrow()).used_at !== null;
  const verified = async (id: string) =>
    (await db.selectFrom("users").select("email_verified_at").where("id", "=", id).executeTakeFirstOrThrow()).email_verified_at !== null;

  it("GET and HEAD of the link spend nothing and set no cookie; the page's button confirms, and sends the visitor to sign in", async () => {
    const { u, link } = await unconfirmed();
    const c = app.client("en");
    const head = await c.request(link.path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.getSetCookie().join()).not.toContain("yaosu_session");
    const page = await c.get(link.path);
    expect(page.status).toBe(200);
    expect(page.headers.getSetCookie().join()).not.toContain("yaosu_session");
    const html = await page.text();
    expect(html).toContain('data-testid="verify-email"');
    expect(html).toContain(`value="${link.token}"`);
    expect(await spent(link.token)).toBe(false);
    expect(await verified(u.id)).toBe(false);

    // A post from another site is refused before it reaches the page.
    expect((await c.post("/verify-email", { intent: "confirm", token: link.token }, { origin: "http://evil.example" })).status).toBe(403);
    expect(await spent(link.token)).toBe(false);

    const done = await c.post("/verify-email", { intent: "confirm", token: link.token, next: "" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?verified=1");
    expect(c.cookies.has("yaosu_session")).toBe(false);
    expect(await verified(u.id)).toBe(true);
    expect(await (await c.get("/login?verified=1")).text()).toContain("Your address is confirmed. Sign in to continue.");
    // Once only.
    const again = await c.postData("/verify-email", { intent: "confirm", token: link.token });
    expect(again.status).toBe(400);
    expect(again.body.formError).toBe("This link is not valid or has expired. Ask for a new one.");
    expect((await c.get(link.path)).status).toBe(400);
  });

  it("the account signed in confirms its own link and goes on where it was heading; another account's link is refused and stays good", async () => {
    const { u, link } = await unconfirmed();
    const stranger = await makeUser(db);
    const s = app.client("en");
    await s.signIn(stranger.email, PASSWORD);
    expect((await s.get(link.path)).status).toBe(403);
    const refused = await s.postData("/verify-email", { intent: "confirm", token: link.token });
    expect(refused.status).toBe(403);
    expect(refused.body.formError).toBe("This link confirms the address of another account. Sign out first, then open the link again.");
    expect(await spent(link.token)).toBe(false);

    const owner = app.client("en");
    await owner.signIn(u.email, PASSWORD);
    // The dashboard's "send it again" still posts to the same route (no intent) and leaves this link good.
    const resent = await owner.postData("/verify-email", {});
    expect(resent.body).toEqual({ ok: true, message: "We sent the confirmation e-mail again." });
    expect(await spent(link.token)).toBe(false);
    const done = await owner.post("/verify-email", { intent: "confirm", token: link.token, next: "/apply" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/apply?verified=1");
    expect(await verified(u.id)).toBe(true);
  });

  it("an account with two-factor on gets no session from its link, neither on opening it nor on confirming", async () => {
    const u = await makeUser(db);
    const c = app.client("en");
    await c.signIn(u.email, PASSWORD);
    await enrolThroughPage(c);
    const token = await issueToken(db, "verify_email", { id: u.id, email: u.email });
    const visitor = app.client("en");
    expect((await visitor.get(`/verify-email?token=${token}`)).status).toBe(200);
    expect(visitor.cookies.has("yaosu_session")).toBe(false);
    const done = await visitor.post("/verify-email", { intent: "confirm", token });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?verified=1");
    expect(visitor.cookies.has("yaosu_session")).toBe(false);
    expect((await visitor.get("/home")).status).toBe(302);
  });
});
