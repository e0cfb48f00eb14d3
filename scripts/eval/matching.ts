/**
 * npm run eval:matching — matching quality on the labelled set (scripts/eval/set/): each demand is
 * published as its poster labelled it, and again with a wrong or "other" sector; findMatches ranks
 * the supply listings, next to a BM25 baseline (the demand's text as a query over the supply texts)
 * computed in the same run. Also prints precision and recall of the stored/notified matches per
 * score threshold, which is how NOTIFY_THRESHOLD was chosen. EVAL_SCALE=100000 places the supply
 * among that many generated listings (scale.ts); EVAL_DATABASE_URL runs it on Postgres.
 */
import { NOTIFY_THRESHOLD, findMatches } from "../../app/models/marketplace/matching.server";
import { evalDatabase, publishSupply } from "./fixture";
import { placeAmongGenerated } from "./scale";
import { printTable, summarise, type Judgements } from "./metrics";
import { listingText, loadEvalSet } from "./set";

const set = loadEvalSet();
const started = Date.now();
const fx = await evalDatabase();
const keyOf = await publishSupply(fx, set.supply);
console.log(
  `eval:matching — ${set.supply.length} supply listings, ${set.demands.length} demands, each also with a wrong sector (loaded in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);

// EVAL_SCALE: the supply among that many generated listings (the baseline indexes them too).
const bm25 = await placeAmongGenerated(fx.db, keyOf, set.supply);
type Run = { ranked: string[]; rel: Judgements; scores: number[] };
const right: Run[] = [];
const wrong: Run[] = [];
const base: { ranked: string[]; rel: Judgements }[] = [];
for (const d of set.demands) {
  for (const [variant, sectors, suffix] of [
    [right, d.sectors, ""],
    [wrong, d.wrongSectors, "-wrong"],
  ] as const) {
    const id = await fx.publish(fx.buyer, d, "demand", [...sectors], suffix);
    const found = await findMatches(fx.db, id, 20);
    variant.push({ ranked: found.map((m) => keyOf.get(m.listingId) ?? `gen:${m.listingId}`), rel: d.relevant, scores: found.map((m) => m.score) });
  }
  base.push({ ranked: bm25.rank(listingText(d)), rel: d.relevant });
}

printTable("Matching (top supply for each demand; recall over grade ≥ 1)", "recall@5", [
  ["BM25 baseline (demand text as query)", summarise(base, 5)],
  ["Yaosu matching, sectors as posted", summarise(right, 5)],
  ["Yaosu matching, wrong sector", summarise(wrong, 5)],
]);

// Which threshold makes a stored match (and its notification) trustworthy: precision = share of
// pairs at or above it that are judged useful (grade ≥ 2); recall = share of useful pairs reached.
const pairs = [...right, ...wrong].flatMap((r) => r.ranked.map((key, i) => ({ score: r.scores[i], useful: (r.rel[key] ?? 0) >= 2 })));
const usefulTotal = [...right, ...wrong].reduce((n, r) => n + Object.values(r.rel).filter((g) => g >= 2).length, 0);
console.log(`\nScore threshold  precision  recall (useful pairs, both variants)   [NOTIFY_THRESHOLD = ${NOTIFY_THRESHOLD}]`);
for (const th of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]) {
  const above = pairs.filter((p) => p.score >= th);
  const hit = above.filter((p) => p.useful).length;
  console.log(
    `  ≥ ${th.toFixed(2)}        ${(above.length ? hit / above.length : 0).toFixed(3)}      ${(hit / usefulTotal).toFixed(3)}   (${above.length} pairs)`,
  );
}
const worst = set.demands
  .map((d, i) => ({ title: d.title, n: summarise([wrong[i]], 5).ndcg10, r: summarise([right[i]], 5).ndcg10 }))
  .sort((a, b) => a.n + a.r - b.n - b.r)
  .slice(0, 6);
console.log(`Weakest demands (nDCG as posted / wrong sector): ${worst.map((w) => `${w.title.slice(0, 18)} ${w.r.toFixed(2)}/${w.n.toFixed(2)}`).join("; ")}`);
await fx.close();
