import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { DataDirInUse, createDb, isPostgresJsWriteAfterClose, migrateToLatest } from "../db/index";
import { logError } from "../app/models/core/log.server";
import { seedDemo } from "../db/seed/index";
import { demoCredentialsRefusal, findDemoCredentials } from "../db/seed/demo-credentials";
import { markMatchListsCurrentIfNonePublished, rebuildMatchListsIfStale, reindexTextIfStale } from "../app/models/marketplace/reindex.server";
import { countUncountedProfiles } from "../app/models/directory/profiles.server";
import { createMailer, consoleMail } from "../app/models/accounts/mail.server";
import { mailFrom } from "../app/models/core/mail-sender";
import { startApp } from "./app";
import { ConfigError, loadConfig, type Config } from "./config";
import { createLogger, logModelsTo } from "./log";

process.on("uncaughtException", (e) => {
  if (isPostgresJsWriteAfterClose(e)) return logError("postgres.js wrote to a closed connection (upstream bug, survived)", e);
  logError("uncaught exception", e);
  process.exit(1);
});

const started = Date.now();
/** Set by scripts/start.mjs: settles when the Remix build it runs beside this server has written the pages. */
const PAGES_WRITTEN = Symbol.for("yaosu.pagesWritten");
let config: Config;
try {
  config = loadConfig();
} catch (e) {
  // A bad or missing setting: say which, no stack trace.
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
// JSON lines on stdout from here on; a refusal to start (above, below) stays one plain line on stderr.
const log = createLogger({ level: config.logLevel });
logModelsTo(log);
let db: ReturnType<typeof createDb>;
try {
  // A statement gives up before its request does, so a slow one is a 503 in the request's own
  // shape (with Retry-After), never a statement still running after the timeout answered.
  db = createDb({
    databaseUrl: config.databaseUrl ?? undefined,
    dataDir: config.pgliteDir,
    statementTimeoutMs: Math.max(1000, Math.min(15_000, config.requestTimeoutMs - 2000)),
  });
} catch (e) {
  // A second process on a live PGlite folder: say which process holds it, no stack trace.
  if (e instanceof DataDirInUse) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
await migrateToLatest(db);
// Listings indexed under older text rules (glossary, word rules) are redone before anyone searches.
const redone = await reindexTextIfStale(db);
if (redone) log.info({ listings: redone }, `Re-indexed ${redone} listings for search and matching`);
// Profiles saved before the directory stored their filled-field count are counted before anyone browses it.
await countUncountedProfiles(db);
// A database with nothing published yet (a first start) has no match list to rebuild: the seed's
// listings below are matched as they are published, and are not scored a second time after listen.
await markMatchListsCurrentIfNonePublished(db);
if (config.seed === "demo") {
  const result = await seedDemo(db);
  // For the person who just started the demo, not for a log reader: the logins, as plain lines.
  if (result.created) console.log(result.summary);
} else if (config.production && config.databaseUrl) {
  // A production database must not open with the README's password or two-factor key on any account.
  const found = await findDemoCredentials(db);
  if (found.length) {
    console.error(demoCredentialsRefusal(found));
    await db.destroy();
    process.exit(1);
  }
}
// `npm start` (scripts/start.mjs) starts this server while Remix still writes the pages: all of the
// above needs none of them. Their build is awaited here; run directly, the build is already there.
await (globalThis as Record<symbol, Promise<void> | undefined>)[PAGES_WRITTEN];
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
const app = await startApp({
  db,
  build,
  port: config.port,
  publicUrl: config.publicUrl ?? undefined,
  logRequests: config.logRequests,
  // Several processes on one Postgres share Socket.IO rooms through it.
  clusterUrl: config.databaseUrl ?? undefined,
  jobs: config.jobs,
  trustProxy: config.trustProxy,
  requestTimeoutMs: config.requestTimeoutMs,
  development: config.nodeEnv === "development",
  // Without SMTP, mail goes to the log (tokens cut out outside development).
  mailer: createMailer(
    db,
    config.smtpUrl ?? "",
    mailFrom(config.mailFrom ?? undefined),
    consoleMail(config.nodeEnv ?? undefined, (text) => log.info({ mail: text }, "mail (no SMTP_URL)")),
  ),
  logger: log,
  metricsToken: config.metricsToken ?? undefined,
});
// Match lists scored under older rules are rebuilt behind the open doors: on a large database this
// takes long, and pages show the lists as they fill.
void rebuildMatchListsIfStale(db).then(
  (n) => n && log.info({ listings: n }, `Rebuilt the match lists of ${n} listings`),
  (e) => logError("match lists not rebuilt (they are rebuilt at the next start)", e),
);
log.info(
  { port: app.port, database: config.databaseUrl ? "postgres" : "pglite", readyMs: Date.now() - started },
  `Yaosu listening on http://localhost:${app.port} (${config.databaseUrl ? "Postgres" : "PGlite"}, ready in ${Date.now() - started} ms)`,
);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    log.info({ signal }, `${signal}: closing`);
    app.close().then(
      () => process.exit(0),
      (e) => {
        logError("close", e);
        process.exit(1);
      },
    );
  });
}
