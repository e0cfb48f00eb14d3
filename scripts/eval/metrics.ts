/** Ranking measures over graded judgements (0 = not relevant; 1 partial, 2 useful, 3 exact). */
export type Judgements = Record<string, number>;

export function ndcgAt(ranked: string[], rel: Judgements, k: number): number {
  const gain = (g: number) => 2 ** g - 1;
  const dcg = ranked.slice(0, k).reduce((s, key, i) => s + gain(rel[key] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(rel)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Share of the relevant items (grade ≥ 1) found in the top k. */
export function recallAt(ranked: string[], rel: Judgements, k: number): number {
  const relevant = Object.keys(rel).filter((key) => rel[key] > 0);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((key) => top.has(key)).length / relevant.length;
}

/** 1 / rank of the first clearly useful item (grade ≥ 2), 0 if none is returned. */
export function reciprocalRank(ranked: string[], rel: Judgements): number {
  const i = ranked.findIndex((key) => (rel[key] ?? 0) >= 2);
  return i < 0 ? 0 : 1 / (i + 1);
}

export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export interface Summary {
  ndcg10: number;
  recall: number;
  mrr: number;
  zero: number;
  n: number;
}

/** nDCG@10, recall@k, MRR and the share of empty result lists over a set of ranked lists. */
export function summarise(runs: { ranked: string[]; rel: Judgements }[], recallK: number): Summary {
  return {
    ndcg10: mean(runs.map((r) => ndcgAt(r.ranked, r.rel, 10))),
    recall: mean(runs.map((r) => recallAt(r.ranked, r.rel, recallK))),
    mrr: mean(runs.map((r) => reciprocalRank(r.ranked, r.rel))),
    zero: mean(runs.map((r) => (r.ranked.length === 0 ? 1 : 0))),
    n: runs.length,
  };
}

/** A table row per system: the figures side by side. */
export function printTable(title: string, recallLabel: string, rows: [string, Summary][]) {
  console.log(`\n${title}`);
  console.log(`${"system".padEnd(34)} ${"nDCG@10".padStart(8)} ${recallLabel.padStart(10)} ${"MRR".padStart(6)} ${"zero".padStart(6)}   n`);
  for (const [name, s] of rows) {
    console.log(
      `${name.padEnd(34)} ${s.ndcg10.toFixed(3).padStart(8)} ${s.recall.toFixed(3).padStart(10)} ${s.mrr.toFixed(3).padStart(6)} ${(100 * s.zero).toFixed(1).padStart(5)}%   ${s.n}`,
    );
  }
}
