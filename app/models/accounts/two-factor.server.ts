import crypto from "node:crypto";
import { authenticator } from "otplib";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Locale } from "../../i18n";
import { writeAudit } from "../core/audit.server";
import { DomainError, conflict, forbidden, invalid, rateLimited } from "../core/errors";
import { requireUser, type Actor } from "../core/permissions";
import { verifyPassword } from "./auth.server";
import { mailLocale, mailT, noMailer, queueMail, type Mailer } from "./mail.server";
import { TOKEN_PATTERN, hashToken, newToken, tokenHolder } from "./tokens.server";

/**
 * Two-factor sign-in with TOTP (RFC 6238: any authenticator app) and single-use recovery codes.
 * Required for the secretariat and moderators, optional (and encouraged) for everyone else.
 *
 * What a stolen session or a known password must not be enough for: guessing codes (every failed
 * try of an account counts, whatever ticket or form it came through, with a growing wait), turning
 * it off or on (password, and to turn it off a code too), or reading a secret that will be used
 * later (a fresh one per enrolment, kept for the session that asked). Every change is mailed to the
 * account's address, so its owner hears of one they did not make.
 */
export const TWO_FACTOR_REQUIRED_ROLES = ["secretariat", "moderator"] as const;
const ISSUER = "要素 Yaosu";
const RECOVERY_CODES = 10;
const CHALLENGE_MINUTES = 5;
const CHALLENGE_ATTEMPTS = 5;
const STEP_SECONDS = 30;
/** How long a secret offered for enrolment waits for its first code. */
const ENROLMENT_MINUTES = 15;
/**
 * Failed tries per account: the first `free` cost nothing, then each waits `2^(n - free)` minutes
 * after the last try (1, 2, 4 … at most `maxWaitMinutes`); a day without a try forgets them.
 */
export const TWO_FACTOR_TRIES = { free: 5, maxWaitMinutes: 60, forgetAfterHours: 24 } as const;

// One step of clock drift either way.
authenticator.options = { window: 1, step: STEP_SECONDS };

/** Where the notice of a change goes out: the mailer, and the language to use when the account saved none. */
export interface NoticeContext {
  locale: Locale;
  mailer?: Mailer;
}

export function twoFactorRequired(actor: Actor | null): boolean {
  return !!actor && (TWO_FACTOR_REQUIRED_ROLES as readonly string[]).includes(actor.platformRole);
}

/** Staff without two-factor may only reach the page that sets it up. */
export function mustEnrolTwoFactor(actor: Actor | null): boolean {
  return twoFactorRequired(actor) && !actor!.twoFactorEnabled;
}

/** The security page: whether it is on, and the enrolment this session started (if it still waits). */
export async function twoFactorStatus(db: Kysely<Database>, actor: Actor | null, sessionId: string | null) {
  const a = requireUser(actor);
  const row = await db.selectFrom("user_totp").select(["enabled_at"]).where("user_id", "=", a.id).executeTakeFirst();
  const left = await db
    .selectFrom("user_recovery_codes")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("user_id", "=", a.id)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  const enabled = !!row?.enabled_at;
  const pending =
    !enabled && sessionId
      ? await db
          .selectFrom("two_factor_enrolments")
          .select("secret")
          .where("session_id", "=", sessionId)
          .where("user_id", "=", a.id)
          .where("expires_at", ">", sql<Date>`now()`)
          .executeTakeFirst()
      : undefined;
  return {
    enabled,
    required: twoFactorRequired(a),
    recoveryCodesLeft: left.n,
    enrolment: pending ? { secret: pending.secret, uri: authenticator.keyuri(a.email, ISSUER, pending.secret) } : null,
  };
}

/**
 * Starts enrolment after the password: a new secret each time, kept on the server for this session
 * only (a later visit, another device or the client itself never supplies or sees it again).
 */
export async function beginEnrolment(
  db: Kysely<Database>,
  actor: Actor | null,
  sessionId: string | null,
  password: string,
): Promise<{ secret: string; uri: string }> {
  const a = requireUser(actor);
  if (!sessionId || a.apiKeyId) throw forbidden();
  if (await hasTwoFactor(db, a.id)) throw conflict("mail.twoFactorAlreadyOn");
  await provePassword(db, a.id, password);
  const secret = authenticator.generateSecret(20);
  await db
    .insertInto("two_factor_enrolments")
    .values({ session_id: sessionId, user_id: a.id, secret, expires_at: sql<Date>`now() + make_interval(mins => ${ENROLMENT_MINUTES})` })
    .onConflict((oc) =>
      oc.column("session_id").doUpdateSet({ user_id: a.id, secret, expires_at: sql<Date>`now() + make_interval(mins => ${ENROLMENT_MINUTES})` }),
    )
    .execute();
  return { secret, uri: authenticator.keyuri(a.email, ISSUER, secret) };
}

const formatCode = () => {
  const raw = crypto.randomBytes(5).toString("hex");
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
};
const normaliseCode = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();

/** A new set of recovery codes replaces the old one; only their hashes are kept. */
async function newRecoveryCodes(trx: Kysely<Database>, userId: string): Promise<string[]> {
  await trx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
  const codes = Array.from({ length: RECOVERY_CODES }, formatCode);
  await trx
    .insertInto("user_recovery_codes")
    .values(codes.map((c) => ({ user_id: userId, code_hash: hashToken(normaliseCode(c)) })))
    .execute();
  return codes;
}

/** The first good code for this session's secret turns two-factor on; the recovery codes are shown once. */
export async function confirmEnrolment(
  db: Kysely<Database>,
  actor: Actor | null,
  sessionId: string | null,
  code: string,
  notice?: NoticeContext,
): Promise<string[]> {
  const a = requireUser(actor);
  if (!sessionId || a.apiKeyId) throw forbidden();
  const codes = await db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom("two_factor_enrolments")
      .select("secret")
      .where("session_id", "=", sessionId)
      .where("user_id", "=", a.id)
      .where("expires_at", ">", sql<Date>`now()`)
      .forUpdate()
      .executeTakeFirst();
    if (!pending) throw new DomainError(400, "mail.twoFactorStartFirst");
    const current = await trx.selectFrom("user_totp").select("enabled_at").where("user_id", "=", a.id).forUpdate().executeTakeFirst();
    if (current?.enabled_at) throw conflict("mail.twoFactorAlreadyOn");
    // Not counted as a failed try: the code belongs to a secret this session was just shown.
    const step = acceptedStep(pending.secret, code, null);
    if (step === null) throw new DomainError(400, "mail.twoFactorWrongCode", {}, { code: ["mail.twoFactorWrongCode"] });
    await trx
      .insertInto("user_totp")
      .values({ user_id: a.id, secret: pending.secret, enabled_at: sql<Date>`now()`, last_step: String(step) })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ secret: pending.secret, enabled_at: sql<Date>`now()`, last_step: String(step) }))
      .execute();
    await trx.deleteFrom("two_factor_enrolments").where("user_id", "=", a.id).execute();
    const codes = await newRecoveryCodes(trx, a.id);
    await writeAudit(trx, { actorId: a.id, action: "2fa.enabled", entityType: "user", entityId: a.id });
    await queueNotice(trx, a, "on", notice);
    return codes;
  });
  void (notice?.mailer ?? noMailer).flush();
  return codes;
}

/**
 * Off again with the password and a current code (or a recovery code, for a lost phone): a stolen
 * session alone cannot do it. The secretariat and moderators must keep it.
 */
export async function disableTwoFactor(db: Kysely<Database>, actor: Actor | null, proof: { password: string; code: string }, notice?: NoticeContext) {
  const a = requireUser(actor);
  if (a.apiKeyId) throw forbidden();
  if (twoFactorRequired(a)) throw forbidden("mail.twoFactorRequiredForRole");
  if (!(await hasTwoFactor(db, a.id))) throw conflict("mail.twoFactorNotOn");
  await takeTry(db, a.id);
  await checkPassword(db, a.id, proof.password);
  await db.transaction().execute(async (trx) => {
    if (!(await checkSecondFactor(trx, a.id, proof.code))) throw invalid("mail.twoFactorWrongCode", "code");
    await trx.deleteFrom("user_totp").where("user_id", "=", a.id).execute();
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", a.id).execute();
    await writeAudit(trx, { actorId: a.id, action: "2fa.disabled", entityType: "user", entityId: a.id });
    await queueNotice(trx, a, "off", notice);
  });
  await clearTries(db, a.id);
  void (notice?.mailer ?? noMailer).flush();
}

/**
 * A new set of recovery codes (the old ones stop working), after the password and a code: new
 * codes would turn off two-factor as well as a code does, so they ask for the same proof.
 */
export async function regenerateRecoveryCodes(
  db: Kysely<Database>,
  actor: Actor | null,
  proof: { password: string; code: string },
  notice?: NoticeContext,
): Promise<string[]> {
  const a = requireUser(actor);
  if (a.apiKeyId) throw forbidden();
  if (!(await hasTwoFactor(db, a.id))) throw conflict("mail.twoFactorNotOn");
  await takeTry(db, a.id);
  await checkPassword(db, a.id, proof.password);
  const codes = await db.transaction().execute(async (trx) => {
    if (!(await checkSecondFactor(trx, a.id, proof.code))) throw invalid("mail.twoFactorWrongCode", "code");
    const codes = await newRecoveryCodes(trx, a.id);
    await writeAudit(trx, { actorId: a.id, action: "2fa.recovery_codes_regenerated", entityType: "user", entityId: a.id });
    await queueNotice(trx, a, "codes", notice);
    return codes;
  });
  await clearTries(db, a.id);
  void (notice?.mailer ?? noMailer).flush();
  return codes;
}

export async function hasTwoFactor(db: Kysely<Database>, userId: string): Promise<boolean> {
  return !!(await db.selectFrom("user_totp").select("user_id").where("user_id", "=", userId).where("enabled_at", "is not", null).executeTakeFirst());
}

/** The step a code belongs to, if it is good and newer than the last one accepted (a code works once). */
function acceptedStep(secret: string, code: string, lastStep: string | null): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = authenticator.checkDelta(token, secret);
  if (delta === null) return null;
  const step = Math.floor(Date.now() / 1000 / STEP_SECONDS) + delta;
  return lastStep !== null && step <= Number(lastStep) ? null : step;
}

/** A TOTP code, or an unused recovery code (used up by this check and audited). */
async function checkSecondFactor(db: Kysely<Database>, userId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom("user_totp")
    .select(["secret", "last_step"])
    .where("user_id", "=", userId)
    .where("enabled_at", "is not", null)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return false;
  const step = acceptedStep(row.secret, code, row.last_step);
  if (step !== null) {
    await db
      .updateTable("user_totp")
      .set({ last_step: String(step) })
      .where("user_id", "=", userId)
      .execute();
    return true;
  }
  const used = await db
    .updateTable("user_recovery_codes")
    .set({ used_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hashToken(normaliseCode(code)))
    .where("used_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!used) return false;
  await writeAudit(db, { actorId: userId, action: "2fa.recovery_code_used", entityType: "user", entityId: userId });
  return true;
}

/**
 * Takes one try of the account's allowance, committed before the answer is checked, so parallel
 * tries each count and a refusal (which rolls its own transaction back) still counts. While the
 * account waits, the try is refused with a 429 saying how long, and is not counted.
 */
async function takeTry(db: Kysely<Database>, userId: string): Promise<void> {
  const { free, maxWaitMinutes, forgetAfterHours } = TWO_FACTOR_TRIES;
  const wait = sql`make_interval(mins => least(${maxWaitMinutes}, power(2, greatest(0, t.failures - ${free})))::int)`;
  const { rows } = await sql<{ failures: number }>`
    insert into two_factor_tries as t (user_id, failures, last_try_at) values (${userId}, 1, now())
    on conflict (user_id) do update set
      failures = case when t.last_try_at < now() - make_interval(hours => ${forgetAfterHours}) then 1 else t.failures + 1 end,
      last_try_at = now()
    where t.failures < ${free} or t.last_try_at + ${wait} <= now()
    returning failures`.execute(db);
  // The try that uses up the free ones is worth a line in the audit log: someone may be guessing.
  if (rows[0]?.failures === free) await writeAudit(db, { actorId: null, action: "2fa.throttled", entityType: "user", entityId: userId });
  if (rows.length > 0) return;
  const { rows: waiting } = await sql<{ seconds: number }>`
    select ceil(extract(epoch from t.last_try_at + ${wait} - now()))::int as seconds from two_factor_tries t where t.user_id = ${userId}`.execute(db);
  throw rateLimited("errors.tooManyAttempts", Math.max(1, waiting[0]?.seconds ?? 60));
}

/** A good answer forgets the failed tries before it. */
async function clearTries(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom("two_factor_tries").where("user_id", "=", userId).execute();
}

/** The account's password, checked without clearing the tries (the caller still has a code to check). */
async function checkPassword(db: Kysely<Database>, userId: string, password: string): Promise<void> {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, password))) throw invalid("mail.twoFactorWrongPassword", "password");
}

/** The password as a counted try: a wrong one counts against the account like a wrong code. */
async function provePassword(db: Kysely<Database>, userId: string, password: string): Promise<void> {
  await takeTry(db, userId);
  await checkPassword(db, userId, password);
  await clearTries(db, userId);
}

/**
 * A code from the authenticator or a recovery code for an account that has two-factor on, as a
 * counted try (the password-reset form asks for one: the link alone proves only the mailbox).
 */
async function proveSecondFactor(db: Kysely<Database>, userId: string, code: string | undefined): Promise<void> {
  if (!code) throw invalid("mail.resetCodeNeeded", "code");
  await takeTry(db, userId);
  const ok = await db.transaction().execute((trx) => checkSecondFactor(trx, userId, code));
  if (!ok) throw invalid("mail.twoFactorWrongCode", "code");
  await clearTries(db, userId);
}

/** Whether a live reset link's account has two-factor on (its form then asks for a code); null for a dead link. */
export async function resetLinkNeedsCode(db: Kysely<Database>, token: string): Promise<boolean | null> {
  const holder = await tokenHolder(db, "reset_password", token);
  return holder ? hasTwoFactor(db, holder) : null;
}

/**
 * A reset link proves the mailbox only: an account with two-factor on also needs a code (or a
 * recovery code) to take a new password, so a mailbox alone never takes the account.
 */
export async function proveSecondFactorForReset(db: Kysely<Database>, token: string, code: string | undefined): Promise<void> {
  const holder = await tokenHolder(db, "reset_password", token);
  if (holder && (await hasTwoFactor(db, holder))) await proveSecondFactor(db, holder, code);
}

/** After the password: a short-lived, single-use ticket for the second step (its token goes in a cookie). */
export async function openChallenge(db: Kysely<Database>, userId: string): Promise<string> {
  const token = newToken();
  await db
    .insertInto("login_challenges")
    .values({ token_hash: hashToken(token), user_id: userId, expires_at: sql<Date>`now() + make_interval(mins => ${CHALLENGE_MINUTES})` })
    .execute();
  return token;
}

/**
 * The second step: the user whose sign-in it completes. Five wrong codes end the ticket, and every
 * wrong code counts against the account: a new ticket (the password again) does not start afresh.
 */
export async function answerChallenge(db: Kysely<Database>, token: string | null | undefined, code: string): Promise<string> {
  if (!token || !TOKEN_PATTERN.test(token)) throw new DomainError(400, "mail.twoFactorExpired");
  const ticketHash = hashToken(token);
  const open = await db
    .selectFrom("login_challenges")
    .select(["user_id", "attempts"])
    .where("token_hash", "=", ticketHash)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  if (!open || open.attempts >= CHALLENGE_ATTEMPTS) throw new DomainError(400, "mail.twoFactorExpired");
  await takeTry(db, open.user_id);
  // A wrong code is counted on the ticket (committed), then refused: the count must survive the refusal.
  const userId = await db.transaction().execute(async (trx) => {
    const ticket = await trx
      .selectFrom("login_challenges")
      .select(["user_id", "attempts"])
      .where("token_hash", "=", ticketHash)
      .where("expires_at", ">", sql<Date>`now()`)
      .forUpdate()
      .executeTakeFirst();
    if (!ticket || ticket.attempts >= CHALLENGE_ATTEMPTS) return "expired" as const;
    if (!(await checkSecondFactor(trx, ticket.user_id, code))) {
      await trx
        .updateTable("login_challenges")
        .set({ attempts: sql`attempts + 1` })
        .where("token_hash", "=", ticketHash)
        .execute();
      return "wrong" as const;
    }
    await trx.deleteFrom("login_challenges").where("token_hash", "=", ticketHash).execute();
    return ticket.user_id;
  });
  if (userId === "expired") throw new DomainError(400, "mail.twoFactorExpired");
  if (userId === "wrong") throw new DomainError(400, "mail.twoFactorWrongCode", {}, { code: ["mail.twoFactorWrongCode"] });
  await clearTries(db, userId);
  return userId;
}

const NOTICE_KEYS = {
  on: ["mail.twoFactorOnSubject", "mail.twoFactorOnBody"],
  off: ["mail.twoFactorOffSubject", "mail.twoFactorOffBody"],
  codes: ["mail.twoFactorCodesSubject", "mail.twoFactorCodesBody"],
} as const;

/** The account hears of every change to its two-factor sign-in, in its language, whoever made it. */
async function queueNotice(trx: Kysely<Database>, a: Actor, change: keyof typeof NOTICE_KEYS, notice: NoticeContext | undefined) {
  const t = mailT(mailLocale(a.locale, notice?.locale));
  const [subject, body] = NOTICE_KEYS[change];
  await queueMail(trx, {
    to: a.email,
    kind: `2fa_${change}`,
    subject: t(subject),
    lines: [t("mail.greeting", { name: a.displayName }), t(body), t("mail.twoFactorNotYou"), t("mail.signature")],
  });
}
