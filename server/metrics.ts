import crypto from "node:crypto";
import type { RequestHandler } from "express";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Server as SocketServer } from "socket.io";
import { poolStatsOf, type Db } from "../db/index";
import { withTimeout } from "../app/models/core/timeout";
import type { Cluster } from "./cluster";
import type { JobObserver } from "./jobs";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * Prometheus metrics of one server process (prom-client), its own registry: request latency per
 * route pattern (the Remix route id, never the raw URL, so the series stay few), Socket.IO
 * connections and rooms, job runs and failures, the mail outbox's depth, the database pools, and
 * the process itself (CPU, memory, event-loop lag, GC).
 */
export function createMetrics({ db, build, io, cluster }: { db: Db; build: ServerBuild; io: SocketServer; cluster: Promise<Cluster> | null }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "yaosu_" });

  const requests = new Histogram({
    name: "yaosu_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [registry],
  });

  new Gauge({
    name: "yaosu_socket_connections",
    help: "Socket.IO clients connected to this process.",
    registers: [registry],
    collect() {
      this.set(io.engine.clientsCount);
    },
  });
  new Gauge({
    name: "yaosu_socket_rooms",
    help: "Socket.IO rooms with members on this process (user, group, match and dispute rooms; not each socket's own).",
    registers: [registry],
    collect() {
      const rooms = io.of("/").adapter.rooms;
      let named = 0;
      for (const [room, members] of rooms) if (!(members.size === 1 && members.has(room))) named++;
      this.set(named);
    },
  });

  const jobRuns = new Counter({
    name: "yaosu_job_runs_total",
    help: "Scheduled job runs this process made, by job and outcome (ok, failed).",
    labelNames: ["job", "outcome"] as const,
    registers: [registry],
  });
  const jobSeconds = new Histogram({
    name: "yaosu_job_duration_seconds",
    help: "How long a scheduled job run took, by job.",
    labelNames: ["job"] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  });
  const observeJob: JobObserver = (job, outcome, seconds) => {
    jobRuns.inc({ job, outcome });
    jobSeconds.observe({ job }, seconds);
  };

  new Gauge({
    name: "yaosu_mail_outbox_depth",
    help: "Mail waiting in the outbox (not sent, not given up), for every node: it is read from the database.",
    registers: [registry],
    async collect() {
      // A scrape must not hang on a database that does not answer: the last value stays.
      const row = await withTimeout(
        sql<{ n: string | number }>`select count(*) as n from mail_outbox where sent_at is null and failed_at is null`.execute(db),
        1000,
      ).catch(() => null);
      if (row) this.set(Number(row.rows[0]?.n ?? 0));
    },
  });

  const pool = poolStatsOf(db);
  new Gauge({
    name: "yaosu_db_pool_connections",
    help: "Database connections of this process: the app's pool (in use, max) and, with several nodes, the socket adapter's (open, idle, waiting, max).",
    labelNames: ["pool", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (pool) {
        this.set({ pool: "app", state: "in_use" }, pool.inUse);
        this.set({ pool: "app", state: "max" }, pool.max);
      }
      const c = cluster ? await withTimeout(cluster, 100).catch(() => null) : null;
      if (c) {
        const p = c.pool();
        this.set({ pool: "socket_adapter", state: "open" }, p.total);
        this.set({ pool: "socket_adapter", state: "idle" }, p.idle);
        this.set({ pool: "socket_adapter", state: "waiting" }, p.waiting);
        this.set({ pool: "socket_adapter", state: "max" }, p.max);
      }
    },
  });

  const routeOf = remixRouteMatcher(build);
  /** Times every request; the route label is set when it is answered (res.locals.route or the Remix match). */
  const timeRequests: RequestHandler = (req, res, next) => {
    const end = requests.startTimer();
    res.once("finish", () => {
      const route = (res.locals.route as string | undefined) ?? (res.locals.remix ? routeOf(req.path) : (req.route?.path as string | undefined)) ?? "static";
      res.locals.route = route;
      end({ method: METHODS.has(req.method) ? req.method : "OTHER", route, status: String(res.statusCode) });
    });
    next();
  };

  return { registry, timeRequests, observeJob };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The Remix route a path reaches (its id, e.g. `routes/groups.$id`), from the build's route tree. */
function remixRouteMatcher(build: ServerBuild): (pathname: string) => string {
  const byParent = new Map<string | undefined, ServerBuild["routes"][string][]>();
  for (const r of Object.values(build.routes)) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
  const tree = (parentId: string | undefined): AgnosticRouteObject[] =>
    (byParent.get(parentId) ?? []).map((r) =>
      r.index
        ? { id: r.id, index: true, path: r.path, caseSensitive: r.caseSensitive }
        : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: tree(r.id) },
    );
  const routes = tree(undefined);
  return (pathname) => matchRoutes(routes, pathname)?.at(-1)?.route.id ?? "unmatched";
}

/**
 * /metrics for Prometheus, asked with `Authorization: Bearer <METRICS_TOKEN>`; 401 otherwise. The
 * token is compared in constant time (digests of equal length).
 */
export function metricsEndpoint(metrics: Metrics, token: string): RequestHandler {
  const expected = crypto.createHash("sha256").update(token).digest();
  return async (req, res, next) => {
    res.locals.route = "/metrics";
    const given = /^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1] ?? "";
    if (!crypto.timingSafeEqual(crypto.createHash("sha256").update(given).digest(), expected)) {
      res.status(401).set("WWW-Authenticate", 'Bearer realm="metrics"').set("Cache-Control", "no-store").type("text/plain").send("401 Unauthorized\n");
      return;
    }
    try {
      const text = await metrics.registry.metrics();
      res.status(200).set("Cache-Control", "no-store").type(metrics.registry.contentType).send(text);
    } catch (e) {
      next(e);
    }
  };
}
