import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";

/**
 * Lucia 3 adapter over Kysely. Tables and attribute columns are configurable so the same adapter
 * serves the app and Lucia's own adapter test suite (which brings its own attribute names).
 */
/*
 * The adapter reads tables whose names it is given, so its queries are untyped: Kysely types a
 * query from a schema known when compiling.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type UntypedQuery = SelectQueryBuilder<any, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type UntypedDb = Kysely<any>;

export interface KyselyAdapterConfig {
  userTable: string;
  sessionTable: string;
  userAttributes: readonly string[];
  sessionAttributes: readonly string[];
  /**
   * More of the user to read in the same statement (the user table is `u`): joins and selects
   * whose aliases start with `user__` arrive among the user's attributes under the rest of the alias.
   */
  extendUser?: (query: UntypedQuery) => UntypedQuery;
}

type Row = Record<string, unknown>;
export const USER_PREFIX = "user__";

export class KyselyAdapter implements Adapter {
  constructor(
    private readonly db: UntypedDb,
    private readonly config: KyselyAdapterConfig,
  ) {}

  private pick(row: Row, columns: readonly string[]): Row {
    const out: Record<string, unknown> = {};
    for (const c of columns) out[c] = row[c];
    return out;
  }

  private toSession(row: Row): DatabaseSession {
    return {
      id: row.id as string,
      userId: row.user_id as string,
      expiresAt: new Date(row.expires_at as string | Date),
      attributes: this.pick(row, this.config.sessionAttributes),
    };
  }

  /** One statement: it runs on every signed-in request. */
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const { userTable, sessionTable, userAttributes } = this.config;
    let query = this.db
      .selectFrom(`${sessionTable} as s`)
      .innerJoin(`${userTable} as u`, "u.id", "s.user_id")
      .selectAll("s")
      .select(userAttributes.map((a) => `u.${a} as ${USER_PREFIX}${a}`))
      .where("s.id", "=", sessionId);
    if (this.config.extendUser) query = this.config.extendUser(query);
    const row: Row | undefined = await query.executeTakeFirst();
    if (!row) return [null, null];
    const user: Row = {};
    for (const [k, v] of Object.entries(row)) if (k.startsWith(USER_PREFIX)) user[k.slice(USER_PREFIX.length)] = v;
    return [this.toSession(row), { id: row.user_id as string, attributes: user }];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.selectFrom(this.config.sessionTable).selectAll().where("user_id", "=", userId).orderBy("expires_at").execute();
    return rows.map((r) => this.toSession(r));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db
      .insertInto(this.config.sessionTable)
      .values({
        id: session.id,
        user_id: session.userId,
        expires_at: session.expiresAt,
        ...this.pick(session.attributes as Row, this.config.sessionAttributes),
      })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.updateTable(this.config.sessionTable).set({ expires_at: expiresAt }).where("id", "=", sessionId).execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom(this.config.sessionTable).where("id", "=", sessionId).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom(this.config.sessionTable).where("user_id", "=", userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db
      .deleteFrom(this.config.sessionTable)
      .where("expires_at", "<=", sql<Date>`now()`)
      .execute();
  }
}
