import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { noRealtime, type Realtime } from "../core/notifications.server";
import { LIMITS, enforceLimit, takeHit } from "../core/rate-limit.server";
import type { Actor } from "../core/permissions";
import { resetPasswordMail, type LinkContext } from "./account-mail.server";
import { hashPassword } from "./auth.server";
import { mailLocale, noMailer, queueMail, type Mailer } from "./mail.server";
import { consumeToken, issueToken } from "./tokens.server";
import { allowAccountMail, greetingName } from "./mail-limits.server";
import { isKnownDevice } from "./known-devices.server";
import { proveSecondFactorForReset } from "./two-factor.server";

/** What shows that a reset request is the account owner's own (see requestPasswordReset). */
export interface OwnerProof {
  /** The signed-in account making the request, if any. */
  actor?: Actor | null;
  /** The device cookie a sign-in left in this browser (known-devices.server.ts). */
  device?: string | null;
}

/**
 * The same answer whether or not the address has an account; only an account gets a link (1 h, once).
 *
 * Limits are per requester, so strangers cannot spend the owner's: a stranger's requests count
 * against their IP (a 429 that is the same for every address) and against a quiet allowance per
 * address (past it: the same answer, no mail). The owner's own request, from a signed-in session
 * or a device that signed in to the account, skips both and has its own generous daily cap.
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  email: string,
  links: LinkContext,
  mailer: Mailer = noMailer,
  ip?: string,
  proof: OwnerProof = {},
) {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "display_name", "email_verified_at", "locale"])
    .where(sql`lower(email)`, "=", email)
    .executeTakeFirst();
  const owner = user && (proof.actor?.id === user.id || (await isKnownDevice(db, proof.device, user.id)));
  if (owner) {
    await enforceLimit(db, `reset:owner:${user.id}`, LIMITS.resetOwnerPerDay.limit, LIMITS.resetOwnerPerDay.windowSeconds);
  } else {
    if (ip) await enforceLimit(db, `reset:ip:${ip}`, LIMITS.resetPerIp.limit, LIMITS.resetPerIp.windowSeconds);
    // Counted for unknown addresses too, so the answers cannot be told apart.
    const { allowed } = await takeHit(db, `reset:email:${email}`, LIMITS.resetPerEmail.limit, LIMITS.resetPerEmail.windowSeconds);
    if (!allowed || !user) return;
    // A few reset mails a day per address from strangers: past that the answer is the same, without a mail.
    if (!(await allowAccountMail(db, "reset_password", user.email))) return;
  }
  await db.transaction().execute(async (trx) => {
    const token = await issueToken(trx, "reset_password", { id: user.id, email: user.email });
    await queueMail(trx, resetPasswordMail({ ...links, locale: mailLocale(user.locale, links.locale) }, user.email, greetingName(user), token));
    await writeAudit(trx, {
      actorId: null,
      action: "user.password_reset_requested",
      entityType: "user",
      entityId: user.id,
      after: { ip: ip ?? null, owner: Boolean(owner) },
    });
  });
  void mailer.flush();
}

/**
 * Sets the new password, proves the address (the link came to it), ends every session and closes
 * every socket of the account: whoever knew the old password is out.
 */
export async function resetPassword(db: Kysely<Database>, token: string, password: string, realtime: Realtime = noRealtime, code?: string): Promise<string> {
  await proveSecondFactorForReset(db, token, code);
  const passwordHash = await hashPassword(password);
  const userId = await db.transaction().execute(async (trx) => {
    const { userId } = await consumeToken(trx, "reset_password", token);
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, email_verified_at: sql`coalesce(email_verified_at, now())` })
      .where("id", "=", userId)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    // Browsers that signed in with the old password stop counting as the owner's devices.
    await trx.deleteFrom("known_devices").where("user_id", "=", userId).execute();
    // Other reset links of the account die with this one.
    await trx
      .updateTable("account_tokens")
      .set({ used_at: sql`now()` })
      .where("user_id", "=", userId)
      .where("purpose", "=", "reset_password")
      .where("used_at", "is", null)
      .execute();
    await writeAudit(trx, { actorId: userId, action: "user.password_reset", entityType: "user", entityId: userId });
    return userId;
  });
  realtime.disconnect({ userId });
  return userId;
}
