import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { DomainError } from "../core/errors";
import { isUnsafeText } from "../core/input-rules";

/**
 * Idempotency-Key for API writes: the first request with a key runs and its answer is kept for
 * 24 hours; a retry with the same key and the same request gets that answer again instead of a
 * second write. The key is claimed before the write runs, so two concurrent retries cannot both
 * write; a different request under a used key is refused.
 */
export const IDEMPOTENCY_HOURS = 24;

export interface StoredAnswer {
  status: number;
  body: string;
}

export function parseIdempotencyKey(header: string | null): string | null {
  if (header === null) return null;
  const key = header.trim();
  if (!key || key.length > 200 || isUnsafeText(key)) throw new DomainError(400, "api.idempotencyKeyInvalid");
  return key;
}

export const requestHash = (method: string, path: string, body: unknown) =>
  crypto
    .createHash("sha256")
    .update(`${method} ${path}\n${JSON.stringify(body)}`)
    .digest("hex");

/** Claims the key, or returns the answer stored for it. */
export async function claimIdempotencyKey(db: Kysely<Database>, apiKeyId: string, key: string, hash: string): Promise<StoredAnswer | null> {
  if (Math.random() < 0.01)
    await db
      .deleteFrom("api_idempotency")
      .where("created_at", "<", sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`)
      .execute();
  const claimed = await db
    .insertInto("api_idempotency")
    .values({ api_key_id: apiKeyId, idem_key: key, request_hash: hash })
    .onConflict((oc) =>
      // An entry older than a day is forgotten: the key may be used afresh.
      oc
        .columns(["api_key_id", "idem_key"])
        .doUpdateSet({ request_hash: hash, status: null, body: null, created_at: sql`now()` })
        .where("api_idempotency.created_at", "<", sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`),
    )
    .returning("idem_key")
    .executeTakeFirst();
  if (claimed) return null;
  const prior = await db
    .selectFrom("api_idempotency")
    .select(["request_hash", "status", "body"])
    .where("api_key_id", "=", apiKeyId)
    .where("idem_key", "=", key)
    .executeTakeFirstOrThrow();
  if (prior.request_hash !== hash) throw new DomainError(409, "api.idempotencyKeyReused");
  if (prior.status === null || prior.body === null) throw new DomainError(409, "api.idempotencyInProgress");
  return { status: prior.status, body: prior.body };
}

export async function storeIdempotentAnswer(db: Kysely<Database>, apiKeyId: string, key: string, answer: StoredAnswer) {
  await db
    .updateTable("api_idempotency")
    .set({ status: answer.status, body: answer.body })
    .where("api_key_id", "=", apiKeyId)
    .where("idem_key", "=", key)
    .execute();
}

/** The write failed before it committed: the key is free for the retry. */
export async function releaseIdempotencyKey(db: Kysely<Database>, apiKeyId: string, key: string) {
  await db.deleteFrom("api_idempotency").where("api_key_id", "=", apiKeyId).where("idem_key", "=", key).where("status", "is", null).execute();
}
