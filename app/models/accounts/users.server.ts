import { sql, type Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../../db/schema";
import { LIMITS, enforceLimit } from "../core/rate-limit.server";
import { alreadyRegisteredMail, verifyEmailMail, type LinkContext } from "./account-mail.server";
import { mailLocale, noMailer, queueMail, type Mailer } from "./mail.server";
import { issueToken } from "./tokens.server";
import { allowAccountMail, greetingName } from "./mail-limits.server";
import { hashPassword, newSessionToken, sessionIdOf, timingDummyHash, verifyPassword, type AppLucia } from "./auth.server";
import { writeAudit } from "../core/audit.server";
import { DomainError, forbidden, isUniqueViolation, notFound, rateLimited } from "../core/errors";
import { requireUser, type Actor } from "../core/permissions";
import type { signInSchema, signUpSchema } from "./account-schema";

/** Failures allowed in the window before sign-in is refused; one place for the login policy. */
/**
 * Failed sign-ins are throttled per (account, IP) pair with a growing wait, and per IP with a
 * ceiling high enough for a government building behind one NAT. There is no lock on an account
 * as such: an attacker elsewhere cannot lock its owner out.
 */
export const LOGIN_LIMITS = { pairFailures: 5, maxWaitMinutes: 60, ipFailures: 100, ipWindowMinutes: 60 };

/**
 * Sign-up answers the same for a new address and a taken one, so the form tells no one who has an
 * account: a new address gets a confirmation link, a taken one a note to its owner. Returns the new
 * user's id, or null when the address was taken. Mail leaves after the commit.
 */
export async function signUp(
  db: Kysely<Database>,
  input: z.infer<typeof signUpSchema>,
  links: LinkContext,
  mailer: Mailer = noMailer,
  ip?: string,
): Promise<string | null> {
  if (ip) await enforceLimit(db, `signup:ip:${ip}`, LIMITS.signUpPerIp.limit, LIMITS.signUpPerIp.windowSeconds);
  const passwordHash = await hashPassword(input.password);
  let userId: string | null;
  try {
    userId = await db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto("users")
        .values({ email: input.email, display_name: input.displayName, password_hash: passwordHash, locale: links.locale })
        .returning("id")
        .executeTakeFirstOrThrow();
      await writeAudit(trx, { actorId: user.id, action: "user.signed_up", entityType: "user", entityId: user.id, after: { displayName: input.displayName } });
      const token = await issueToken(trx, "verify_email", { id: user.id, email: input.email });
      // Greets the address, not the typed name: whoever signed up may not own the address yet.
      if (await allowAccountMail(trx, "verify_email", input.email)) await queueMail(trx, verifyEmailMail(links, input.email, input.email, token));
      return user.id;
    });
  } catch (e) {
    if (!isUniqueViolation(e, "users_email_lower")) throw e;
    const owner = await db
      .selectFrom("users")
      .select(["email", "display_name", "email_verified_at", "locale"])
      .where(sql`lower(email)`, "=", input.email)
      .executeTakeFirstOrThrow();
    // Anyone can type a member's address here: a few notes a day reach the owner, the rest are dropped quietly.
    if (await allowAccountMail(db, "already_registered", input.email))
      await queueMail(db, alreadyRegisteredMail({ ...links, locale: mailLocale(owner.locale, links.locale) }, input.email, greetingName(owner)));
    userId = null;
  }
  void mailer.flush();
  return userId;
}

/**
 * Checks the rate limits first, then the password. Unknown account and wrong password give the
 * same error and cost the same time, so the form does not reveal who has an account.
 */
export async function signIn(db: Kysely<Database>, input: z.infer<typeof signInSchema>, ip: string): Promise<string> {
  const failures = await failureCounts(db, input.email, ip);
  assertNotRateLimited(failures);
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where(sql`lower(email)`, "=", input.email)
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await timingDummyHash()), input.password);
  await db
    .insertInto("login_attempts")
    .values({ ip, email: input.email, succeeded: !!(user && ok) })
    .execute();
  if (!user || !ok) {
    await auditThrottle(db, input.email, ip, failures);
    throw new DomainError(400, "errors.badCredentials", {}, { _form: ["errors.badCredentials"] });
  }
  await writeAudit(db, { actorId: user.id, action: "auth.signed_in", entityType: "user", entityId: user.id, after: { ip } });
  return user.id;
}

interface FailureCounts {
  /** Failures of this (account, IP) pair since its last success, within a day. */
  pair: number;
  pairLast: Date | null;
  /** Failures from this IP within the IP window. */
  byIp: number;
}

async function failureCounts(db: Kysely<Database>, email: string, ip: string): Promise<FailureCounts> {
  const row = await db
    .selectFrom("login_attempts")
    .select([
      sql<number>`count(*) filter (where email = ${email} and created_at > coalesce((select max(created_at) from login_attempts s where s.email = ${email} and s.ip = ${ip} and s.succeeded), '-infinity'))::int`.as(
        "pair",
      ),
      sql<Date | null>`max(created_at) filter (where email = ${email})`.as("pair_last"),
      sql<number>`count(*) filter (where created_at > now() - make_interval(mins => ${LOGIN_LIMITS.ipWindowMinutes}))::int`.as("by_ip"),
    ])
    .where("ip", "=", ip)
    .where("succeeded", "=", false)
    .where(sql<boolean>`created_at > now() - interval '1 day'`)
    .executeTakeFirstOrThrow();
  return { pair: row.pair, pairLast: row.pair_last, byIp: row.by_ip };
}

function assertNotRateLimited(counts: FailureCounts) {
  if (counts.byIp >= LOGIN_LIMITS.ipFailures) throw rateLimited("errors.tooManyAttempts", LOGIN_LIMITS.ipWindowMinutes * 60);
  if (counts.pair >= LOGIN_LIMITS.pairFailures && counts.pairLast) {
    // 1, 2, 4 … minutes after the 5th, 6th, 7th failure, at most an hour.
    const waitMinutes = Math.min(LOGIN_LIMITS.maxWaitMinutes, 2 ** (counts.pair - LOGIN_LIMITS.pairFailures));
    const remaining = new Date(counts.pairLast).getTime() + waitMinutes * 60_000 - Date.now();
    if (remaining > 0) throw rateLimited("errors.tooManyAttempts", remaining / 1000);
  }
}

/** A burst is worth a line in the audit log: the failure with which a pair or an IP reaches its limit. */
async function auditThrottle(db: Kysely<Database>, email: string, ip: string, before: FailureCounts) {
  const scope = before.pair + 1 === LOGIN_LIMITS.pairFailures ? "account_ip" : before.byIp + 1 === LOGIN_LIMITS.ipFailures ? "ip" : null;
  if (scope) await writeAudit(db, { actorId: null, action: "auth.sign_in_throttled", entityType: "ip", entityId: ip, after: { email, ip, scope } });
}

export async function recordSignOut(db: Kysely<Database>, actor: Actor) {
  await writeAudit(db, { actorId: actor.id, action: "auth.signed_out", entityType: "user", entityId: actor.id });
}

/** A new session; the token goes into the cookie and nowhere else (the table keeps its hash). */
export async function createUserSession(lucia: AppLucia, userId: string, meta: { ip: string; userAgent: string }) {
  const token = newSessionToken();
  const session = await lucia.createSession(userId, { ip: meta.ip, user_agent: meta.userAgent.slice(0, 300) }, { sessionId: sessionIdOf(token) });
  return { session, token, cookie: lucia.createSessionCookie(token).serialize() };
}

export async function listMySessions(db: Kysely<Database>, actor: Actor | null) {
  const a = requireUser(actor);
  return db
    .selectFrom("sessions")
    .select(["id", "ip", "user_agent", "created_at", "expires_at"])
    .where("user_id", "=", a.id)
    .where("expires_at", ">", sql<Date>`now()`)
    .orderBy("created_at", "desc")
    .execute();
}

/** Only the owner of a session may revoke it; someone else's id looks like a missing one. */
export async function revokeMySession(db: Kysely<Database>, actor: Actor | null, sessionId: string) {
  const a = requireUser(actor);
  const result = await db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom("sessions").where("id", "=", sessionId).where("user_id", "=", a.id).executeTakeFirst();
    if (res.numDeletedRows > 0n) {
      await writeAudit(trx, { actorId: a.id, action: "session.revoked", entityType: "user", entityId: a.id });
    }
    return res.numDeletedRows;
  });
  if (result === 0n) throw notFound();
}

export async function setMyLocale(db: Kysely<Database>, actor: Actor | null, locale: string) {
  const a = requireUser(actor);
  await db.updateTable("users").set({ locale }).where("id", "=", a.id).execute();
}

export async function setPlatformRole(db: Kysely<Database>, actor: Actor | null, userId: string, role: "member" | "secretariat" | "moderator") {
  const a = requireUser(actor);
  if (a.platformRole !== "secretariat") throw forbidden();
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("users").select("platform_role").where("id", "=", userId).executeTakeFirst();
    if (!before) throw notFound();
    await trx.updateTable("users").set({ platform_role: role }).where("id", "=", userId).execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "user.role_changed",
      entityType: "user",
      entityId: userId,
      before: { platformRole: before.platform_role },
      after: { platformRole: role },
    });
  });
}
