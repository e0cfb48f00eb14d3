import { Lucia, TimeSpan, type Session } from "lucia";
import { hash, verify } from "@node-rs/argon2";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { KyselyAdapter, USER_PREFIX, type UntypedQuery } from "./lucia-adapter.server";
import { hashToken, newToken } from "./tokens.server";
import type { Actor } from "../core/permissions";
import { mustEnrolTwoFactor } from "./two-factor.server";
import type { OrgRole, OrgStatus, PlatformRole } from "../../../db/schema";

export const SESSION_COOKIE = "yaosu_session";

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

/** A hash of a random password: checked against when the account is unknown, so both paths cost the same. */
let dummyHash: Promise<string> | null = null;
export const timingDummyHash = () => (dummyHash ??= hashPassword("timing-equaliser-not-a-password"));

/** Lucia is cheap to build; `secure` follows the request (Secure cookies only behind https). */
export function createLucia(db: Kysely<Database>, secure: boolean) {
  return new Lucia(
    new KyselyAdapter(db, {
      userTable: "users",
      sessionTable: "sessions",
      userAttributes: [],
      sessionAttributes: ["ip", "user_agent"],
      // The actor and their unread count come with the session: one statement per signed-in request.
      extendUser: (query) =>
        withActorColumns(query, USER_PREFIX).select(
          sql<number>`(select count(*)::int from notifications n where n.user_id = u.id and n.read_at is null)`.as(`${USER_PREFIX}unread`),
        ),
    }),
    {
      sessionExpiresIn: new TimeSpan(30, "d"),
      sessionCookie: { name: SESSION_COOKIE, attributes: { secure, sameSite: "lax" } },
      getUserAttributes: (attributes) => attributes,
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

/** Who a door lets in: `actor` acts; `enrolling` is signed in but acts as nobody until two-factor is on. */
export interface Admitted {
  actor: Actor | null;
  enrolling: Actor | null;
}

/**
 * The one gate every door passes (pages and actions through getLoadContext, socket handshakes and
 * events, API keys): staff who have not set up two-factor sign-in act as nobody. Their session is
 * kept as `enrolling`, which only the enrolment page accepts (requireActor), so no loader, action
 * or handler can read staff powers around it, whether or not it remembers to check.
 */
export function admit(account: Actor | null): Admitted {
  return account && mustEnrolTwoFactor(account) ? { actor: null, enrolling: account } : { actor: account, enrolling: null };
}

/**
 * Resolves a session cookie's token to the admitted actor and their unread count (the header shows
 * it on every page), read with the session in one statement; refreshes the session when Lucia says so.
 */
export async function validateSession(
  _db: Kysely<Database>,
  lucia: AppLucia,
  token: string | null,
): Promise<Admitted & { session: Session | null; unread: number }> {
  const nobody = { actor: null, enrolling: null, session: null, unread: 0 };
  // Tokens are base64url (older ones base32); anything else in the cookie (NUL, megabytes) names no session.
  if (!token || !/^[A-Za-z0-9_-]{16,64}$/.test(token)) return nobody;
  const { session, user } = await lucia.validateSession(sessionIdOf(token));
  if (!session || !user) return nobody;
  const row = user as unknown as ActorRow & { unread: number };
  const admitted = admit(toActor({ ...row, id: user.id }));
  // Notifications wait behind the gate too.
  return { ...admitted, session, unread: admitted.actor ? row.unread : 0 };
}

/** The account as stored, before the gate: for seeds, jobs and tests, never for a request's actor. */
export async function loadActor(db: Kysely<Database>, userId: string): Promise<Actor | null> {
  const row = (await withActorColumns(db.selectFrom("users as u") as unknown as UntypedQuery, "")
    .where("u.id", "=", userId)
    .executeTakeFirst()) as ActorRow | undefined;
  return row ? toActor(row) : null;
}

/** The actor's columns, read from the users table as `u`, each alias with `prefix`. */
function withActorColumns(query: UntypedQuery, prefix: string) {
  const columns: [string, keyof ActorRow][] = [
    ["tt.user_id", "totp_user"],
    ["u.id", "id"],
    ["u.email", "email"],
    ["u.display_name", "display_name"],
    ["u.platform_role", "platform_role"],
    ["u.locale", "locale"],
    ["u.email_verified_at", "email_verified_at"],
    ["om.role", "org_role"],
    ["o.id", "org_id"],
    ["o.status", "org_status"],
    ["o.type", "org_type"],
    ["o.name_zh", "org_name_zh"],
    ["o.name_en", "org_name_en"],
    ["o.suspended_at", "org_suspended_at"],
  ];
  return query
    .leftJoin("org_members as om", "om.user_id", "u.id")
    .leftJoin("organisations as o", "o.id", "om.org_id")
    .leftJoin("user_totp as tt", (j) => j.onRef("tt.user_id", "=", "u.id").on("tt.enabled_at", "is not", null))
    .select(columns.map(([column, alias]) => `${column} as ${prefix}${alias}`));
}

/** The actor's row as withActorColumns reads it. */
interface ActorRow {
  totp_user: string | null;
  id: string;
  email: string;
  display_name: string;
  platform_role: PlatformRole;
  locale: string | null;
  email_verified_at: Date | null;
  org_role: OrgRole | null;
  org_id: string | null;
  org_status: OrgStatus | null;
  org_type: string | null;
  org_name_zh: string | null;
  org_name_en: string | null;
  org_suspended_at: Date | null;
}

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
        ? {
            id: row.org_id,
            type: row.org_type,
            role: row.org_role,
            status: row.org_status,
            nameZh: row.org_name_zh,
            nameEn: row.org_name_en,
            suspended: row.org_suspended_at !== null,
          }
        : null,
  };
}
