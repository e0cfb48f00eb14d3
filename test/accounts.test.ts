import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLucia, loadActor } from "../app/models/accounts/auth.server";
import { DomainError } from "../app/models/core/errors";
import { LOGIN_LIMITS, createUserSession, listMySessions, revokeMySession, signIn, signUp } from "../app/models/accounts/users.server";
import { createTestDb } from "./helpers/db";
import { PASSWORD, makeUser, uniqueEmail } from "./helpers/fixtures";

describe("accounts", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it("stores the password as an argon2id hash, never in clear", async () => {
    const u = await makeUser(t.db);
    const row = await t.db.selectFrom("users").select("password_hash").where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it("refuses a second account with the same email, whatever its case, with a 409", async () => {
    const email = uniqueEmail("dup");
    await signUp(t.db, { email, displayName: "甲", password: PASSWORD });
    const err = await signUp(t.db, { email: email.toUpperCase().toLowerCase(), displayName: "乙", password: PASSWORD }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.status).toBe(409);
    expect(err.messageKey).toBe("errors.emailTaken");
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

  it("locks an account after repeated failures, even with the right password, with a 429", async () => {
    const u = await makeUser(t.db);
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      await signIn(t.db, { email: u.email, password: "wrong-password" }, `10.1.0.${i}`).catch(() => {});
    }
    const err = await signIn(t.db, { email: u.email, password: PASSWORD }, "10.1.1.1").catch((e) => e);
    expect(err.status).toBe(429);
    expect(err.messageKey).toBe("errors.tooManyAttempts");
  });

  it("limits failures per IP across different accounts", async () => {
    const ip = "10.2.0.9";
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) {
      await signIn(t.db, { email: uniqueEmail("spray"), password: "wrong-password" }, ip).catch(() => {});
    }
    const u = await makeUser(t.db);
    const err = await signIn(t.db, { email: u.email, password: PASSWORD }, ip).catch((e) => e);
    expect(err.status).toBe(429);
    await expect(signIn(t.db, { email: u.email, password: PASSWORD }, "10.2.0.10")).resolves.toBe(u.id);
  });

  it("lists a user's own sessions and lets only that user revoke them", async () => {
    const lucia = createLucia(t.db, false);
    const alice = await makeUser(t.db);
    const bob = await makeUser(t.db);
    const s1 = await createUserSession(lucia, alice.id, { ip: "1.1.1.1", userAgent: "phone" });
    const s2 = await createUserSession(lucia, alice.id, { ip: "2.2.2.2", userAgent: "laptop" });
    const aliceActor = await loadActor(t.db, alice.id);
    const bobActor = await loadActor(t.db, bob.id);
    expect((await listMySessions(t.db, aliceActor)).map((s) => s.id).sort()).toEqual([s1.id, s2.id].sort());
    expect(await listMySessions(t.db, bobActor)).toEqual([]);

    const err = await revokeMySession(t.db, bobActor, s1.id).catch((e) => e);
    expect(err.status).toBe(404);
    await revokeMySession(t.db, aliceActor, s1.id);
    expect((await lucia.validateSession(s1.id)).session).toBeNull();
    expect((await lucia.validateSession(s2.id)).session?.userId).toBe(alice.id);
  });
});
