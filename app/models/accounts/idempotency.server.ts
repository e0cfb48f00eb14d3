import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { DomainError } from "../core/errors";
import { isUnsafeText } from "../core/input-rules";

/**
 * Idempotency-Key for API writes: the first request with a key runs and its answer is kept for
 * 24 hours; a retry with the same key and the same request gets that answer again instead of a
 * second write. A key belongs to the organisation (any of its API keys may retry).
 *
 * The claim, the write and the stored answer are one transaction (idempotentWrite in
 * app/lib/api.server.ts): a request that dies, times out or loses its database leaves no claim
 * behind (nothing sticks "in progress"), and a committed write always has its answer (a retry
 * never writes twice). A concurrent retry waits on the claim's row until the first commits, then
 * replays its answer.
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

/** The same JSON in another key order is the same request. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === "object"
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
        )
      : value;

export const requestHash = (method: string, path: string, body: unknown) =>
  crypto
    .createHash("sha256")
    .update(`${method} ${path}\n${JSON.stringify(canonical(body))}`)
    .digest("hex");

/** Claims the key for the organisation, or returns the answer stored for it. Run inside the write's transaction. */
export async function claimIdempotencyKey(db: Kysely<Database>, apiKeyId: string, orgId: string, key: string, hash: string): Promise<StoredAnswer | null> {
  if (Math.random() < 0.01)
    await db
      .deleteFrom("api_idempotency")
      .where("created_at", "<", sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`)
      .execute();
  const claimed = await db
    .insertInto("api_idempotency")
    .values({ api_key_id: apiKeyId, org_id: orgId, idem_key: key, request_hash: hash })
    .onConflict((oc) =>
      // An entry older than a day is forgotten: the key may be used afresh.
      oc
        .columns(["org_id", "idem_key"])
        .doUpdateSet({ api_key_id: apiKeyId, request_hash: hash, status: null, body: null, created_at: sql`now()` })
        .where("api_idempotency.created_at", "<", sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`),
    )
    .returning("idem_key")
    .executeTakeFirst();
  if (claimed) return null;
  const prior = await db
    .selectFrom("api_idempotency")
    .select(["request_hash", "status", "body"])
    .where("org_id", "=", orgId)
    .where("idem_key", "=", key)
    .executeTakeFirstOrThrow();
  if (prior.request_hash !== hash) throw new DomainError(409, "api.idempotencyKeyReused");
  if (prior.status === null || prior.body === null) throw new DomainError(409, "api.idempotencyInProgress");
  return { status: prior.status, body: prior.body };
}

export async function storeIdempotentAnswer(db: Kysely<Database>, orgId: string, key: string, answer: StoredAnswer) {
  await db.updateTable("api_idempotency").set({ status: answer.status, body: answer.body }).where("org_id", "=", orgId).where("idem_key", "=", key).execute();
}
