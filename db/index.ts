import fs from "node:fs";
import { Kysely, Migrator, type MigrationResultSet } from "kysely";
import { PGlite } from "@electric-sql/pglite";
import { PGliteDialect } from "kysely-pglite-dialect";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";

export type Db = Kysely<Database>;
export type { Database } from "./schema";

export interface DbOptions {
  /** Postgres connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** Where PGlite keeps its files. */
  dataDir?: string;
  /** An already-open PGlite (tests hand in a clone of a migrated template). */
  pglite?: PGlite;
  /** Pool size for the postgres driver. */
  max?: number;
}

/** The one way the app gets a database: Postgres when DATABASE_URL is set, PGlite otherwise. */
export function createDb(options: DbOptions = {}): Db {
  const url = options.databaseUrl ?? (options.pglite || options.dataDir ? undefined : process.env.DATABASE_URL);
  if (url) {
    const client = postgres(url, {
      max: options.max ?? 10,
      onnotice: () => {},
      types: {
        // Models hand json/jsonb columns JSON text (JSON.stringify), which PGlite sends as is.
        // postgres.js would stringify it again and store a JSON *string*; keep text as text here too.
        json: {
          to: 114,
          from: [114, 3802],
          serialize: (x: unknown) => (typeof x === "string" ? x : JSON.stringify(x)),
          parse: (x: string) => JSON.parse(x),
        },
      },
    });
    return new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: client }) });
  }
  const pglite = options.pglite ?? openPGlite(options.dataDir ?? process.env.PGLITE_DIR ?? "./data/pglite");
  return new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
}

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/** PGlite creates only the last folder of its path; a fresh clone has no ./data/ yet. */
function openPGlite(dataDir: string): PGlite {
  fs.mkdirSync(dataDir, { recursive: true });
  return new PGlite(dataDir);
}
