import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { conflict } from "../core/errors";
import { LIMITS, enforceLimit } from "../core/rate-limit.server";
import { requireUser, type Actor } from "../core/permissions";
import { verifyEmailMail, type LinkContext } from "./account-mail.server";
import { allowAccountMail } from "./mail-limits.server";
import { noMailer, queueMail, type Mailer } from "./mail.server";
import { consumeToken, issueToken } from "./tokens.server";

/** The link from the confirmation mail: proves the address (once) and names whom to sign in. */
export async function verifyEmail(db: Kysely<Database>, token: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { userId, email } = await consumeToken(trx, "verify_email", token);
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
