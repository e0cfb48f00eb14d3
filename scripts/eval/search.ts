/**
 * npm run eval:search — search quality on the labelled set (scripts/eval/set/): every query runs
 * through searchListings on a fresh database holding the set's supply listings, next to a BM25
 * baseline over the same texts computed in the same run.
 */
import { listingQuerySchema } from "../../app/models/marketplace/listing-schema";
import { searchListings } from "../../app/models/marketplace/listing-search.server";
import { Bm25 } from "./bm25";
import { evalDatabase, publishSupply } from "./fixture";
import { printTable, summarise, type Judgements } from "./metrics";
import { listingText, loadEvalSet, type EvalQuery } from "./set";

const set = loadEvalSet();
const started = Date.now();
const fx = await evalDatabase();
const keyOf = await publishSupply(fx, set.supply);
console.log(`eval:search — ${set.supply.length} supply listings, ${set.queries.length} queries (loaded in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

const bm25 = new Bm25(set.supply.map((l) => ({ key: l.key, text: listingText(l) })));
const ours: { q: EvalQuery; ranked: string[]; rel: Judgements }[] = [];
const base: { ranked: string[]; rel: Judgements }[] = [];
for (const q of set.queries) {
  const { hits } = await searchListings(fx.db, listingQuerySchema.parse({ q: q.q, kind: "supply" }));
  ours.push({ q, ranked: hits.map((h) => keyOf.get(h.id)!), rel: q.relevant });
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
const zero = ours.filter((r) => r.ranked.length === 0).map((r) => r.q.q);
if (zero.length) console.log(`Queries with no result: ${zero.join(", ")}`);
const worst = [...ours]
  .map((r) => ({ q: r.q.q, n: summarise([r], 10).ndcg10 }))
  .sort((a, b) => a.n - b.n)
  .slice(0, 8);
console.log(`Weakest queries: ${worst.map((w) => `${w.q} ${w.n.toFixed(2)}`).join(", ")}`);
await fx.db.destroy();
