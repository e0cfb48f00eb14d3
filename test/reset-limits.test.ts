import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../app/models/accounts/auth.server";
import { DEVICE_COOKIE, isKnownDevice } from "../app/models/accounts/known-devices.server";
import { requestPasswordReset, resetPassword } from "../app/models/accounts/password-reset.server";
import { lastMail, linkIn } from "./helpers/mail";
import { LIMITS } from "../app/models/core/rate-limit.server";
import { appOnFreshDb } from "./helpers/app";
import { PASSWORD, makeUser, uniqueEmail } from "./helpers/fixtures";

describe("strangers cannot spend the owner's password resets", () => {
  const t = appOnFreshDb();
  let owner = "";
  beforeAll(async () => {
    owner = (await makeUser(t.db)).email;
  });

  const resetMails = async (to: string) =>
    (await t.db.selectFrom("mail_outbox").select("id").where("to_email", "=", to).where("kind", "=", "reset_password").execute()).length;
  const ask = async (c: ReturnType<typeof t.app.client>, email: string) => {
    const { status, body } = await c.postData("/forgot-password", { email });
    return { status, body };
  };

  it("past the limit, strangers get the answer an unknown address gets, and no mail; the owner signed in still gets a link", async () => {
    const strangers = [];
    for (let i = 0; i < LIMITS.resetPerEmail.limit + 2; i++) strangers.push(await ask(t.app.client("en"), owner));
    const nobody = uniqueEmail("nobody");
    const unknown = [];
    for (let i = 0; i < LIMITS.resetPerEmail.limit + 2; i++) unknown.push(await ask(t.app.client("en"), nobody));
    // Every answer is the same 200, for the member's address and for an address with no account.
    for (const answer of [...strangers, ...unknown]) expect(answer).toEqual({ status: 200, body: { ok: true, sent: true } });
    expect(await resetMails(owner)).toBe(LIMITS.resetPerEmail.limit);

    // The owner, signed in, asks for a link: it is sent.
    const me = t.app.client("en");
    await me.signIn(owner, PASSWORD);
    expect(await ask(me, owner)).toEqual({ status: 200, body: { ok: true, sent: true } });
    expect(await resetMails(owner)).toBe(LIMITS.resetPerEmail.limit + 1);
  });

  it("a browser that signed in to the account gets a link after signing out; a stranger's own device cookie does not help", async () => {
    // Every request here comes from 127.0.0.1: the per-IP count starts afresh, the per-address one does not.
    await t.db.deleteFrom("rate_limits").where("key", "like", "reset:ip:%").execute();
    const device = t.app.client("en");
    await device.signIn(owner, PASSWORD);
    expect(device.cookies.get(DEVICE_COOKIE)).toBeTruthy();
    // Signed out (the session cookie gone), the device cookie stays.
    device.cookies.delete(SESSION_COOKIE);
    const before = await resetMails(owner);
    expect(await ask(device, owner)).toEqual({ status: 200, body: { ok: true, sent: true } });
    expect(await resetMails(owner)).toBe(before + 1);

    // A stranger signed in to an account of their own holds a device cookie, but not of this account.
    const stranger = await makeUser(t.db);
    const other = t.app.client("en");
    await other.signIn(stranger.email, PASSWORD);
    expect(await ask(other, owner)).toEqual({ status: 200, body: { ok: true, sent: true } });
    other.cookies.delete(SESSION_COOKIE);
    expect(await ask(other, owner)).toEqual({ status: 200, body: { ok: true, sent: true } });
    // And a made-up device cookie is nobody's.
    const forged = t.app.client("en");
    forged.cookies.set(DEVICE_COOKIE, "A".repeat(43));
    expect(await ask(forged, owner)).toEqual({ status: 200, body: { ok: true, sent: true } });
    expect(await resetMails(owner)).toBe(before + 1);
  });

  it("a new password ends the devices that signed in with the old one", async () => {
    const member = await makeUser(t.db);
    const c = t.app.client("en");
    await c.signIn(member.email, PASSWORD);
    const device = c.cookies.get(DEVICE_COOKIE)!;
    const id = (await member.actor()).id;
    expect(await isKnownDevice(t.db, device, id)).toBe(true);
    await requestPasswordReset(t.db, member.email, { origin: "http://localhost", locale: "en" }, undefined, undefined, { device });
    await resetPassword(t.db, linkIn((await lastMail(t.db, member.email, "reset_password"))!.text_body).token, "a brand new password 2026");
    expect(await isKnownDevice(t.db, device, id)).toBe(false);
  });

  it("the owner's own requests are still capped per day", async () => {
    const member = (await makeUser(t.db)).email;
    const me = t.app.client("en");
    await me.signIn(member, PASSWORD);
    for (let i = 0; i < LIMITS.resetOwnerPerDay.limit; i++) expect((await ask(me, member)).status).toBe(200);
    expect((await ask(me, member)).status).toBe(429);
    expect(await resetMails(member)).toBe(LIMITS.resetOwnerPerDay.limit);
  });
});
