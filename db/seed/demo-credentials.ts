import { sql } from "kysely";
import type { Db } from "../index";
import { verifyPassword } from "../../app/models/accounts/auth.server";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "./index";

/** An account that still signs in with what the README publishes. */
export interface DemoCredential {
  email: string;
  password: boolean;
  totp: boolean;
}

/** The demo accounts' domain (db/seed/index.ts): no mailbox behind it. */
const DEMO_DOMAIN = "%@yaosu.demo";

/**
 * Accounts that still have the demo password or the demo two-factor key. The key is compared in
 * the database. The password is checked against every distinct hash that could be the seed's: the
 * demo accounts' (by their domain), the staff's (whatever their address), and any hash two or more
 * accounts share (the seed hashes the password once for all its accounts). A member's own hash has
 * its own salt and is left alone: argon2 for every account would hold a large database's start for
 * minutes, and a member's password is theirs to choose.
 */
export async function findDemoCredentials(db: Db): Promise<DemoCredential[]> {
  const candidates = await db
    .selectFrom("users")
    .select(["email", "password_hash"])
    .where((eb) =>
      eb.or([
        eb("email", "like", DEMO_DOMAIN),
        eb("platform_role", "!=", "member"),
        eb(
          "password_hash",
          "in",
          eb
            .selectFrom("users as shared")
            .select("shared.password_hash")
            .groupBy("shared.password_hash")
            .having(sql<number>`count(*)`, ">", 1),
        ),
      ]),
    )
    .execute();
  const byHash = new Map<string, string[]>();
  for (const c of candidates) byHash.set(c.password_hash, [...(byHash.get(c.password_hash) ?? []), c.email]);
  const demoPassword = new Set<string>();
  // argon2 runs off the event loop; a few at a time keeps the pool free for the rest of the start.
  const hashes = [...byHash.keys()];
  for (let i = 0; i < hashes.length; i += 4) {
    const batch = hashes.slice(i, i + 4);
    const matches = await Promise.all(batch.map((h) => verifyPassword(h, DEMO_PASSWORD)));
    batch.forEach((h, j) => matches[j] && byHash.get(h)!.forEach((email) => demoPassword.add(email)));
  }
  const demoKey = new Set(
    (
      await db
        .selectFrom("user_totp")
        .innerJoin("users", "users.id", "user_totp.user_id")
        .select("users.email")
        .where("user_totp.secret", "=", DEMO_TOTP_SECRET)
        .execute()
    ).map((r) => r.email),
  );
  // The staff (who hold the demo key) first: theirs are the accounts that open the most.
  return [...new Set([...demoPassword, ...demoKey])]
    .sort((a, b) => Number(demoKey.has(b)) - Number(demoKey.has(a)) || a.localeCompare(b))
    .map((email) => ({ email, password: demoPassword.has(email), totp: demoKey.has(email) }));
}

/** The one line the server prints when it refuses to start in production with demo credentials. */
export function demoCredentialsRefusal(found: DemoCredential[]): string {
  const shown = found.slice(0, 5).map((f) => `${f.email} (${[f.password && "demo password", f.totp && "demo two-factor key"].filter(Boolean).join(", ")})`);
  const more = found.length > shown.length ? ` and ${found.length - shown.length} more` : "";
  return (
    `Refusing to start in production: ${found.length} account(s) still sign in with the published demo credentials: ${shown.join("; ")}${more}. ` +
    "Change their passwords and two-factor keys (or delete them), or set SEED=demo if this database is a demo."
  );
}
