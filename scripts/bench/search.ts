/**
 * npm run bench:search — search latency at a catalogue's size: BENCH_LISTINGS (default 100,000)
 * generated listings (synthetic-listings.ts, bulk-loaded with their postings), then p50/p95 of
 * searchListings over the labelled queries (scripts/eval/set) and the benchmark's own queries, each
 * unfiltered and with a filter (supply only; a sector), with the top-k work per query (rounds,
 * postings read, listings scored) and how many came back unranked (must be none). On PGlite (a
 * fresh temporary data directory, as `npm start` keeps it) and on Postgres (DATABASE_URL or the
 * local server; a database is created and dropped, or kept with BENCH_KEEP=1); BENCH_BACKENDS=pglite,postgres picks.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createDb, migrateToLatest, type Db } from "../../db/index";
import { listingQuerySchema } from "../../app/models/marketplace/listing-schema";
import { searchListings } from "../../app/models/marketplace/listing-search.server";
import { lastTopK } from "../../app/models/marketplace/listing-topk.server";
import { loadEvalSet } from "../eval/set";
import { generate, load } from "./synthetic-listings";

const N = Number(process.env.BENCH_LISTINGS ?? 100_000);
const BACKENDS = (process.env.BENCH_BACKENDS ?? "pglite,postgres").split(",").map((s) => s.trim());
const PG_URL = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

const EXTRA = [
  "医疗",
  "交通",
  "数据",
  "數據",
  "traffic",
  "medical imaging",
  "南沙 港口",
  "隐私计算 联合建模",
  "跨境 电商 物流",
  "天河区 商圈 客流",
  "health data",
];
const QUERIES = [...new Set([...loadEvalSet().queries.map((q) => q.q), ...EXTRA])];
const FILTERS: [string, Record<string, string>][] = [
  ["no filter", {}],
  ["supply only", { kind: "supply" }],
  ["sector transport", { sector: "transport" }],
];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function run(backend: string, db: Db) {
  await migrateToLatest(db);
  const orgs = Math.max(20, Math.min(2000, Math.round(N / 200)));
  const orgIds = Array.from({ length: orgs }, () => crypto.randomUUID());
  const userIds = Array.from({ length: orgs }, () => crypto.randomUUID());
  const g0 = performance.now();
  const data = generate(N, orgs);
  const gen = performance.now() - g0;
  const times = await load(db, data, orgIds, userIds);
  console.log(
    `\n[${backend}] ${N} listings generated in ${(gen / 1000).toFixed(1)} s, loaded in ${(times.total / 1000).toFixed(1)} s (rows ${(times.inserted / 1000).toFixed(1)} s; indexes and ${times.postings} postings ${(times.indexed / 1000).toFixed(1)} s)`,
  );
  for (const q of QUERIES.slice(0, 10)) await searchListings(db, listingQuerySchema.parse({ q })); // warm-up
  console.log("| backend | filter | queries | p50 ms | p95 ms | max ms | capped | unranked | avg rounds | avg postings read | avg scored | slowest |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const [label, filter] of FILTERS) {
    const ms: number[] = [];
    const work = { rounds: 0, postings: 0, scored: 0 };
    let capped = 0;
    const unranked: string[] = [];
    const slow: { q: string; ms: number }[] = [];
    for (const q of QUERIES) {
      const s = performance.now();
      const page = await searchListings(db, listingQuerySchema.parse({ q, ...filter }));
      const t = performance.now() - s;
      ms.push(t);
      slow.push({ q, ms: t });
      work.rounds += lastTopK.rounds;
      work.postings += lastTopK.postingsRead;
      work.scored += lastTopK.scored;
      if (page.capped) capped++;
      if (!page.ranked) unranked.push(q);
    }
    const sorted = [...ms].sort((a, b) => a - b);
    const worst = slow
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((w) => `${w.q} ${w.ms.toFixed(0)}`)
      .join(", ");
    const n = QUERIES.length;
    console.log(
      `| ${backend} | ${label} | ${n} | ${pct(sorted, 50).toFixed(1)} | ${pct(sorted, 95).toFixed(1)} | ${sorted[n - 1].toFixed(1)} | ${capped} | ${unranked.length} | ${(work.rounds / n).toFixed(1)} | ${(work.postings / n).toFixed(0)} | ${(work.scored / n).toFixed(0)} | ${worst} |`,
    );
  }
}

for (const backend of BACKENDS) {
  if (backend === "pglite") {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "yaosu-bench-search-"));
    const db = createDb({ dataDir: dir });
    try {
      await run("pglite", db);
    } finally {
      await db.destroy();
      await fs.rm(dir, { recursive: true, force: true });
    }
  } else if (backend === "postgres") {
    const name = `yaosu_bench_${crypto.randomBytes(4).toString("hex")}`;
    const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    const db = createDb({ databaseUrl: u.toString(), max: 4, statementTimeoutMs: 0 });
    try {
      await run("postgres", db);
    } finally {
      await db.destroy();
      if (process.env.BENCH_KEEP) console.log(`[postgres] kept database ${name} (BENCH_KEEP); drop it yourself`);
      else await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }
}
console.log(`\nAims (issue 33) at 100,000 listings: search p95 < 30 ms on Postgres, PGlite within 3x; no query unranked.`);
