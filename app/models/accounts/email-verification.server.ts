import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { DomainError, conflict, forbidden } from "../core/errors";
import { LIMITS, enforceLimit } from "../core/rate-limit.server";
import { requireUser, type Actor } from "../core/permissions";
import { verifyEmailMail, type LinkContext } from "./account-mail.server";
import { allowAccountMail } from "./mail-limits.server";
import { noMailer, queueMail, type Mailer } from "./mail.server";
import { consumeToken, issueToken, tokenHolder } from "./tokens.server";

/**
 * What the page behind a confirmation link may offer, read without spending the token (a mail
 * scanner fetching the link changes nothing): a link for another account than the one signed in
 * is refused, so no one confirms an address into someone else's session.
 */
export async function checkVerificationLink(db: Kysely<Database>, token: string, actor: Actor | null): Promise<void> {
  const holder = await tokenHolder(db, "verify_email", token);
  if (!holder) throw new DomainError(400, "mail.linkInvalid");
  if (actor && actor.id !== holder) throw forbidden("mail.verifyOtherAccount");
}

/**
 * The confirmation form posted from that page: proves the address (once). It signs no one in: the
 * link proves a mailbox, not the password (or the second factor) of the account.
 */
export async function verifyEmail(db: Kysely<Database>, token: string, actor: Actor | null = null): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { userId, email } = await consumeToken(trx, "verify_email", token);
    // Refused before anything is written: the transaction rolls back and the token stays good.
    if (actor && actor.id !== userId) throw forbidden("mail.verifyOtherAccount");
    // A link for an address the account no longer has proves nothing.
    const res = await trx
      .updateTable("users")
      .set({ email_verified_at: sql`coalesce(email_verified_at, now())` })
      .where("id", "=", userId)
      .where(sql`lower(email)`, "=", email.toLowerCase())
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw conflict("mail.linkInvalid");
    await writeAudit(trx, { actorId: userId, action: "user.email_verified", entityType: "user", entityId: userId });
    return userId;
  });
}

export async function resendVerification(db: Kysely<Database>, actor: Actor | null, links: LinkContext, mailer: Mailer = noMailer) {
  const a = requireUser(actor);
  if (a.emailVerified) return;
  await enforceLimit(db, `resend:user:${a.id}`, LIMITS.resendPerUser.limit, LIMITS.resendPerUser.windowSeconds);
  await db.transaction().execute(async (trx) => {
    const token = await issueToken(trx, "verify_email", { id: a.id, email: a.email });
    // Greets the address: until it is confirmed, the typed display name may be a stranger's text.
    if (await allowAccountMail(trx, "verify_email", a.email)) await queueMail(trx, verifyEmailMail(links, a.email, a.email, token));
  });
  void mailer.flush();
}
