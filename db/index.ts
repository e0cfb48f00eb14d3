import fs from "node:fs";
import path from "node:path";
import { Kysely, Migrator, type MigrationResultSet } from "kysely";
import { PGlite } from "@electric-sql/pglite";
import { PGliteDialect } from "kysely-pglite-dialect";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import { migrations } from "./migrations/index";
import { guardedDialect } from "./guarded-driver";
import { currentScope } from "./request-scope";
import type { Database } from "./schema";
import { initdbCachePath } from "./pglite-initdb-cache.mjs";

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
  /** Longest statement in ms (default 15 s; 0 = none, for batch scripts such as benchmarks). */
  statementTimeoutMs?: number;
}

/** The one way the app gets a database: Postgres when DATABASE_URL is set, PGlite otherwise. */
export function createDb(options: DbOptions = {}): Db {
  const url = options.databaseUrl ?? (options.pglite || options.dataDir ? undefined : process.env.DATABASE_URL);
  if (url) {
    const client = postgres(url, {
      max: options.max ?? 10,
      // Bounded waits: a database that does not answer is an error within seconds, not a hang.
      connect_timeout: 3,
      // Reconnect at once and then every 0.1-0.5 s while the server is away (postgres.js grows its
      // pause to 20 s): refused connections fail the waiting statements fast (a 503 now, not at the
      // request timeout), and the first connection after the server is back is made within 0.5 s.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
      idle_timeout: 60,
      max_lifetime: 30 * 60,
      // As text: postgres.js leaves out falsy startup values, and 0 (no limit) must reach the server.
      connection: { statement_timeout: String(options.statementTimeoutMs ?? 15_000) as unknown as number, idle_in_transaction_session_timeout: 30_000 },
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
    const stats = { max: options.max ?? 10, inUse: 0 };
    const db = new Kysely<Database>({ dialect: guardedDialect(new PostgresJSDialect({ postgres: async () => cancellableWithRequest(client, stats) })) });
    poolStats.set(db, stats);
    return db;
  }
  const pglite = options.pglite ?? openPGlite(options.dataDir ?? pgliteDataDir());
  return new Kysely<Database>({ dialect: guardedDialect(new PGliteDialect(pglite)) });
}

/** Connections of a Postgres handle's pool: its size and how many a statement or transaction holds now. */
export interface PoolStats {
  max: number;
  inUse: number;
}
const poolStats = new WeakMap<Db, PoolStats>();
/** The pool of a handle createDb made on Postgres; null on PGlite (one connection in the process). */
export const poolStatsOf = (db: Db): PoolStats | null => poolStats.get(db) ?? null;

/**
 * The postgres.js client as kysely-postgres-js uses it (reserve a connection, run statements on it),
 * with each statement registered in its request's scope so that a request answered by the timeout
 * cancels its statements in the server (request-scope.ts).
 */
function cancellableWithRequest(client: postgres.Sql, stats: PoolStats): postgres.Sql {
  const reserve = async () => {
    const reserved = await client.reserve();
    stats.inUse++;
    return {
      release: () => {
        stats.inUse--;
        reserved.release();
      },
      unsafe: (query: string, parameters?: postgres.ParameterOrJSON<never>[]) => {
        const pending = reserved.unsafe(query, parameters);
        currentScope()?.track(
          pending,
          pending.then(undefined, () => {}),
        );
        return pending;
      },
    };
  };
  return { reserve, end: (options?: { timeout?: number }) => client.end(options) } as unknown as postgres.Sql;
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/**
 * postgres.js 3.4.x can throw from a setImmediate after a connection closed under it (a database
 * restart under load): `socket.write` on a null socket in `nextWrite`, which no await can catch
 * (porsager/postgres#1154, #1208, unfixed upstream). The query it belonged to has already failed
 * or will time out; the process must not die for it. Only this exact signature is recognised.
 */
export function isPostgresJsWriteAfterClose(e: unknown): boolean {
  return e instanceof TypeError && /reading 'write'/.test(e.message) && /nextWrite/.test(e.stack ?? "") && /postgres[\/\\](src|cjs)/.test(e.stack ?? "");
}

/** Where the embedded database lives: PGLITE_DIR, else ./data/pglite. */
export const pgliteDataDir = () => path.resolve(process.env.PGLITE_DIR ?? "./data/pglite");

/** The lock file the one writer of a PGlite folder keeps in it (see lockDataDir). */
export const LOCK_FILE = "yaosu.lock";

/**
 * A new folder starts from the empty cluster the install kept (scripts/pglite-initdb.mjs) instead
 * of running initdb again; without it (an install that could not make it), PGlite runs initdb.
 */
function emptyCluster(dataDir: string): Blob | undefined {
  if (fs.existsSync(path.join(dataDir, "PG_VERSION"))) return undefined;
  try {
    return new Blob([fs.readFileSync(initdbCachePath())]);
  } catch {
    return undefined;
  }
}

/** PGlite creates only the last folder of its path; a fresh clone has no ./data/ yet. */
function openPGlite(dataDir: string): PGlite {
  fs.mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  const pglite = new PGlite({ dataDir, loadDataDir: emptyCluster(dataDir) });
  const close = pglite.close.bind(pglite);
  pglite.close = async () => {
    try {
      await close();
    } finally {
      release();
    }
  };
  return pglite;
}

export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The embedded database in ${dataDir} is open in process ${pid}. Stop that process first (or set DATABASE_URL for a shared Postgres).`);
    this.name = "DataDirInUse";
  }
}

/**
 * PGlite is one writer per folder: a second process opening a live folder corrupts it. A lock
 * file holding the owner's pid refuses the second one with a clear message; a lock left by a
 * process that no longer exists is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => fs.rmSync(lockPath, { force: true });
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(lockPath, "utf8"));
      if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirInUse(dataDir, pid);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
