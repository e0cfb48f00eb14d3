/**
 * Matching and search at marketplace scale: BENCH_LISTINGS (default 100,000) generated listings of
 * realistic Chinese text (some Traditional, some English), bulk-loaded with the search vector and
 * term statistics the model would have written, then p50/p95 of
 *   (a) findMatches for 200 random published listings,
 *   (b) searchListings for 50 queries,
 *   (c) naive baselines in the same run: ILIKE '%word%' search, and exhaustive scoring of every
 *       same-sector counterpart (no term index),
 * on PGlite (fresh temp data dir) and on Postgres (DATABASE_URL, or postgres://postgres@127.0.0.1:5432/postgres;
 * a database `yaosu_bench_<random>` is created and dropped). On Postgres it prints EXPLAIN (ANALYZE)
 * of a search and of the findMatches term probe. BENCH_BACKENDS=pglite,postgres picks the backends;
 * BENCH_KEEP=1 keeps the Postgres database for a closer look.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  CompiledQuery,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type QueryId,
} from "kysely";
import postgres from "postgres";
import { createDb, migrateToLatest, type Db } from "../../db/index";
import { listingQuerySchema } from "../../app/models/marketplace/listing-schema";
import { searchListings } from "../../app/models/marketplace/listing-search.server";
import {
  TOTAL_TERM,
  findMatches,
  refreshMatchList,
  scorePair,
  storedMatches,
  termFrequencies,
  toMatchSide,
  MATCH_SIDE_COLUMNS,
  type MatchSideRow,
} from "../../app/models/marketplace/matching.server";
import { generate, load, rnd, type GenListing } from "./synthetic-listings";

const N = Number(process.env.BENCH_LISTINGS ?? 100_000);
const MATCH_RUNS = Number(process.env.BENCH_MATCH_RUNS ?? 200);
const NAIVE_MATCH_RUNS = Number(process.env.BENCH_NAIVE_MATCH_RUNS ?? 40);
const BACKENDS = (process.env.BENCH_BACKENDS ?? "pglite,postgres").split(",").map((s) => s.trim());
const PG_URL = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

// ------------------------------------------------------------------ measuring
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
interface Row {
  backend: string;
  what: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  note: string;
}
async function time<T>(runs: T[], fn: (x: T) => Promise<unknown>): Promise<{ inOrder: number[]; sorted: number[] }> {
  const times: number[] = [];
  for (const x of runs) {
    const s = performance.now();
    await fn(x);
    times.push(performance.now() - s);
  }
  return { inOrder: [...times], sorted: times.sort((a, b) => a - b) };
}
const row = (backend: string, what: string, sorted: number[], note = ""): Row => ({
  backend,
  what,
  n: sorted.length,
  p50: +percentile(sorted, 50).toFixed(2),
  p95: +percentile(sorted, 95).toFixed(2),
  max: +sorted[sorted.length - 1].toFixed(2),
  note,
});

const QUERIES = [
  "医疗",
  "交通",
  "物流",
  "信用",
  "影像",
  "气象",
  "电力",
  "能源",
  "客流",
  "农业",
  "教育",
  "金融",
  "港口",
  "旅游",
  "碳排放",
  "充电桩",
  "荔枝",
  "病理",
  "数据",
  "數據",
  "醫療",
  "醫學影像",
  "交通數據",
  "客流統計",
  "港口物流",
  "跨境數據",
  "醫保結算",
  "旅遊消費",
  "traffic",
  "medical imaging",
  "credit",
  "logistics",
  "energy",
  "tourism",
  "weather",
  "privacy computing",
  "foot traffic",
  "carbon",
  "医疗 影像",
  "交通 流量",
  "信用 授信",
  "南沙 港口",
  "充电桩 负荷",
  "农产品 价格",
  "數據 沙箱",
  "health data",
  "隐私计算 联合建模",
  "跨境 电商 物流",
  "城市更新 三维模型",
  "天河区 商圈 客流",
];

/** Naive search: ILIKE '%word%' on title and description for every word typed, newest first, with the count. */
async function naiveSearch(db: Db, q: string) {
  const words = q.split(/\s+/).filter(Boolean);
  const cond = sql.join(
    words.map((w) => sql`(l.title ilike ${"%" + w + "%"} or l.description ilike ${"%" + w + "%"})`),
    sql` and `,
  );
  const { rows } = await sql<{ id: string }>`
    select l.id, l.title, l.description, o.name_zh from listings l join organisations o on o.id = l.org_id
    where l.status = 'published' and ${cond} order by l.published_at desc limit 20`.execute(db);
  const { rows: n } = await sql<{ n: number }>`select count(*)::int as n from listings l where l.status = 'published' and ${cond}`.execute(db);
  return { hits: rows.length, total: n[0].n };
}

/** Naive matching: score every published counterpart sharing a sector (no probe, no candidate cap), as findMatches scores. */
async function naiveMatches(db: Db, id: string, limit = 20) {
  const { rows } = await sql<MatchSideRow>`select ${MATCH_SIDE_COLUMNS} from listings where id = ${id}`.execute(db);
  const me = toMatchSide(rows[0]);
  const { rows: cands } = await sql<MatchSideRow>`
    select ${MATCH_SIDE_COLUMNS} from listings where status = 'published' and kind = ${me.kind === "supply" ? "demand" : "supply"} and org_id <> ${me.orgId} and sectors && ${me.sectors}::text[]`.execute(
    db,
  );
  const sides = cands.map(toMatchSide);
  const { df, total } = await termFrequencies(db, [...me.tokens, ...sides.flatMap((x) => x.tokens)]);
  const scored = sides.map((side) => ({ listingId: side.id, ...scorePair(me, side, df, total) }));
  return { candidates: cands.length, top: scored.sort((x, y) => y.score - x.score).slice(0, limit) };
}

// ------------------------------------------------------------------ the previous findMatches, as a baseline
/**
 * findMatches as it was before match_profiles (commit 3e9de7c): three probes on the listings heap
 * (the rarest terms through the GIN index ranked by ts_rank, sector & delivery newest first, sector
 * newest first), tokens unpacked from the search vector per candidate, then scorePair with the
 * rarity of the listing's own words only (as it was then).
 */
const MATCH_TOKENS = sql`array(select t from unnest(tsvector_to_array(search_vector)) as t where t like 'w:%' or (char_length(t) >= 2 and t !~ '[㐀-鿿]')) as match_terms`;
const SIDE_BARE = sql`id, kind, org_id, sectors, regions, delivery_modes, rights, pricing_model, price_min, price_max, published_at`;
async function termProbeMatches(db: Db, listingId: string, limit = 20) {
  const { rows } = await sql<MatchSideRow>`select ${SIDE_BARE}, ${MATCH_TOKENS} from listings where id = ${listingId}`.execute(db);
  if (!rows[0]) return [];
  const me = toMatchSide(rows[0]);
  const other = me.kind === "supply" ? "demand" : "supply";
  const stats = await db
    .selectFrom("term_stats")
    .select(["term", "df"])
    .where("term", "in", [TOTAL_TERM, ...me.tokens])
    .execute();
  const df = new Map(stats.map((s) => [s.term, s.df]));
  const total = Math.max(1, df.get(TOTAL_TERM) ?? 1);
  const byRarity = me.tokens.filter((t) => (df.get(t) ?? 0) > 0).sort((x, y) => (df.get(x) ?? 0) - (df.get(y) ?? 0));
  const rare = byRarity.filter((t) => (df.get(t) ?? 0) <= Math.max(2, total * 0.02));
  const probe = (rare.length >= 3 ? rare : byRarity.slice(0, 3)).slice(0, 8);
  const tsq = probe.map((t) => `'${t.replace(/'/g, "''")}'`).join(" | ");
  const base = sql`status = 'published' and kind = ${other} and org_id <> ${me.orgId}`;
  const byTerms = probe.length
    ? await sql<MatchSideRow>`
        select ${SIDE_BARE}, ${MATCH_TOKENS} from (
          select * from listings where ${base} and search_vector @@ ${tsq}::tsquery
          order by ts_rank(search_vector, ${tsq}::tsquery) desc limit 100) c`.execute(db)
    : { rows: [] };
  const byStructure = await sql<MatchSideRow>`
    select ${SIDE_BARE}, ${MATCH_TOKENS} from (
      select * from listings where ${base} and sectors && ${me.sectors}::text[] and delivery_modes && ${me.deliveryModes}::text[]
      order by published_at desc limit 100) c`.execute(db);
  const bySector = await sql<MatchSideRow>`
    select ${SIDE_BARE}, ${MATCH_TOKENS} from (
      select * from listings where ${base} and sectors && ${me.sectors}::text[]
      order by published_at desc limit 50) c`.execute(db);
  const seen = new Set<string>();
  const scored: { listingId: string; score: number }[] = [];
  for (const r of [...byTerms.rows, ...byStructure.rows, ...bySector.rows]) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const side = toMatchSide(r);
    scored.push({ listingId: side.id, ...scorePair(me, side, df, total) });
  }
  return scored.sort((x, y) => y.score - x.score).slice(0, limit);
}

// ------------------------------------------------------------------ EXPLAIN on the model's own SQL
class Capture implements KyselyPlugin {
  queries: { node: RootOperationNode; queryId: QueryId }[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.queries.push({ node: args.node, queryId: args.queryId });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
async function explainAll(db: Db, label: string, run: (db: Db) => Promise<unknown>, full: (sqlText: string) => boolean) {
  const cap = new Capture();
  await run(db.withPlugin(cap));
  const out: string[] = [];
  for (const q of cap.queries) {
    const compiled = db.getExecutor().compileQuery(q.node, q.queryId);
    const res = await db.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]));
    const plan = res.rows.map((r) => r["QUERY PLAN"]);
    const oneLine = compiled.sql.replace(/\s+/g, " ").slice(0, 160);
    const seq = plan.some((l) => /Seq Scan on listings/.test(l));
    const exec = plan.find((l) => l.startsWith("Execution Time")) ?? "";
    if (full(compiled.sql)) out.push(`\n#### ${label}: \`${oneLine}…\`\n\n\`\`\`\n${plan.join("\n")}\n\`\`\``);
    else out.push(`\n- ${label}: \`${oneLine}…\` -> ${exec}${seq ? " **SEQ SCAN ON listings**" : ""}`);
  }
  return out.join("\n");
}

// ------------------------------------------------------------------ one backend
async function runBackend(backend: string, db: Db, data: GenListing[], orgIds: string[], userIds: string[]) {
  await migrateToLatest(db);
  const loadTimes = await load(db, data, orgIds, userIds);
  console.error(`[${backend}] loaded in ${(loadTimes.total / 1000).toFixed(1)} s`);
  const published = data.filter((l) => l.status === "published");
  const sample = Array.from({ length: MATCH_RUNS }, () => published[Math.floor(rnd() * published.length)].id);
  const rows: Row[] = [];

  // Warm-up (caches, jieba is already loaded by the generator); not counted.
  for (const id of sample.slice(0, 10)) await findMatches(db, id, 20);
  for (const q of QUERIES.slice(0, 5)) await searchListings(db, listingQuerySchema.parse({ q }));

  const found: number[] = [];
  let m = await time(sample, async (id) => found.push((await findMatches(db, id, 20)).length));
  rows.push(row(backend, "findMatches(id, 20)", m.sorted, `avg ${(found.reduce((a, b) => a + b, 0) / found.length).toFixed(1)} results`));

  // What pages read: the stored match list, written when a listing is published or edited.
  m = await time(sample, async (id) => void (await refreshMatchList(db, id)));
  rows.push(row(backend, "refreshMatchList(id) (on publish/edit)", m.sorted, "scores and stores the list, off the request path"));
  const stored: number[] = [];
  m = await time(sample, async (id) => stored.push((await storedMatches(db, id, 20)).length));
  rows.push(row(backend, "storedMatches(id, 20) (page read)", m.sorted, `avg ${(stored.reduce((a, b) => a + b, 0) / stored.length).toFixed(1)} results`));

  const totals: number[] = [];
  m = await time(QUERIES, async (q) => totals.push((await searchListings(db, listingQuerySchema.parse({ q }))).total));
  rows.push(
    row(
      backend,
      "searchListings(q)",
      m.sorted,
      `median total ${[...totals].sort((a, b) => a - b)[totals.length >> 1]}, zero-hit queries ${totals.filter((t) => t === 0).length}`,
    ),
  );
  const perQuery = QUERIES.map((q, i) => ({ q, indexed: totals[i], indexedMs: m.inOrder[i], naive: 0, naiveMs: 0 }));

  const naiveTotals: number[] = [];
  m = await time(QUERIES, async (q) => naiveTotals.push((await naiveSearch(db, q)).total));
  naiveTotals.forEach((t, i) => Object.assign(perQuery[i], { naive: t, naiveMs: m.inOrder[i] }));
  rows.push(
    row(
      backend,
      "naive ILIKE search",
      m.sorted,
      `median total ${[...naiveTotals].sort((a, b) => a - b)[naiveTotals.length >> 1]}, zero-hit queries ${naiveTotals.filter((t) => t === 0).length}`,
    ),
  );

  const naiveSample = sample.slice(0, NAIVE_MATCH_RUNS);
  const agreement: number[] = [];
  const candCounts: number[] = [];
  m = await time(naiveSample, async (id) => {
    const naive = await naiveMatches(db, id, 10);
    candCounts.push(naive.candidates);
    const fast = new Set((await findMatches(db, id, 20)).map((x) => x.listingId));
    if (naive.top.length) agreement.push(naive.top.filter((x) => fast.has(x.listingId)).length / naive.top.length);
  });
  const agreementP: number[] = [];
  for (const id of naiveSample) {
    const naive = await naiveMatches(db, id, 10);
    const fast = new Set((await termProbeMatches(db, id, 20)).map((x) => x.listingId));
    if (naive.top.length) agreementP.push(naive.top.filter((x) => fast.has(x.listingId)).length / naive.top.length);
  }
  const foundP: number[] = [];
  const mp = await time(sample, async (id) => foundP.push((await termProbeMatches(db, id, 20)).length));
  rows.push(
    row(
      backend,
      "previous findMatches (term probe, baseline)",
      mp.sorted,
      `avg ${(foundP.reduce((a, b) => a + b, 0) / foundP.length).toFixed(1)} results; top-20 holds ${((100 * agreementP.reduce((a, b) => a + b, 0)) / Math.max(1, agreementP.length)).toFixed(0)}% of the exhaustive top-10`,
    ),
  );
  // The timing above includes one findMatches call; time the naive scoring alone as well.
  const naiveOnly = await time(naiveSample, (id) => naiveMatches(db, id, 20));
  rows.push(
    row(
      backend,
      "naive matching (score all same-sector)",
      naiveOnly.sorted,
      `avg ${Math.round(candCounts.reduce((a, b) => a + b, 0) / candCounts.length)} candidates scored; findMatches top-20 holds ${((100 * agreement.reduce((a, b) => a + b, 0)) / Math.max(1, agreement.length)).toFixed(0)}% of the exhaustive top-10`,
    ),
  );

  let explain = "";
  if (backend === "postgres") {
    explain += await explainAll(
      db,
      "searchListings('医疗')",
      (d) => searchListings(d, listingQuerySchema.parse({ q: "医疗" })),
      (s) => s.includes("order by"),
    );
    explain += await explainAll(
      db,
      "searchListings('数据') (matches almost everything)",
      (d) => searchListings(d, listingQuerySchema.parse({ q: "数据" })),
      (s) => s.includes("order by"),
    );
    explain += await explainAll(
      db,
      "findMatches",
      (d) => findMatches(d, sample[0], 20),
      (s) => s.includes("match_profiles"),
    );
    explain += await explainAll(
      db,
      "previous findMatches (baseline)",
      (d) => termProbeMatches(d, sample[0], 20),
      (s) => s.includes("ts_rank"),
    );
  }
  return { rows, loadTimes, explain, perQuery };
}

// ------------------------------------------------------------------ main
const ORGS = Math.max(20, Math.min(2000, Math.round(N / 200)));
const orgIds = Array.from({ length: ORGS }, () => crypto.randomUUID());
const userIds = Array.from({ length: ORGS }, () => crypto.randomUUID());
const g0 = performance.now();
const data = generate(N, ORGS);
const genMs = performance.now() - g0;
const trad = data.filter((l) => /[數據醫療與為會區]/.test(l.title + l.description)).length;
const eng = data.filter((l) => /^[\x20-\x7e]+$/.test(l.title)).length;
const avgTokens = data.reduce((s, l) => s + l.titleTokens.split("\u0001").length + l.bodyTokens.split("\u0001").length, 0) / data.length;
console.error(`generated ${N} listings in ${(genMs / 1000).toFixed(1)} s`);

const all: Row[] = [];
const loads: string[] = [];
const explains: string[] = [];
const perQueryOut: string[] = [];
for (const backend of BACKENDS) {
  if (backend === "pglite") {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "yaosu-bench-match-"));
    const db = createDb({ dataDir: dir });
    try {
      const r = await runBackend("pglite", db, data, orgIds, userIds);
      all.push(...r.rows);
      loads.push(
        `| pglite | ${(r.loadTimes.inserted / 1000).toFixed(1)} | ${(r.loadTimes.indexed / 1000).toFixed(1)} | ${(r.loadTimes.stats / 1000).toFixed(1)} | ${(r.loadTimes.total / 1000).toFixed(1)} |`,
      );
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
      const r = await runBackend("postgres", db, data, orgIds, userIds);
      all.push(...r.rows);
      loads.push(
        `| postgres | ${(r.loadTimes.inserted / 1000).toFixed(1)} | ${(r.loadTimes.indexed / 1000).toFixed(1)} | ${(r.loadTimes.stats / 1000).toFixed(1)} | ${(r.loadTimes.total / 1000).toFixed(1)} |`,
      );
      explains.push(r.explain);
      perQueryOut.push(...r.perQuery.map((p) => `| ${p.q} | ${p.indexed} | ${p.indexedMs.toFixed(1)} | ${p.naive} | ${p.naiveMs.toFixed(1)} |`));
    } finally {
      await db.destroy();
      if (process.env.BENCH_KEEP) console.error(`[postgres] kept database ${name} (BENCH_KEEP); drop it yourself`);
      else await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }
}

const published = data.filter((l) => l.status === "published").length;
console.log(`\n## Matching and search benchmark\n`);
console.log(
  `${N} listings (${published} published, ${data.filter((l) => l.kind === "supply").length} supply), ${ORGS} organisations, ${trad} with Traditional text, ${eng} English; avg ${avgTokens.toFixed(0)} tokens per listing; ${os.cpus().length} cores, Node ${process.version}`,
);
console.log(`generation (text + documentTokens): ${(genMs / 1000).toFixed(1)} s (${((genMs / N) * 1000).toFixed(0)} µs per listing)\n`);
console.log("| backend | insert s | index build s | term_stats s | load total s |\n|---|---|---|---|---|");
for (const l of loads) console.log(l);
console.log("\n| backend | operation | runs | p50 ms | p95 ms | max ms | notes |\n|---|---|---|---|---|---|---|");
for (const r of all) console.log(`| ${r.backend} | ${r.what} | ${r.n} | ${r.p50} | ${r.p95} | ${r.max} | ${r.note} |`);
console.log("\nAims (issue 12, Postgres): search p95 < 15 ms, top-20 matches as pages read them (storedMatches) p95 < 20 ms; PGlite within 3x.");
if (perQueryOut.length) {
  console.log("\n| query (Postgres) | indexed total | indexed ms | naive ILIKE total | naive ms |\n|---|---|---|---|---|");
  for (const l of perQueryOut) console.log(l);
}
if (explains.length) console.log(`\n### EXPLAIN (ANALYZE, BUFFERS) on Postgres\n${explains.join("\n")}`);
