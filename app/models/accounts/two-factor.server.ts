import crypto from "node:crypto";
import { authenticator } from "otplib";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { DomainError, conflict, forbidden } from "../core/errors";
import { requireUser, type Actor } from "../core/permissions";
import { TOKEN_PATTERN, hashToken, newToken } from "./tokens.server";

/**
 * Two-factor sign-in with TOTP (RFC 6238: any authenticator app) and single-use recovery codes.
 * Required for the secretariat and moderators, optional (and encouraged) for everyone else.
 */
export const TWO_FACTOR_REQUIRED_ROLES = ["secretariat", "moderator"] as const;
const ISSUER = "要素 Yaosu";
const RECOVERY_CODES = 10;
const CHALLENGE_MINUTES = 5;
const CHALLENGE_ATTEMPTS = 5;
const STEP_SECONDS = 30;

// One step of clock drift either way.
authenticator.options = { window: 1, step: STEP_SECONDS };

export function twoFactorRequired(actor: Actor | null): boolean {
  return !!actor && (TWO_FACTOR_REQUIRED_ROLES as readonly string[]).includes(actor.platformRole);
}

/** Staff without two-factor may only reach the page that sets it up. */
export function mustEnrolTwoFactor(actor: Actor | null): boolean {
  return twoFactorRequired(actor) && !actor!.twoFactorEnabled;
}

export async function twoFactorStatus(db: Kysely<Database>, actor: Actor | null) {
  const a = requireUser(actor);
  const row = await db.selectFrom("user_totp").select(["enabled_at"]).where("user_id", "=", a.id).executeTakeFirst();
  const left = await db
    .selectFrom("user_recovery_codes")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("user_id", "=", a.id)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return { enabled: !!row?.enabled_at, required: twoFactorRequired(a), recoveryCodesLeft: left.n };
}

/** A secret waiting for its first code (a new one each time enrolment starts again). */
export async function beginEnrolment(db: Kysely<Database>, actor: Actor | null): Promise<{ secret: string; uri: string }> {
  const a = requireUser(actor);
  const existing = await db.selectFrom("user_totp").select(["secret", "enabled_at"]).where("user_id", "=", a.id).executeTakeFirst();
  if (existing?.enabled_at) throw conflict("mail.twoFactorAlreadyOn");
  const secret = existing?.secret ?? authenticator.generateSecret(20);
  if (!existing)
    await db
      .insertInto("user_totp")
      .values({ user_id: a.id, secret })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .execute();
  return { secret, uri: authenticator.keyuri(a.email, ISSUER, secret) };
}

const formatCode = () => {
  const raw = crypto.randomBytes(5).toString("hex");
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
};
const normaliseCode = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();

/** The first good code turns two-factor on; the recovery codes are shown once, only their hashes kept. */
export async function confirmEnrolment(db: Kysely<Database>, actor: Actor | null, code: string): Promise<string[]> {
  const a = requireUser(actor);
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("user_totp").select(["secret", "enabled_at"]).where("user_id", "=", a.id).forUpdate().executeTakeFirst();
    if (!row) throw new DomainError(400, "mail.twoFactorStartFirst");
    if (row.enabled_at) throw conflict("mail.twoFactorAlreadyOn");
    const step = acceptedStep(row.secret, code, null);
    if (step === null) throw new DomainError(400, "mail.twoFactorWrongCode", {}, { code: ["mail.twoFactorWrongCode"] });
    await trx
      .updateTable("user_totp")
      .set({ enabled_at: sql`now()`, last_step: String(step) })
      .where("user_id", "=", a.id)
      .execute();
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", a.id).execute();
    const codes = Array.from({ length: RECOVERY_CODES }, formatCode);
    await trx
      .insertInto("user_recovery_codes")
      .values(codes.map((c) => ({ user_id: a.id, code_hash: hashToken(normaliseCode(c)) })))
      .execute();
    await writeAudit(trx, { actorId: a.id, action: "2fa.enabled", entityType: "user", entityId: a.id });
    return codes;
  });
}

/** Off again with a current code (or a recovery code); the secretariat and moderators must keep it. */
export async function disableTwoFactor(db: Kysely<Database>, actor: Actor | null, code: string) {
  const a = requireUser(actor);
  if (twoFactorRequired(a)) throw forbidden("mail.twoFactorRequiredForRole");
  await db.transaction().execute(async (trx) => {
    if (!(await checkSecondFactor(trx, a.id, code))) throw new DomainError(400, "mail.twoFactorWrongCode", {}, { code: ["mail.twoFactorWrongCode"] });
    await trx.deleteFrom("user_totp").where("user_id", "=", a.id).execute();
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", a.id).execute();
    await writeAudit(trx, { actorId: a.id, action: "2fa.disabled", entityType: "user", entityId: a.id });
  });
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

/** After the password: a short-lived, single-use ticket for the second step (its token goes in a cookie). */
export async function openChallenge(db: Kysely<Database>, userId: string): Promise<string> {
  const token = newToken();
  await db
    .insertInto("login_challenges")
    .values({ token_hash: hashToken(token), user_id: userId, expires_at: sql<Date>`now() + make_interval(mins => ${CHALLENGE_MINUTES})` })
    .execute();
  return token;
}

/** The second step: the user whose sign-in it completes. Five wrong codes end the ticket. */
export async function answerChallenge(db: Kysely<Database>, token: string | null | undefined, code: string): Promise<string> {
  if (!token || !TOKEN_PATTERN.test(token)) throw new DomainError(400, "mail.twoFactorExpired");
  const ticketHash = hashToken(token);
  // A wrong code is counted (committed), then refused: the count must survive the refusal.
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
  return userId;
}
