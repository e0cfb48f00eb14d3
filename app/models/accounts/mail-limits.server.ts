/**
 * What strangers may make us send to an address. Account mail (confirmations, "already
 * registered" notes, reset links, invitations) goes to addresses anyone can type into a form, so
 * each kind has a daily allowance per recipient, counted in the shared rate-limit table: twelve
 * sign-ups from twelve source addresses with one member's address send that member three notes,
 * not twelve. Each kind counts apart, so using up one (say, "already registered") never stops
 * another (the owner's own reset link).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { rateLimited } from "../core/errors";
import { takeHit } from "../core/rate-limit.server";

/** Mails of each kind one address may receive per day. */
export const ACCOUNT_MAILS_PER_DAY = {
  verify_email: 5,
  already_registered: 3,
  reset_password: 5,
  invitation: 3,
  /** A public report's confirmation link: past it the filer reads the same answer, and nothing is stored or sent. */
  report_confirm: 3,
  /** Decisions on public reports mailed to their contact address. */
  report_decided: 10,
} as const;

export type AccountMailKind = keyof typeof ACCOUNT_MAILS_PER_DAY;

const DAY_SECONDS = 24 * 3600;

/**
 * Counts one mail of `kind` to `to` and says whether it may go. Callers whose answer must not tell
 * the requester anything (sign-up, reset) skip the mail quietly when this is false.
 */
export async function allowAccountMail(db: Kysely<Database>, kind: AccountMailKind, to: string): Promise<boolean> {
  const { allowed } = await takeHit(db, `mail:${kind}:${to.trim().toLowerCase()}`, ACCOUNT_MAILS_PER_DAY[kind], DAY_SECONDS);
  return allowed;
}

/** The same count for a caller that may say no out loud (an inviter): a 429 past the allowance. */
export async function enforceAccountMail(db: Kysely<Database>, kind: AccountMailKind, to: string): Promise<void> {
  const key = `mail:${kind}:${to.trim().toLowerCase()}`;
  const { allowed, retryAfterSeconds } = await takeHit(db, key, ACCOUNT_MAILS_PER_DAY[kind], DAY_SECONDS);
  if (!allowed) throw rateLimited("errors.tooManyMailsToAddress", retryAfterSeconds);
}

/**
 * The name a mail greets its reader with. A display name is whatever the person who signed up
 * typed, and until the address is confirmed that person may not be its owner: mail to an
 * unconfirmed address greets the address itself, so a stranger's text never reaches its inbox.
 */
export function greetingName(user: { email: string; display_name: string; email_verified_at: Date | null }): string {
  return user.email_verified_at ? user.display_name : user.email;
}
