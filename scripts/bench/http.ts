/**
 * Server CPU per request, throughput and latency of every main page, against a bare node:http
 * server sending the same bytes in the same run.
 *
 * Each server runs in its own process (started as `npm run serve` starts it: production build,
 * NODE_ENV=production) and the load comes from this one, so the CPU figure is the server's alone:
 * read from /proc/<pid>/stat before and after a fixed number of requests. CPU per request is steady
 * on a noisy machine where requests/s is not. Loopback only, a fixed number of requests per page.
 *
 *   npm run bench:http                 PGlite with the demo data
 *   BENCH_DB=postgres npm run bench:http   a fresh Postgres database (127.0.0.1, trust auth)
 *   BENCH_DB=postgres BENCH_LISTINGS=100000 npm run bench:http
 *       the same pages with that many generated listings (bench:matching's generator, one
 *       organisation per 200 listings, at most 2,000) beside the demo data: does any page slow down as data grows?
 *   BENCH_ORGS=10000 npm run bench:http
 *       that many generated enterprises (profiles, introductions answered on time or late) scored by the
 *       credit job's full pass, and the directory sorted and filtered by the stored credit score
 *       (BENCH_PAGES=/enterprises?sort=credit,... to measure only those)
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { DEMO_ORGS, DEMO_PASSWORD } from "../../db/seed/index";
import { HttpClient } from "../../test/helpers/app";
import { createDb } from "../../db/index";
import { generate, load as loadListings } from "./synthetic-listings";
import { loadOrganisations } from "./synthetic-orgs";
import { refreshAllCredit } from "../../app/models/trust/credit.server";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const POSTGRES = process.env.BENCH_DB === "postgres";
const EXTRA_LISTINGS = Number(process.env.BENCH_LISTINGS ?? 0);
if (EXTRA_LISTINGS && !POSTGRES) throw new Error("BENCH_LISTINGS needs BENCH_DB=postgres: PGlite has one writer, the server");
const EXTRA_ORGS = Number(process.env.BENCH_ORGS ?? 0);
const MEMBER = "baiyun-logistics@yaosu.demo";

/** Aims of issue 13: server CPU ms per request. */
const AIMS: Record<string, number> = { "/": 3, "/login": 3 };
const DEFAULT_AIM = 5;

const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

/** User + system CPU time of a process so far, in ms (fields 14 and 15 of /proc/<pid>/stat). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function settle(pid: number) {
  // Start-up work (match lists rebuilt behind the open doors) must not count against a page.
  for (let quiet = 0, last = cpuMs(pid); quiet < 3;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = cpuMs(pid);
    quiet = now - last < 15 ? quiet + 1 : 0;
    last = now;
  }
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = seen.match(pattern);
      if (m) {
        child.stdout!.off("data", onData);
        resolve(m[1] ?? m[0]);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => process.stderr.write(c));
    child.once("exit", (code) => reject(new Error(`server exited with ${code} before it was ready:\n${seen}`)));
  });
}

interface Figures {
  cpu: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/**
 * Fires `amount` requests; `lastAt` is when the last answer came (autocannon itself ends on a 1 s tick).
 * `fresh` gives every request its own query parameter, which no page reads: the page cache never has
 * it, so each one is rendered, as after every write.
 */
function fire(url: string, amount: number, headers: Record<string, string>, fresh = false) {
  const times: number[] = [];
  let lastAt = 0;
  let n = 0;
  const { pathname, search } = new URL(url);
  const requests = fresh
    ? [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: `${pathname}${search || "?"}${search ? "&" : ""}fresh=${++n}` }) }]
    : undefined;
  return new Promise<{ result: autocannon.Result; times: number[]; lastAt: number }>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, amount, headers, requests }, (err, result) =>
      err ? reject(err) : resolve({ result, times, lastAt }),
    );
    instance.on("response", (_client, _status, _bytes, ms) => {
      times.push(ms);
      lastAt = performance.now();
    });
  });
}

async function measure(pid: number, url: string, headers: Record<string, string>, fresh = false): Promise<Figures> {
  await fire(url, WARMUP, headers, fresh);
  const before = cpuMs(pid);
  const started = performance.now();
  const { result, times, lastAt } = await fire(url, REQUESTS, headers, fresh);
  const cpu = (cpuMs(pid) - before) / REQUESTS;
  const seconds = (lastAt - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    cpu: +cpu.toFixed(2),
    rps: Math.round(REQUESTS / seconds),
    p50: +percentile(times, 50).toFixed(1),
    p95: +percentile(times, 95).toFixed(1),
    errors: result.errors + result.non2xx,
  };
}

// ---- the Yaosu server, as `npm run serve` runs it ----
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "yaosu-bench-http-"));
let databaseUrl = "";
if (POSTGRES) {
  const name = `yaosu_bench_http_${process.pid}`;
  execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-c", `create database ${name}`], { stdio: "ignore" });
  databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`;
  // Dropped however the run ends (the servers are stopped by their own exit handlers first).
  process.on("exit", () => {
    try {
      execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-c", `drop database if exists ${name} with (force)`], { stdio: "ignore" });
    } catch {
      // Already gone, or Postgres is down: nothing to clean.
    }
  });
}
// BENCH_PROFILE=<dir> writes the server's CPU profile there (open it in Chrome's DevTools).
const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
function startServer() {
  const child = spawn(process.execPath, [...profile, "build/server/index.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      // Required on Postgres in production (server/config.ts); no mail leaves during a benchmark.
      PUBLIC_URL: "http://localhost",
      PORT: "0",
      LOG_REQUESTS: "off",
      JOBS: "off",
      // The pages are measured on the demo data, on Postgres too (where it is seeded only when asked for).
      SEED: "demo",
      PGLITE_DIR: dataDir,
      DATABASE_URL: databaseUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // A failed run must not leave a server behind.
  process.on("exit", () => child.kill("SIGTERM"));
  return child;
}
let server = startServer();
let port = await waitForLine(server, /listening on http:\/\/localhost:(\d+)/);
await settle(server.pid!);
if (EXTRA_LISTINGS || EXTRA_ORGS) {
  // The first start migrated, seeded the demo and built its indexes; the generated listings come next,
  // then a second start that finds nothing stale, so no start-up work runs during the measurements.
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  // Bulk loading and index builds run longer than the app's statement limit.
  const db = POSTGRES ? createDb({ databaseUrl, statementTimeoutMs: 0 }) : createDb({ dataDir, statementTimeoutMs: 0 });
  if (EXTRA_LISTINGS) {
    const orgs = Math.min(2000, Math.max(20, Math.round(EXTRA_LISTINGS / 200)));
    const started = performance.now();
    await loadListings(
      db,
      generate(EXTRA_LISTINGS, orgs),
      Array.from({ length: orgs }, () => crypto.randomUUID()),
      Array.from({ length: orgs }, () => crypto.randomUUID()),
    );
    console.error(`loaded ${EXTRA_LISTINGS} generated listings in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  if (EXTRA_ORGS) {
    let started = performance.now();
    const intros = await loadOrganisations(db, EXTRA_ORGS);
    console.error(`loaded ${EXTRA_ORGS} generated organisations and ${intros} introductions in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    // What the credit job's daily pass does: every organisation scored from its facts, in batches.
    started = performance.now();
    const scored = await refreshAllCredit(db);
    console.error(`credit full pass: ${scored} organisations scored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await db.destroy();
  server = startServer();
  port = await waitForLine(server, /listening on http:\/\/localhost:(\d+)/);
  await settle(server.pid!);
}
const base = `http://127.0.0.1:${port}`;

async function signedInAs(email: string) {
  const client = new HttpClient(base);
  await client.signIn(email, DEMO_PASSWORD);
  return client;
}
async function firstLink(client: HttpClient, pathname: string, pattern: RegExp) {
  return (await (await client.get(pathname)).text()).match(pattern)?.[0];
}
const member = await signedInAs(MEMBER);
const signedIn = { cookie: member.cookieHeader };
const group = await firstLink(member, "/groups", /\/groups\/[0-9a-f-]{36}/);
// The match page: the first demo member with a suggested match opens the negotiation, as a member would.
let match: { page: string; cookie: string } | undefined;
for (const org of DEMO_ORGS) {
  if (match) break;
  const client = await signedInAs(`${org.slug}@yaosu.demo`);
  const mine = (await (await client.get("/my/listings")).text()).match(/\/listings\/[0-9a-f-]{36}/g) ?? [];
  for (const listing of new Set(mine)) {
    const html = await (await client.get(listing)).text();
    const other = html.match(/name="otherListingId" value="([0-9a-f-]{36})"/)?.[1];
    if (!other) continue;
    const res = await client.post(listing, { intent: "interest", myListingId: listing.slice("/listings/".length), otherListingId: other });
    const page = res.headers.get("location");
    if (res.status === 302 && page?.startsWith("/matches/")) {
      match = { page, cookie: client.cookieHeader };
      break;
    }
  }
}
if (!group || !match) throw new Error("the demo data has no working group or no match to open");

const pages: [string, Record<string, string>][] = [
  ["/", {}],
  ["/login", {}],
  ["/home", signedIn],
  ["/listings", {}],
  [`/listings?q=${encodeURIComponent("交通")}`, {}],
  ["/stats", signedIn],
  ["/enterprises", signedIn],
  ["/enterprises?sort=credit", signedIn],
  ["/enterprises?sort=credit&minCredit=50&page=3", signedIn],
  ["/scenarios", {}],
  [group, signedIn],
  [match.page, { cookie: match.cookie }],
];

// ---- the bare server: the same bytes per page, its own process ----
const bytesDir = fs.mkdtempSync(path.join(os.tmpdir(), "yaosu-bench-bytes-"));
const bytes: Record<string, string> = {};
for (const [i, [page, headers]] of pages.entries()) {
  const res = await fetch(base + page, { headers });
  if (res.status !== 200) throw new Error(`${page} answered ${res.status}`);
  const file = path.join(bytesDir, `${i}.html`);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  bytes[page] = file;
}
const bareSource = `
  const http = require("node:http"), fs = require("node:fs");
  const pages = ${JSON.stringify(bytes)};
  const bodies = Object.fromEntries(Object.entries(pages).map(([k, f]) => [k, fs.readFileSync(f)]));
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(bodies[req.url] ?? bodies["/"]);
  });
  server.listen(0, "127.0.0.1", () => console.log("listening on http://localhost:" + server.address().port));
`;
const bare = spawn(process.execPath, ["-e", bareSource], { stdio: ["ignore", "pipe", "pipe"] });
process.on("exit", () => bare.kill("SIGTERM"));
const barePort = await waitForLine(bare, /listening on http:\/\/localhost:(\d+)/);

// BENCH_PAGES=/,/stats measures only those (labels as printed).
const only = process.env.BENCH_PAGES?.split(",");
const rows: { page: string; yaosu: Figures; rendered: Figures; bare: Figures; aim: number }[] = [];
for (const [page, headers] of pages) {
  const label = decodeURIComponent(page.replace(/[0-9a-f-]{36}/, "<id>"));
  if (only && !only.includes(label)) continue;
  const yaosu = await measure(server.pid!, base + page, headers);
  const rendered = await measure(server.pid!, base + page, headers, true);
  const bareFigures = await measure(bare.pid!, `http://127.0.0.1:${barePort}${page}`, {});
  rows.push({ page: label, yaosu, rendered, bare: bareFigures, aim: AIMS[label] ?? DEFAULT_AIM });
}

const load = os
  .loadavg()
  .map((n) => n.toFixed(2))
  .join(" ");
console.log(
  `\n${POSTGRES ? "Postgres" : "PGlite"}, demo data${EXTRA_LISTINGS ? ` and ${EXTRA_LISTINGS} generated listings` : ""}${EXTRA_ORGS ? ` and ${EXTRA_ORGS} generated organisations` : ""}, ${REQUESTS} requests per page at ${CONNECTIONS} connections ` +
    `after ${WARMUP} warm-up, ${os.cpus().length} cores, load average ${load}`,
);
console.log(
  `No page cache: "served" repeats one URL (in-memory caches of markdown and figures warm); ` +
    `"rendered" gives every request its own URL, as a crowd of different readers would.`,
);
console.log(
  "| page | CPU ms/req | aim | req/s | p50 ms | p95 ms | errors | rendered CPU ms/req | rendered req/s | rendered p95 ms | bare CPU ms/req | bare req/s | bare p95 ms |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
const within = (f: Figures, aim: number) => (f.cpu <= aim ? `${f.cpu}` : `${f.cpu} ✗`);
for (const { page, yaosu: y, rendered: r, bare: b, aim } of rows) {
  console.log(
    `| ${page} | ${within(y, aim)} | ≤ ${aim} | ${y.rps} | ${y.p50} | ${y.p95} | ${y.errors + r.errors} | ${within(r, aim)} | ${r.rps} | ${r.p95} | ${b.cpu} | ${b.rps} | ${b.p95} |`,
  );
}
const count = (pick: (r: (typeof rows)[number]) => Figures) => rows.filter((r) => pick(r).cpu <= r.aim).length;
console.log(`\n${count((r) => r.yaosu)} of ${rows.length} pages within their CPU aim as served, ${count((r) => r.rendered)} of ${rows.length} when rendered`);

server.kill("SIGTERM");
bare.kill("SIGTERM");
await new Promise((r) => server.once("exit", r));
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(bytesDir, { recursive: true, force: true });
