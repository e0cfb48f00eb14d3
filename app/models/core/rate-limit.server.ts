import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { rateLimited } from "./errors";

/**
 * Fixed-window counters kept in Postgres, so every node counts the same hits (sign-ups per IP,
 * API calls per key, messages per user). A key names what is counted and for whom.
 */
export async function takeHit(
  db: Kysely<Database>,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const { rows } = await sql<{ hits: number; wait: number }>`
    insert into rate_limits (key, hits, expires_at) values (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
    on conflict (key) do update set
      hits = case when rate_limits.expires_at <= now() then 1 else rate_limits.hits + 1 end,
      expires_at = case when rate_limits.expires_at <= now() then excluded.expires_at else rate_limits.expires_at end
    returning hits, ceil(extract(epoch from expires_at - now()))::int as wait`.execute(db);
  // Expired windows are swept now and then rather than on every hit.
  if (Math.random() < 0.01)
    await db
      .deleteFrom("rate_limits")
      .where("expires_at", "<", sql<Date>`now()`)
      .execute();
  const { hits, wait } = rows[0];
  return { allowed: hits <= limit, retryAfterSeconds: Math.max(1, wait) };
}

/** Counts a hit and refuses it with a 429 (and how long to wait) past the limit. */
export async function enforceLimit(db: Kysely<Database>, key: string, limit: number, windowSeconds: number, messageKey = "errors.tooManyRequests") {
  const { allowed, retryAfterSeconds } = await takeHit(db, key, limit, windowSeconds);
  if (!allowed) throw rateLimited(messageKey, retryAfterSeconds);
}

/** The limits, in one place. */
export const LIMITS = {
  signUpPerIp: { limit: 10, windowSeconds: 3600 },
  resetPerIp: { limit: 10, windowSeconds: 3600 },
  /** Strangers' reset requests per address: past it they get the same answer and no mail is sent. */
  resetPerEmail: { limit: 3, windowSeconds: 3600 },
  /** The owner's own reset requests (signed in, or from a device that signed in): strangers never count here. */
  resetOwnerPerDay: { limit: 10, windowSeconds: 24 * 3600 },
  resendPerUser: { limit: 3, windowSeconds: 3600 },
  matchMessagesPerUser: { limit: 10, windowSeconds: 10 },
  apiPerKey: { limit: 120, windowSeconds: 60 },
  apiPerOrg: { limit: 300, windowSeconds: 60 },
  /** Invitations an organisation may send per day (each one is a mail to an outside address). */
  invitationsPerOrg: { limit: 20, windowSeconds: 24 * 3600 },
  /** Public personal-information reports filed from one IP (anyone may file, signed out too). */
  publicReportPerIp: { limit: 10, windowSeconds: 3600 },
  /** How often a revoked key's use is written to the audit log (once per window). */
  revokedKeyAudit: { limit: 1, windowSeconds: 3600 },
} as const;
