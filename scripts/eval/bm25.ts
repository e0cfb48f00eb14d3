/**
 * The baseline: Okapi BM25 (k1 1.2, b 0.75) over the same texts, with the tokenisation a plain
 * full-text engine gives Chinese — character bigrams (a lone character as itself) and lowercased
 * Latin words, no folding of scripts, no dictionary, no glossary.
 */
const RUNS = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

export function bm25Tokens(text: string): string[] {
  const out: string[] = [];
  for (const run of text.normalize("NFKC").toLowerCase().match(RUNS) ?? []) {
    if (/[a-z0-9]/.test(run[0])) {
      out.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out;
}

export class Bm25 {
  private readonly docs: { key: string; tf: Map<string, number>; len: number }[] = [];
  private readonly df = new Map<string, number>();
  private avgLen = 0;

  constructor(docs: { key: string; text: string }[]) {
    for (const d of docs) {
      const tokens = bm25Tokens(d.text);
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      this.docs.push({ key: d.key, tf, len: tokens.length });
    }
    this.avgLen = this.docs.reduce((s, d) => s + d.len, 0) / Math.max(1, this.docs.length);
  }

  /** Keys of the documents sharing any query token, best first. */
  rank(query: string, limit = 20): string[] {
    const n = this.docs.length;
    const terms = [...new Set(bm25Tokens(query))];
    const scored = this.docs.map((d) => {
      let score = 0;
      for (const t of terms) {
        const f = d.tf.get(t);
        if (!f) continue;
        const df = this.df.get(t) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.len) / this.avgLen));
      }
      return { key: d.key, score };
    });
    return scored
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((s) => s.key);
  }
}
