import { describe, expect, it } from "vitest";
import { createLucia, loadActor, validateSession } from "../app/models/accounts/auth.server";
import { DomainError } from "../app/models/core/errors";
import { LOGIN_LIMITS, createUserSession, listMySessions, revokeMySession, signIn, signUp } from "../app/models/accounts/users.server";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, count, makeUser, uniqueEmail } from "./helpers/fixtures";
import { lastMail } from "./helpers/mail";

describe("accounts", () => {
  const t = dbForSuite();

  it("stores the password as an argon2id hash, never in clear", async () => {
    const u = await makeUser(t.db);
    const row = await t.db.selectFrom("users").select("password_hash").where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it("a second sign-up with a taken address creates nothing, answers as for a new one, and tells the owner by mail", async () => {
    const email = uniqueEmail("dup");
    const links = { origin: "http://test.invalid", locale: "en" as const };
    const first = await signUp(t.db, { email, displayName: "甲", password: PASSWORD }, links);
    expect(first).toEqual(expect.any(String));
    const before = await count(t.db, "users");
    await expect(signUp(t.db, { email, displayName: "乙", password: PASSWORD }, links)).resolves.toBeNull();
    expect(await count(t.db, "users")).toBe(before);
    const note = await lastMail(t.db, email, "already_registered");
    expect(note?.subject).toBe("Someone signed up to Yaosu with your address");
    expect(note?.text_body).toContain("http://test.invalid/forgot-password");
    // The new account waits for its address: unverified until the link is opened.
    const row = await t.db.selectFrom("users").select("email_verified_at").where("id", "=", first!).executeTakeFirstOrThrow();
    expect(row.email_verified_at).toBeNull();
  });

  it("gives a wrong password and an unknown account the same error", async () => {
    const u = await makeUser(t.db);
    const wrong = await signIn(t.db, { email: u.email, password: "not the password" }, "10.0.0.1").catch((e) => e);
    const unknown = await signIn(t.db, { email: uniqueEmail("nobody"), password: PASSWORD }, "10.0.0.1").catch((e) => e);
    expect(wrong).toBeInstanceOf(DomainError);
    expect(unknown).toBeInstanceOf(DomainError);
    expect([wrong.status, wrong.messageKey]).toEqual([unknown.status, unknown.messageKey]);
    expect(wrong.messageKey).toBe("errors.badCredentials");
    await expect(signIn(t.db, { email: u.email, password: PASSWORD }, "10.0.0.1")).resolves.toBe(u.id);
  });

  it("slows down one network's guesses at an account, while its owner signs in from another, and audits the burst", async () => {
    const u = await makeUser(t.db);
    for (let i = 0; i < LOGIN_LIMITS.pairFailures; i++) {
      await signIn(t.db, { email: u.email, password: "wrong-password" }, "10.1.0.1").catch(() => {});
    }
    const err = await signIn(t.db, { email: u.email, password: PASSWORD }, "10.1.0.1").catch((e) => e);
    expect(err.status).toBe(429);
    expect(err.messageKey).toBe("errors.tooManyAttempts");
    // The attacker cannot lock the owner out: another network signs in at once.
    await expect(signIn(t.db, { email: u.email, password: PASSWORD }, "10.1.9.9")).resolves.toBe(u.id);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["after"])
      .where("action", "=", "auth.sign_in_throttled")
      .where("entity_id", "=", "10.1.0.1")
      .execute();
    expect(audit.map((r) => (r.after as { scope: string }).scope)).toEqual(["account_ip"]);
  });

  it("limits failures per IP across accounts, high enough for a shared office network", async () => {
    const ip = "10.2.0.9";
    const colleague = await makeUser(t.db);
    // Thirty failures (what used to block a whole building) do not stop a colleague on the same network.
    for (let i = 0; i < 30; i++) await signIn(t.db, { email: uniqueEmail("typo"), password: "wrong-password" }, ip).catch(() => {});
    await expect(signIn(t.db, { email: colleague.email, password: PASSWORD }, ip)).resolves.toBe(colleague.id);
    for (let i = 30; i < LOGIN_LIMITS.ipFailures; i++) await signIn(t.db, { email: uniqueEmail("spray"), password: "wrong-password" }, ip).catch(() => {});
    const err = await signIn(t.db, { email: colleague.email, password: PASSWORD }, ip).catch((e) => e);
    expect(err.status).toBe(429);
    await expect(signIn(t.db, { email: colleague.email, password: PASSWORD }, "10.2.0.10")).resolves.toBe(colleague.id);
  }, 60_000);

  it("lists a user's own sessions and lets only that user revoke them", async () => {
    const lucia = createLucia(t.db, false);
    const alice = await makeUser(t.db);
    const bob = await makeUser(t.db);
    const s1 = await createUserSession(lucia, alice.id, { ip: "1.1.1.1", userAgent: "phone" });
    const s2 = await createUserSession(lucia, alice.id, { ip: "2.2.2.2", userAgent: "laptop" });
    const aliceActor = await loadActor(t.db, alice.id);
    const bobActor = await loadActor(t.db, bob.id);
    const listed = await listMySessions(t.db, aliceActor);
    expect(listed.map((s) => s.id).sort()).toEqual([s1.session.id, s2.session.id].sort());
    // The page shows hashes: no listed id is a token the cookie could carry.
    for (const s of listed) {
      expect(s.id).not.toBe(s1.token);
      expect((await validateSession(t.db, lucia, s.id)).session).toBeNull();
    }
    expect(await listMySessions(t.db, bobActor)).toEqual([]);

    const err = await revokeMySession(t.db, bobActor, s1.session.id).catch((e) => e);
    expect(err.status).toBe(404);
    await revokeMySession(t.db, aliceActor, s1.session.id);
    expect((await validateSession(t.db, lucia, s1.token)).session).toBeNull();
    expect((await validateSession(t.db, lucia, s2.token)).session?.userId).toBe(alice.id);
  });
});
