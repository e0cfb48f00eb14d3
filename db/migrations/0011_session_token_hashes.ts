import { sql, type Kysely } from "kysely";

/**
 * Session ids become the SHA-256 of the token in the cookie, so the table, the sessions page and
 * any backup hold nothing a browser could present. Existing sessions are hashed in place and
 * their cookies keep working.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update sessions set id = encode(sha256(convert_to(id, 'UTF8')), 'hex')`.execute(db);
}

export async function down(): Promise<void> {
  // A hash cannot be turned back into its token: going down signs everyone out.
}
