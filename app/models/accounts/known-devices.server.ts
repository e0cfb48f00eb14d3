import { serialize } from "cookie";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { TOKEN_PATTERN, hashToken, newToken } from "./tokens.server";

/**
 * A browser that signed in to an account keeps a random token in a long-lived cookie; the table
 * keeps its SHA-256. It proves "this is the owner's own device" to the one place that asks: a
 * password reset from it is not held back by the limits strangers' requests use up. The cookie is
 * sent to /forgot-password only, so no other page ever carries it.
 */
export const DEVICE_COOKIE = "yaosu_device";
export const DEVICE_DAYS = 90;
const DEVICE_PATH = "/forgot-password";

/** Records the device a successful sign-in came from; the answer is the cookie to set. */
export async function rememberDevice(db: Kysely<Database>, userId: string, secure: boolean): Promise<string> {
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    // The account's expired devices go as new ones come: the table holds a few rows per account.
    await trx
      .deleteFrom("known_devices")
      .where("user_id", "=", userId)
      .where("expires_at", "<", sql<Date>`now()`)
      .execute();
    await trx
      .insertInto("known_devices")
      .values({ token_hash: hashToken(token), user_id: userId, expires_at: sql<Date>`now() + make_interval(days => ${DEVICE_DAYS})` })
      .execute();
  });
  return serialize(DEVICE_COOKIE, token, { path: DEVICE_PATH, httpOnly: true, sameSite: "lax", secure, maxAge: DEVICE_DAYS * 24 * 3600 });
}

/** Whether the cookie's token is a live device of this account (a malformed one costs no query). */
export async function isKnownDevice(db: Kysely<Database>, token: string | null | undefined, userId: string): Promise<boolean> {
  if (!token || !TOKEN_PATTERN.test(token)) return false;
  const row = await db
    .selectFrom("known_devices")
    .select("user_id")
    .where("token_hash", "=", hashToken(token))
    .where("user_id", "=", userId)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return Boolean(row);
}
