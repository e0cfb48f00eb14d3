/**
 * The baseline: Okapi BM25 (k1 1.2, b 0.75) over the same texts, with the tokenisation a plain
 * full-text engine gives Chinese — character bigrams (a lone character as itself) and lowercased
 * Latin words, no folding of scripts, no dictionary, no glossary. An inverted index in typed
 * arrays, so the baseline runs over 100,000 listings in the same process as the evaluation.
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

/** A growable posting list: document numbers and term frequencies. */
class Postings {
  docs = new Int32Array(4);
  tfs = new Uint16Array(4);
  n = 0;
  add(doc: number, tf: number) {
    if (this.n === this.docs.length) {
      const docs = new Int32Array(this.n * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tfs = new Uint16Array(this.n * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.docs[this.n] = doc;
    this.tfs[this.n++] = Math.min(tf, 65535);
  }
}

export class Bm25 {
  private readonly keys: string[] = [];
  private lengths = new Int32Array(1024);
  private readonly index = new Map<string, Postings>();
  private totalLength = 0;

  constructor(docs: { key: string; text: string }[] = []) {
    for (const d of docs) this.add(d.key, d.text);
  }

  add(key: string, text: string) {
    const doc = this.keys.length;
    this.keys.push(key);
    const tokens = bm25Tokens(text);
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      let p = this.index.get(t);
      if (!p) this.index.set(t, (p = new Postings()));
      p.add(doc, f);
    }
    if (doc === this.lengths.length) {
      const lengths = new Int32Array(doc * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    this.lengths[doc] = tokens.length;
    this.totalLength += tokens.length;
  }

  get size() {
    return this.keys.length;
  }

  /** Keys of the documents sharing any query token, best first. */
  rank(query: string, limit = 20): string[] {
    const n = this.keys.length;
    const avgLen = this.totalLength / Math.max(1, n);
    const scores = new Map<number, number>();
    for (const t of new Set(bm25Tokens(query))) {
      const p = this.index.get(t);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.n + 0.5) / (p.n + 0.5));
      for (let i = 0; i < p.n; i++) {
        const d = p.docs[i];
        const f = p.tfs[i];
        scores.set(d, (scores.get(d) ?? 0) + (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * this.lengths[d]) / avgLen)));
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([d]) => this.keys[d]);
  }
}
