/**
 * npm run eval:search — search quality on the labelled set (scripts/eval/set/): every query runs
 * through searchListings on a fresh database holding the set's supply listings, next to a BM25
 * baseline over the same texts computed in the same run. EVAL_SCALE=100000 places the set among
 * that many generated listings (scale.ts); EVAL_DATABASE_URL runs it on Postgres. Also prints how
 * many queries came back unranked (sorted by date because of their number of hits: must be 0) and
 * the search latency over the run.
 */
import { listingQuerySchema } from "../../app/models/marketplace/listing-schema";
import { SEARCH_CAP, searchListings } from "../../app/models/marketplace/listing-search.server";
import { evalDatabase, publishSupply } from "./fixture";
import { EVAL_SCALE, placeAmongGenerated } from "./scale";
import { printTable, summarise, type Judgements } from "./metrics";
import { loadEvalSet, type EvalQuery } from "./set";

const set = loadEvalSet();
const started = Date.now();
const fx = await evalDatabase();
const keyOf = await publishSupply(fx, set.supply);
console.log(
  `eval:search on ${fx.backend} — ${set.supply.length} supply listings, ${set.queries.length} queries (loaded in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
const bm25 = await placeAmongGenerated(fx.db, keyOf, set.supply);

const ours: { q: EvalQuery; ranked: string[]; rel: Judgements }[] = [];
const base: { ranked: string[]; rel: Judgements }[] = [];
const unranked: string[] = [];
const capped: string[] = [];
const ms: number[] = [];
for (const q of set.queries) {
  const s = performance.now();
  const page = await searchListings(fx.db, listingQuerySchema.parse({ q: q.q, kind: "supply" }));
  ms.push(performance.now() - s);
  // A page from before `ranked` existed was ranked unless capped.
  if (!("ranked" in page ? page.ranked : !(page as { capped: boolean }).capped)) unranked.push(q.q);
  if (page.capped) capped.push(q.q);
  ours.push({ q, ranked: page.hits.map((h) => keyOf.get(h.id) ?? `gen:${h.id}`), rel: q.relevant });
  base.push({ ranked: bm25.rank(q.q), rel: q.relevant });
}

const byLang = (lang: string) => ours.filter((r) => r.q.lang === lang);
printTable("Search (supply listings; recall over grade ≥ 1)", "recall@10", [
  ["BM25 baseline (bigrams)", summarise(base, 10)],
  ["Yaosu search", summarise(ours, 10)],
  ...(["zh-Hans", "zh-Hant", "en"] as const).map((l): [string, ReturnType<typeof summarise>] => [`  queries in ${l}`, summarise(byLang(l), 10)]),
]);

// Across languages: a query must find, in its top 10, every grade-3 listing written in another language.
let crossPairs = 0;
const missed: string[] = [];
for (const r of ours) {
  for (const [key, grade] of Object.entries(r.rel)) {
    if (grade < 3 || set.langOf.get(key)?.startsWith(r.q.lang.slice(0, 2))) continue;
    crossPairs++;
    if (!r.ranked.slice(0, 10).includes(key)) missed.push(`${r.q.q} -> ${key}`);
  }
}
console.log(`\nCross-language pairs (query and exact listing in Chinese vs English): ${crossPairs - missed.length}/${crossPairs} found in the top 10`);
if (missed.length) console.log(`  missed: ${missed.join("; ")}`);
console.log(
  `Corpus: ${EVAL_SCALE > 0 ? `labelled set among ${EVAL_SCALE} generated listings` : "labelled set alone"}; ${capped.length} of ${ours.length} queries over ${SEARCH_CAP} hits (count shown as ${SEARCH_CAP}+)`,
);
console.log(
  `Unranked queries (sorted by date for their number of hits): ${unranked.length} of ${ours.length}${unranked.length ? ` — ${unranked.join(", ")}` : ""}`,
);
const sorted = [...ms].sort((a, b) => a - b);
console.log(
  `searchListings latency over these queries: p50 ${sorted[sorted.length >> 1].toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)} ms`,
);
const zero = ours.filter((r) => r.ranked.length === 0).map((r) => r.q.q);
if (zero.length) console.log(`Queries with no result: ${zero.join(", ")}`);
const worst = [...ours]
  .map((r) => ({ q: r.q.q, n: summarise([r], 10).ndcg10 }))
  .sort((a, b) => a.n - b.n)
  .slice(0, 8);
console.log(`Weakest queries: ${worst.map((w) => `${w.q} ${w.n.toFixed(2)}`).join(", ")}`);
await fx.close();
