import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { TokenPurpose } from "../../../db/tables/accounts";
import { DomainError } from "../core/errors";

/**
 * Single-use links (confirm an address, reset a password): the link carries a random token, the
 * table only its SHA-256, so a copy of the database opens nothing.
 */
export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
export const newToken = () => crypto.randomBytes(32).toString("base64url");
/** What a token from a link or cookie can look like; anything else is refused without a query. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

export const TOKEN_TTL_MINUTES: Record<TokenPurpose, number> = { verify_email: 24 * 60, reset_password: 60 };

export async function issueToken(db: Kysely<Database>, purpose: TokenPurpose, user: { id: string; email: string }): Promise<string> {
  const token = newToken();
  await db
    .insertInto("account_tokens")
    .values({
      token_hash: hashToken(token),
      purpose,
      user_id: user.id,
      email: user.email,
      expires_at: sql<Date>`now() + make_interval(mins => ${TOKEN_TTL_MINUTES[purpose]})`,
    })
    .execute();
  return token;
}

/** Marks the token used and returns whom it was for; unknown, used, expired or foreign tokens are one 400. */
export async function consumeToken(db: Kysely<Database>, purpose: TokenPurpose, token: string): Promise<{ userId: string; email: string }> {
  if (!TOKEN_PATTERN.test(token)) throw new DomainError(400, "mail.linkInvalid");
  const row = await db
    .updateTable("account_tokens")
    .set({ used_at: sql`now()` })
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .returning(["user_id", "email"])
    .executeTakeFirst();
  if (!row) throw new DomainError(400, "mail.linkInvalid");
  return { userId: row.user_id, email: row.email };
}

/**
 * Whom a live token is for, without spending it: a page opened from a mail link (or a scanner
 * fetching it) reads this; only the form the page posts spends the token.
 */
export async function tokenHolder(db: Kysely<Database>, purpose: TokenPurpose, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db
    .selectFrom("account_tokens")
    .select("user_id")
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return row?.user_id ?? null;
}
