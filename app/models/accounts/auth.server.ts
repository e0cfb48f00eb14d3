import { Lucia, TimeSpan, type Session } from "lucia";
import { hash, verify } from "@node-rs/argon2";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { KyselyAdapter } from "./lucia-adapter.server";
import { hashToken, newToken } from "./tokens.server";
import type { Actor } from "../core/permissions";

export const SESSION_COOKIE = "yaosu_session";

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (passwordHash: string, password: string) =>
  verify(passwordHash, password).catch(() => false);

/** A hash of a random password: checked against when the account is unknown, so both paths cost the same. */
let dummyHash: Promise<string> | null = null;
export const timingDummyHash = () => (dummyHash ??= hashPassword("timing-equaliser-not-a-password"));

/** Lucia is cheap to build; `secure` follows the request (Secure cookies only behind https). */
export function createLucia(db: Kysely<Database>, secure: boolean) {
  return new Lucia(
    new KyselyAdapter(db, {
      userTable: "users",
      sessionTable: "sessions",
      userAttributes: ["email"],
      sessionAttributes: ["ip", "user_agent"],
    }),
    {
      sessionExpiresIn: new TimeSpan(30, "d"),
      sessionCookie: { name: SESSION_COOKIE, attributes: { secure, sameSite: "lax" } },
    },
  );
}

export type AppLucia = ReturnType<typeof createLucia>;

/**
 * The cookie carries a random token; the sessions table keys on its SHA-256, so no page, log or
 * backup holds a value that could be presented as a cookie (Lucia 3's hashed-token pattern).
 */
export const sessionIdOf = hashToken;
export const newSessionToken = newToken;

/**
 * Resolves a session cookie's token to the actor and their unread count (the header shows it on
 * every page, so it comes with the actor's own row); refreshes the session when Lucia says so.
 */
export async function validateSession(
  db: Kysely<Database>,
  lucia: AppLucia,
  token: string | null,
): Promise<{ actor: Actor | null; session: Session | null; unread: number }> {
  // Tokens are base64url (older ones base32); anything else in the cookie (NUL, megabytes) names no session.
  if (!token || !/^[A-Za-z0-9_-]{16,64}$/.test(token)) return { actor: null, session: null, unread: 0 };
  const { session, user } = await lucia.validateSession(sessionIdOf(token));
  if (!session || !user) return { actor: null, session: null, unread: 0 };
  const row = await actorQuery(db, user.id)
    .select(sql<number>`(select count(*)::int from notifications n where n.user_id = users.id and n.read_at is null)`.as("unread"))
    .executeTakeFirst();
  return row ? { actor: toActor(row), session, unread: row.unread } : { actor: null, session: null, unread: 0 };
}

export async function loadActor(db: Kysely<Database>, userId: string): Promise<Actor | null> {
  const row = await actorQuery(db, userId).executeTakeFirst();
  return row ? toActor(row) : null;
}

function actorQuery(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("users")
    .leftJoin("org_members", "org_members.user_id", "users.id")
    .leftJoin("organisations", "organisations.id", "org_members.org_id")
    .leftJoin("user_totp", (j) => j.onRef("user_totp.user_id", "=", "users.id").on("user_totp.enabled_at", "is not", null))
    .select([
      "user_totp.user_id as totp_user",
      "users.id",
      "users.email",
      "users.display_name",
      "users.platform_role",
      "users.locale",
      "users.email_verified_at",
      "org_members.role as org_role",
      "organisations.id as org_id",
      "organisations.status as org_status",
      "organisations.type as org_type",
      "organisations.name_zh as org_name_zh",
      "organisations.name_en as org_name_en",
    ])
    .where("users.id", "=", userId);
}

type ActorRow = NonNullable<Awaited<ReturnType<ReturnType<typeof actorQuery>["executeTakeFirst"]>>>;

function toActor(row: ActorRow): Actor {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    platformRole: row.platform_role,
    locale: row.locale,
    emailVerified: row.email_verified_at !== null,
    twoFactorEnabled: row.totp_user !== null,
    org:
      row.org_id && row.org_role && row.org_status && row.org_name_zh && row.org_type
        ? { id: row.org_id, type: row.org_type, role: row.org_role, status: row.org_status, nameZh: row.org_name_zh, nameEn: row.org_name_en }
        : null,
  };
}
