import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import crypto from "node:crypto";
import express from "express";
import compression from "compression";
import { requestLog } from "./request-log";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import type { Db } from "../db/index";
import { RequestScope } from "../db/request-scope";
import { SESSION_COOKIE, createLucia, validateSession } from "../app/models/accounts/auth.server";
import { nonce, originCheck, securityHeaders } from "./security";
import { inputGuard, refuse } from "./input-guard";
import { logError } from "../app/models/core/log.server";
import { createMailer, type Mailer } from "../app/models/accounts/mail.server";
import { startJobs } from "./jobs";
import { SCHEDULE } from "./schedule";
import { isDatabaseUnavailable } from "../app/models/core/errors";
import { withTimeout } from "../app/models/core/timeout";
import { parseCookies, requestLocale } from "./cookies";
import { attachRealtime } from "./realtime";
import { attachPostgresAdapter, type Cluster } from "./cluster";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "./config";
import { createLogger, logModelsTo, withRequestId, type Logger } from "./log";
import { createMetrics, metricsEndpoint, type Metrics } from "./metrics";

export interface AppOptions {
  db: Db;
  build: ServerBuild;
  logRequests?: boolean;
  /** Postgres URL for @socket.io/postgres-adapter, so several processes share rooms. */
  clusterUrl?: string;
  /** Defaults to SMTP_URL's server, or the console. */
  mailer?: Mailer;
  /** TRUST_PROXY (server/config.ts); unset trusts no proxy. */
  trustProxy?: string;
  /** The base of links in mail (server/config.ts PUBLIC_URL); unset means http://localhost:PORT, the embedded demo. */
  publicUrl?: string;
  /** Longest wait for an answer before a retryable 503 (REQUEST_TIMEOUT_MS); defaults to 20 s. */
  requestTimeoutMs?: number;
  /** Remix in development mode (NODE_ENV=development, `npm run dev`). */
  development?: boolean;
  /** The structured log (server/log.ts); defaults to JSON lines on stdout. */
  logger?: Logger;
  /** METRICS_TOKEN: serves /metrics to bearers of this token; unset, there is no /metrics (404). */
  metricsToken?: string;
}

export interface StartOptions extends AppOptions {
  port: number;
  host?: string;
  /** Run the scheduled jobs (server/schedule.ts) in this process. */
  jobs?: boolean;
}

export interface RunningApp {
  server: http.Server;
  close(): Promise<void>;
}

/** One HTTP server: Express + Remix for pages, Socket.IO for realtime, sharing the DB handle. */
export function createApp({
  db,
  build,
  logRequests = false,
  clusterUrl,
  mailer = createMailer(db),
  trustProxy: proxies,
  publicUrl: configuredUrl,
  requestTimeoutMs = REQUEST_TIMEOUT_MS,
  development = false,
  logger = stdoutLogger(),
  metricsToken,
}: AppOptions) {
  const app = express();
  const server = http.createServer(app);
  const { io, realtime } = attachRealtime(server, db);
  const cluster = clusterUrl ? attachPostgresAdapter(io, clusterUrl) : null;
  const metrics = createMetrics({ db, build, io, cluster });
  // The models' failures (logError) go to the same log, with the request's id.
  logModelsTo(logger);

  app.disable("x-powered-by");
  app.use(metrics.timeRequests);
  app.use((_req, res, next) => {
    const requestId = crypto.randomUUID();
    res.locals.requestId = requestId;
    res.set("X-Request-Id", requestId);
    // Every line logged while this request is handled carries its id (server/log.ts).
    withRequestId(requestId, next);
  });
  app.set("trust proxy", trustProxy(proxies));
  app.use(compression());
  if (logRequests) app.use(requestLog(logger));

  // Hashed file names never change: cache them for a year. The rest of public/ for an hour.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Only the paths public/ holds reach the file system: a page request costs no stat() calls.
  for (const entry of fs.readdirSync("public", { withFileTypes: true })) {
    if (entry.name === "build") continue;
    if (entry.isDirectory()) app.use(`/${entry.name}`, express.static(path.join("public", entry.name), { maxAge: "1h", index: false }));
    else app.get(`/${entry.name}`, (_req, res, next) => res.sendFile(path.resolve("public", entry.name), { maxAge: "1h" }, (e) => e && next(e)));
  }

  // Liveness: the process answers, whatever the database does.
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  // Readiness: the database answers within a second and, with several nodes, this one hears the others.
  let joined: Cluster | null = null;
  void cluster?.then((c) => (joined = c)).catch(() => {});
  app.get("/readyz", async (_req, res) => {
    const database = await withTimeout(sql`select 1`.execute(db), 1000).then(
      () => true,
      () => false,
    );
    const delivering = cluster ? (joined?.delivering() ?? false) : null;
    const ok = database && delivering !== false;
    res
      .status(ok ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json({ ok, database: database ? "reachable" : "unreachable", ...(cluster ? { crossNode: delivering ? "delivering" : "not delivering" } : {}) });
  });

  // Prometheus, for the operator's scraper only (server/metrics.ts).
  if (metricsToken) app.get("/metrics", metricsEndpoint(metrics, metricsToken));

  // What follows is a page or an API call: timed under its Remix route's pattern.
  app.use((_req, res, next) => {
    res.locals.remix = true;
    next();
  });

  // No request waits forever: past the limit the client gets a retryable 503 in its shape, and the
  // request is abandoned so that nothing it still had queued or running commits after that answer
  // (db/request-scope.ts): "try again" must mean nothing happened.
  app.use((req, res, next) => {
    const scope = new RequestScope();
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      scope.abandon();
      refuse(req, res, 503, "errors.unavailable");
    }, requestTimeoutMs);
    res.on("close", () => clearTimeout(timer));
    scope.run(next);
  });

  app.use(inputGuard, nonce, securityHeaders, originCheck);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: development ? "development" : "production",
      getLoadContext: async (req, res): Promise<AppLoadContext> => {
        const secure = req.secure;
        const lucia = createLucia(db, secure);
        const cookies = parseCookies(req.headers.cookie);
        const token = cookies[SESSION_COOKIE] ?? null;
        // The gate has run: `actor` is who may act; staff without two-factor arrive only as `enrolling`.
        const { actor, enrolling, session, unread } = await validateSession(db, lucia, token);
        if (session?.fresh && token) res.append("Set-Cookie", lucia.createSessionCookie(token).serialize());
        if (token && !session) res.append("Set-Cookie", lucia.createBlankSessionCookie().serialize());
        if (session) res.locals.sessionExpiresAt = session.expiresAt.getTime();
        const context: AppLoadContext = {
          db,
          realtime,
          lucia,
          actor,
          enrolling,
          unread,
          sessionId: session?.id ?? null,
          locale: requestLocale(req.headers, (actor ?? enrolling)?.locale),
          clientIp: req.ip ?? "unknown",
          userAgent: req.get("user-agent") ?? "",
          nonce: res.locals.nonce as string,
          requestId: res.locals.requestId as string,
          mailer,
          // Never the request's Host header: whoever sends the request chooses it (server/config.ts).
          publicUrl: configuredUrl ?? localUrl(server),
        };
        return context;
      },
    }),
  );

  // What escapes Remix (the session lookup in getLoadContext) or a middleware: logged without
  // parameters, answered in the requester's shape and language; a database outage is a retryable 503.
  app.use((err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    // The late answer to a request the timeout already answered: nothing left to tell anyone.
    if (res.writableEnded) return;
    logError(`${req.method} ${req.path}`, err, res.locals.requestId);
    if (res.headersSent) return next(err);
    const unavailable = isDatabaseUnavailable(err);
    refuse(req, res, unavailable ? 503 : 500, unavailable ? "errors.unavailable" : "errors.generic");
  });

  return { app, server, io, realtime, cluster, mailer, metrics, logger };
}

/** Listens, and closes in order: stop accepting, let in-flight requests finish, drop sockets, close the DB. */
export async function startApp(options: StartOptions): Promise<RunningApp & { port: number; metrics: Metrics }> {
  const { server, io, cluster, mailer, metrics } = createApp(options);
  await cluster;
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "0.0.0.0", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const jobs = options.jobs
    ? startJobs(options.db, { db: options.db, mailer, origin: options.publicUrl ?? localUrl(server) }, SCHEDULE, undefined, undefined, metrics.observeJob)
    : null;
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // Every step is bounded: a database that does not answer must not hold the process open.
      await settleWithin(jobs?.stop() ?? Promise.resolve(), 5000);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      io.disconnectSockets(true);
      await settleWithin(new Promise<void>((resolve) => io.close(() => resolve())), 5000);
      if (!(await settleWithin(stopped, 10_000))) server.closeAllConnections();
      await settleWithin(
        Promise.resolve(cluster).then((c) => c?.close()),
        5000,
      );
      await settleWithin(options.db.destroy(), 5000);
    })());
  return { server, port, close, metrics };
}

export const randomId = () => crypto.randomUUID();

let sharedLogger: Logger | null = null;
/** One stdout logger for every app in the process that was handed none. */
const stdoutLogger = () => (sharedLogger ??= createLogger());

/** The embedded demo's own address, from the port it listens on (not from any request). */
const localUrl = (server: http.Server) => {
  const address = server.address();
  return `http://localhost:${typeof address === "object" && address ? address.port : 3000}`;
};

/** The default request timeout; the server's own comes from REQUEST_TIMEOUT_MS (server/config.ts). */
export const REQUEST_TIMEOUT_MS = DEFAULT_REQUEST_TIMEOUT_MS;

/** Waits for a step up to `ms`; true when it finished in time (its failure counts as finished). */
const settleWithin = (p: Promise<unknown>, ms: number): Promise<boolean> =>
  withTimeout(
    p.catch(() => {}),
    ms,
  ).then(
    () => true,
    () => false,
  );

/**
 * No proxy is trusted unless the operator says which: otherwise any client could name its own IP
 * in X-Forwarded-For and walk past the per-IP limits. A number is a hop count, anything else is
 * Express's list syntax ("loopback", "10.0.0.0/8, 192.168.1.1").
 */
export function trustProxy(setting: string | undefined): boolean | number | string {
  if (!setting || setting === "false" || setting === "0") return false;
  if (setting === "true") return true;
  return /^\d+$/.test(setting) ? Number(setting) : setting;
}
