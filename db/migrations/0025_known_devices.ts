import { sql, type Kysely } from "kysely";

/**
 * Devices that signed in to an account: the browser keeps a random token in a long-lived cookie,
 * the table only its SHA-256. A password reset asked from such a device is the owner's own and
 * is not held back by the limits that strangers' requests for the same address use up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table known_devices (
      token_hash text primary key,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index known_devices_user on known_devices (user_id, expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table known_devices`.execute(db);
}
