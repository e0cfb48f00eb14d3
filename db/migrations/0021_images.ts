import { sql, type Kysely } from "kysely";

/**
 * Images uploaded by members (scenario pictures), stored by the app after they were decoded,
 * turned upright, stripped of metadata and re-encoded: a display size and a thumbnail. Kept in
 * the database so a backup holds them and both database modes serve them alike.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table images (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisations(id) on delete cascade,
      uploaded_by uuid not null references users(id),
      width integer not null check (width > 0),
      height integer not null check (height > 0),
      bytes bytea not null,
      thumb bytea not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index images_org_created on images (org_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table images`.execute(db);
}
