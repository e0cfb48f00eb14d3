/**
 * Requests/s and p95 latency of the landing page and a signed-in dashboard at 50 connections,
 * against a bare node:http server sending the same bytes in the same run (the ceiling on this
 * machine). Loopback only, fixed duration.
 */
import http from "node:http";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createDb, migrateToLatest } from "../../db/index";
import { DEMO_PASSWORD, seedDemo } from "../../db/seed/index";
import { startApp } from "../../server/app";
import { loadBuild, HttpClient } from "../../test/helpers/app";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  errors: number;
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Figures> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  return {
    rps: Math.round(result.requests.average),
    p50: +percentile(times, 50).toFixed(2),
    p95: +percentile(times, 95).toFixed(2),
    errors: result.errors + result.non2xx,
  };
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), "yaosu-bench-"));
const db = createDb({ dataDir: dir });
await migrateToLatest(db);
await seedDemo(db);
const app = await startApp({ db, build: await loadBuild(), port: 0, host: "127.0.0.1" });
const base = `http://127.0.0.1:${app.port}`;

const client = new HttpClient(base);
await client.signIn("yuecheng-tech@yaosu.demo", DEMO_PASSWORD);
const cookie = client.cookieHeader;
const landingBytes = Buffer.from(await (await client.get("/")).arrayBuffer());
const homeBytes = Buffer.from(await (await client.get("/home")).arrayBuffer());

const bare = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(req.url === "/home" ? homeBytes : landingBytes);
});
await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
const bareBase = `http://127.0.0.1:${(bare.address() as { port: number }).port}`;

const rows: [string, Figures][] = [];
rows.push(["bare node:http, landing bytes", await load(`${bareBase}/`)]);
rows.push(["Yaosu landing page /", await load(`${base}/`)]);
rows.push(["bare node:http, dashboard bytes", await load(`${bareBase}/home`)]);
rows.push(["Yaosu signed-in dashboard /home", await load(`${base}/home`, { cookie })]);

console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, PGlite, ${os.cpus().length} cores`);
console.log("| target | req/s | p50 ms | p95 ms | errors |\n|---|---|---|---|---|");
for (const [name, f] of rows) console.log(`| ${name} | ${f.rps} | ${f.p50} | ${f.p95} | ${f.errors} |`);
const ratio = (a: Figures, b: Figures) => (a.rps / b.rps).toFixed(3);
console.log(`\nlanding: Yaosu/bare throughput ratio ${ratio(rows[1][1], rows[0][1])}`);
console.log(`dashboard: Yaosu/bare throughput ratio ${ratio(rows[3][1], rows[2][1])}`);
console.log(`page sizes: landing ${landingBytes.length} B, dashboard ${homeBytes.length} B`);

bare.close();
await app.close();
await fs.rm(dir, { recursive: true, force: true });
