import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { LIMITS, enforceLimit, takeHit } from "../core/rate-limit.server";
import { DomainError, conflict, notFound } from "../core/errors";
import { isManagerRole, requireOrgManager, type Actor } from "../core/permissions";
import { apiKeyNameSchema } from "./account-schema";
import { admit } from "./auth.server";

type Db = Kysely<Database>;

export const API_KEY_PREFIX = "yk_";
const KEY_LENGTH = 40;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = /^yk_[0-9A-Za-z]{40}$/;
/** How many characters of the key the UI shows so people can tell their keys apart. */
const DISPLAY_LENGTH = API_KEY_PREFIX.length + 6;

/** 40 characters of base62 (~238 bits). Rejection sampling keeps every character equally likely. */
function randomKey(): string {
  let out = API_KEY_PREFIX;
  while (out.length < API_KEY_PREFIX.length + KEY_LENGTH) {
    for (const byte of crypto.randomBytes(64)) {
      if (byte >= 248) continue; // 248 = 4 * 62: bytes above it would favour the first characters
      out += ALPHABET[byte % 62];
      if (out.length === API_KEY_PREFIX.length + KEY_LENGTH) break;
    }
  }
  return out;
}

/** Keys are long and random, so a fast unsalted hash is enough and keeps the lookup indexed. */
export function hashApiKey(rawKey: string): string {
  return crypto.createHash("sha256").update(rawKey).digest("hex");
}

/** Live (unrevoked) keys an organisation may hold at once; revoking one makes room. */
export const MAX_LIVE_KEYS_PER_ORG = 10;

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  /** The plaintext key: returned once, never stored. */
  key: string;
}

export async function createApiKey(db: Db, actor: Actor | null, orgId: string, name: string): Promise<CreatedApiKey> {
  const a = requireOrgManager(actor, orgId);
  const parsed = apiKeyNameSchema.safeParse({ name });
  if (!parsed.success) throw new DomainError(400, parsed.error.issues[0].message, {}, { name: [parsed.error.issues[0].message] });
  const key = randomKey();
  const prefix = key.slice(0, DISPLAY_LENGTH);
  const id = await db.transaction().execute(async (trx) => {
    // The organisation's row is the lock: two creations at once cannot both see room for one more.
    await trx.selectFrom("organisations").select("id").where("id", "=", orgId).forUpdate().executeTakeFirst();
    const { live } = await trx
      .selectFrom("api_keys")
      .select((eb) => eb.fn.countAll<string>().as("live"))
      .where("org_id", "=", orgId)
      .where("revoked_at", "is", null)
      .executeTakeFirstOrThrow();
    // Each key has its own call budget: without a cap, more keys would mean more calls.
    if (Number(live) >= MAX_LIVE_KEYS_PER_ORG) throw new DomainError(409, "api.tooManyKeys", { max: MAX_LIVE_KEYS_PER_ORG }, { name: ["api.tooManyKeys"] });
    const row = await trx
      .insertInto("api_keys")
      .values({ org_id: orgId, name: parsed.data.name, prefix, key_hash: hashApiKey(key), created_by: a.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: a.id,
      action: "api_key.created",
      entityType: "api_key",
      entityId: row.id,
      after: { orgId, name: parsed.data.name, prefix },
    });
    return row.id;
  });
  return { id, name: parsed.data.name, prefix, key };
}

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiKeys(db: Db, actor: Actor | null, orgId: string): Promise<ApiKeySummary[]> {
  requireOrgManager(actor, orgId);
  const rows = await db
    .selectFrom("api_keys")
    .leftJoin("users", "users.id", "api_keys.created_by")
    .select(["api_keys.id", "api_keys.name", "api_keys.prefix", "api_keys.created_at", "api_keys.last_used_at", "api_keys.revoked_at", "users.display_name"])
    .where("api_keys.org_id", "=", orgId)
    .orderBy("api_keys.created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdBy: r.display_name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiKey(db: Db, actor: Actor | null, orgId: string, keyId: string): Promise<void> {
  const a = requireOrgManager(actor, orgId);
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("api_keys")
      .select(["id", "name", "prefix", "revoked_at"])
      .where("id", "=", keyId)
      .where("org_id", "=", orgId)
      .forUpdate()
      .executeTakeFirst();
    // Another organisation's key looks the same as no key at all.
    if (!row) throw notFound();
    if (row.revoked_at) throw conflict("api.alreadyRevoked");
    await trx
      .updateTable("api_keys")
      .set({ revoked_at: sql`now()` })
      .where("id", "=", keyId)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "api_key.revoked",
      entityType: "api_key",
      entityId: keyId,
      before: { revoked: false },
      after: { orgId, name: row.name, prefix: row.prefix, revoked: true },
    });
  });
}

const unauthorized = (key: string) => new DomainError(401, key);

/**
 * The actor a key acts as: its creator, speaking for the key's organisation as an admin (whatever
 * the creator's role is today, the key was issued by a manager). Platform roles never ride on a
 * key, so a key cannot do secretariat work.
 */
export async function authenticateApiKey(db: Db, rawKey: string | null | undefined): Promise<Actor> {
  if (!rawKey) throw unauthorized("api.keyMissing");
  // Malformed keys are refused without a query.
  if (!KEY_PATTERN.test(rawKey)) throw unauthorized("api.keyInvalid");
  const keyHash = hashApiKey(rawKey);
  // Counted by what was presented, before we know whether it is valid: a revoked or unknown key
  // costs the same budget as a live one, so replaying it cannot become a free stream of lookups.
  await enforceLimit(db, `api:key:${keyHash}`, LIMITS.apiPerKey.limit, LIMITS.apiPerKey.windowSeconds);
  const row = await db
    .selectFrom("api_keys")
    .innerJoin("organisations", "organisations.id", "api_keys.org_id")
    .innerJoin("users", "users.id", "api_keys.created_by")
    // A key acts for its creator: only while the creator still manages the key's organisation.
    .leftJoin("org_members", (j) => j.onRef("org_members.user_id", "=", "api_keys.created_by").onRef("org_members.org_id", "=", "api_keys.org_id"))
    .select([
      "org_members.role as creator_role",
      "api_keys.id as key_id",
      "api_keys.revoked_at",
      "api_keys.last_used_at",
      "organisations.id as org_id",
      "organisations.status as org_status",
      "organisations.type as org_type",
      "organisations.name_zh",
      "organisations.name_en",
      "organisations.suspended_at as org_suspended_at",
      "users.id as user_id",
      "users.email",
      "users.display_name",
      "users.locale",
      "users.platform_role as creator_platform_role",
      sql<boolean>`exists (select 1 from user_totp t where t.user_id = users.id and t.enabled_at is not null)`.as("creator_two_factor"),
    ])
    .where("api_keys.key_hash", "=", keyHash)
    .executeTakeFirst();
  if (!row) throw unauthorized("api.keyInvalid");
  if (row.revoked_at) {
    // One audit line per key and window says "still in use after revocation"; a row per call
    // would let whoever holds the old key fill the audit log.
    const { allowed } = await takeHit(db, `api:revoked-audit:${row.key_id}`, 1, LIMITS.revokedKeyAudit.windowSeconds);
    if (allowed) await writeAudit(db, { actorId: row.user_id, action: "api_key.used_after_revocation", entityType: "api_key", entityId: row.key_id });
    throw unauthorized("api.keyRevoked");
  }
  if (!isManagerRole(row.creator_role)) throw unauthorized("api.keyCreatorLeft");
  // The creator passes the same gate as their session would: staff without two-factor act as nobody, by key too.
  const creator: Actor = {
    id: row.user_id,
    email: row.email,
    displayName: row.display_name,
    platformRole: row.creator_platform_role,
    emailVerified: true,
    twoFactorEnabled: row.creator_two_factor,
    locale: row.locale,
    org: null,
  };
  if (!admit(creator).actor) throw new DomainError(403, "api.keyCreatorMustEnrol");
  // All of an organisation's keys share one budget on top of each key's own.
  await enforceLimit(db, `api:org:${row.org_id}`, LIMITS.apiPerOrg.limit, LIMITS.apiPerOrg.windowSeconds);
  // At most one write a minute per key: a busy integration should not turn every read into a write.
  await db
    .updateTable("api_keys")
    .set({ last_used_at: sql`now()` })
    .where("id", "=", row.key_id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", sql<Date>`now() - interval '1 minute'`)]))
    .execute();
  return {
    id: row.user_id,
    email: row.email,
    displayName: row.display_name,
    platformRole: "member",
    emailVerified: true,
    twoFactorEnabled: false,
    apiKeyId: row.key_id,
    locale: row.locale,
    org: {
      id: row.org_id,
      type: row.org_type,
      role: "admin",
      status: row.org_status,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      suspended: row.org_suspended_at !== null,
    },
  };
}
