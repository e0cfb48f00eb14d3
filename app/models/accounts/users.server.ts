import { sql, type Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../../db/schema";
import { hashPassword, timingDummyHash, verifyPassword, type AppLucia } from "./auth.server";
import { writeAudit } from "../core/audit.server";
import { DomainError, conflict, forbidden, isUniqueViolation, notFound, rateLimited } from "../core/errors";
import { requireUser, type Actor } from "../core/permissions";
import type { signInSchema, signUpSchema } from "./account-schema";

/** Failures allowed in the window before sign-in is refused; one place for the login policy. */
export const LOGIN_LIMITS = { windowMinutes: 15, perAccount: 5, perIp: 30 };

export async function signUp(db: Kysely<Database>, input: z.infer<typeof signUpSchema>): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto("users")
        .values({ email: input.email, display_name: input.displayName, password_hash: passwordHash })
        .returning("id")
        .executeTakeFirstOrThrow();
      await writeAudit(trx, {
        actorId: user.id,
        action: "user.signed_up",
        entityType: "user",
        entityId: user.id,
        after: { email: input.email, displayName: input.displayName },
      });
      return user.id;
    });
  } catch (e) {
    if (isUniqueViolation(e, "users_email_lower")) throw conflict("errors.emailTaken", "email");
    throw e;
  }
}

/**
 * Checks the rate limits first, then the password. Unknown account and wrong password give the
 * same error and cost the same time, so the form does not reveal who has an account.
 */
export async function signIn(
  db: Kysely<Database>,
  input: z.infer<typeof signInSchema>,
  ip: string,
): Promise<string> {
  await assertNotRateLimited(db, input.email, ip);
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where(sql`lower(email)`, "=", input.email)
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await timingDummyHash()), input.password);
  await db.insertInto("login_attempts").values({ ip, email: input.email, succeeded: !!(user && ok) }).execute();
  if (!user || !ok) throw new DomainError(400, "errors.badCredentials", {}, { _form: ["errors.badCredentials"] });
  return user.id;
}

async function assertNotRateLimited(db: Kysely<Database>, email: string, ip: string) {
  const row = await db
    .selectFrom("login_attempts")
    .select([
      sql<number>`count(*) filter (where email = ${email})::int`.as("by_account"),
      sql<number>`count(*) filter (where ip = ${ip})::int`.as("by_ip"),
    ])
    .where("succeeded", "=", false)
    .where(sql<boolean>`created_at > now() - make_interval(mins => ${LOGIN_LIMITS.windowMinutes})`)
    .where((eb) => eb.or([eb("email", "=", email), eb("ip", "=", ip)]))
    .executeTakeFirstOrThrow();
  if (row.by_account >= LOGIN_LIMITS.perAccount || row.by_ip >= LOGIN_LIMITS.perIp) {
    throw rateLimited("errors.tooManyAttempts", LOGIN_LIMITS.windowMinutes * 60);
  }
}

export async function createUserSession(lucia: AppLucia, userId: string, meta: { ip: string; userAgent: string }) {
  return lucia.createSession(userId, { ip: meta.ip, user_agent: meta.userAgent.slice(0, 300) });
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

export async function setPlatformRole(
  db: Kysely<Database>,
  actor: Actor | null,
  userId: string,
  role: "member" | "secretariat" | "moderator",
) {
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
