import { sql } from "kysely";
import { Converter } from "opencc-js/t2cn";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

/**
 * Chinese-aware search without extensions: text is folded to Simplified, then CJK runs become
 * unigrams + bigrams and Latin words stay whole. The same tokens go into a `tsvector` (built from
 * an array, so no parser touches them) and into queries, so 數據 finds 数据 and 医疗 matches as a word.
 */
const toSimplified = Converter({ from: "t", to: "cn" });
const toSimplifiedHk = Converter({ from: "hk", to: "cn" });

/** A small domain glossary so English and Chinese listings can still meet on common terms. */
const GLOSSARY: Record<string, string> = {
  data: "数据",
  medical: "医疗",
  healthcare: "医疗",
  health: "医疗",
  hospital: "医院",
  imaging: "影像",
  image: "影像",
  traffic: "交通",
  transport: "交通",
  transportation: "交通",
  logistics: "物流",
  finance: "金融",
  financial: "金融",
  credit: "信用",
  energy: "能源",
  power: "电力",
  weather: "气象",
  meteorological: "气象",
  tourism: "旅游",
  travel: "旅游",
  agriculture: "农业",
  manufacturing: "制造",
  industrial: "工业",
  city: "城市",
  urban: "城市",
  education: "教育",
  retail: "零售",
  commerce: "商贸",
  trade: "贸易",
  port: "港口",
  shipping: "航运",
  enterprise: "企业",
  privacy: "隐私",
  computing: "计算",
  federated: "联邦",
  model: "模型",
  sandbox: "沙箱",
  insurance: "保险",
  carbon: "碳",
  population: "人口",
  consumption: "消费",
  payment: "支付",
};

let jieba: Jieba | null = null;
const segmenter = () => (jieba ??= Jieba.withDict(dict));

/** Whole words (from jieba) are stored with this prefix, apart from the bigrams, for matching and its explanations. */
export const WORD_PREFIX = "w:";
export const isWordToken = (t: string) => t.startsWith(WORD_PREFIX);
export const wordOf = (t: string) => (isWordToken(t) ? t.slice(WORD_PREFIX.length) : t);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Matching compares whole words (Chinese from jieba, Latin as typed); n-grams are there for search recall. */
export const isMatchTerm = (t: string) => isWordToken(t) || (t.length >= 2 && !CJK.test(t));
export const matchTerms = (tokens: Iterable<string>) => [...new Set([...tokens].filter(isMatchTerm))];
const SEGMENT = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:[.'-][a-z0-9]+)*/g;

export function normalise(text: string): string {
  return toSimplifiedHk(toSimplified(text.normalize("NFKC"))).toLowerCase();
}

function cjkGrams(run: string, into: Set<string>, withUnigrams: boolean) {
  const chars = [...run];
  if (withUnigrams || chars.length === 1) for (const c of chars) into.add(c);
  for (let i = 0; i + 1 < chars.length; i++) into.add(chars[i] + chars[i + 1]);
}

function addWords(run: string, into: Set<string>) {
  for (const w of segmenter().cutForSearch(run, true)) if ([...w].length >= 2) into.add(WORD_PREFIX + w);
}

/**
 * Tokens of a document: every CJK unigram and bigram (search recall), jieba's words (matching),
 * every Latin word, and glossary bridges from English words to Chinese ones.
 */
export function documentTokens(text: string): string[] {
  const out = new Set<string>();
  for (const seg of normalise(text).match(SEGMENT) ?? []) {
    if (CJK.test(seg)) {
      cjkGrams(seg, out, true);
      addWords(seg, out);
    }
    else if (seg.length >= 2 || /\d/.test(seg)) {
      out.add(seg);
      const zh = GLOSSARY[seg];
      if (zh) {
        cjkGrams(zh, out, true);
        out.add(WORD_PREFIX + zh);
      }
    }
  }
  return [...out];
}

/** A title-weighted search vector from document tokens (built from arrays, so no parser touches them). */
export function weightedVector(titleTokens: string[], bodyTokens: string[]) {
  return sql<string>`setweight(array_to_tsvector(${titleTokens}::text[]), 'A') || array_to_tsvector(${bodyTokens}::text[])`;
}

/**
 * What a query asks for: one group per word typed, all groups required. A group lists
 * alternatives, each a set of tokens that must all be present (a CJK word needs all its bigrams;
 * an English glossary word may match itself or its Chinese term).
 */
export function queryGroups(query: string): string[][][] {
  const groups: string[][][] = [];
  for (const seg of normalise(query).match(SEGMENT) ?? []) {
    if (CJK.test(seg)) {
      const grams = new Set<string>();
      cjkGrams(seg, grams, false);
      groups.push([[...grams]]);
    } else {
      const zh = GLOSSARY[seg];
      const alternatives = [[seg]];
      if (zh) {
        const grams = new Set<string>();
        cjkGrams(zh, grams, false);
        alternatives.push([...grams]);
      }
      groups.push(alternatives);
    }
  }
  return groups.slice(0, 12);
}

const lexeme = (t: string) => `'${t.replace(/'/g, "''")}'`;

/** The tsquery text for a query, or null when nothing searchable is left. */
export function toTsQuery(query: string): string | null {
  return groupsToTsQuery(queryGroups(query));
}

export function groupsToTsQuery(groups: string[][][]): string | null {
  if (groups.length === 0) return null;
  return groups.map((alts) => `(${alts.map((all) => `(${all.map(lexeme).join(" & ")})`).join(" | ")})`).join(" & ");
}

/** The words to highlight in a result, in Simplified form. */
export function highlightTerms(query: string): string[] {
  const out: string[] = [];
  for (const seg of normalise(query).match(SEGMENT) ?? []) {
    out.push(seg);
    const zh = GLOSSARY[seg];
    if (zh) out.push(zh);
  }
  return out;
}

export interface Snippet {
  text: string;
  marked: boolean;
}

/**
 * A short excerpt around the first hit, split into plain and marked parts. The text is matched
 * in its Simplified form; conversion keeps one character per character, so positions carry over.
 */
export function snippet(text: string, query: string, radius = 40): Snippet[] {
  const plain = text.replace(/[#*_`>\[\]()]/g, "").replace(/\s+/g, " ").trim();
  const folded = normalise(plain);
  const terms = highlightTerms(query).filter(Boolean);
  if (folded.length !== plain.length || terms.length === 0) return [{ text: plain.slice(0, radius * 2), marked: false }];
  const hits: [number, number][] = [];
  for (const term of terms) {
    let i = folded.indexOf(term);
    while (i >= 0 && hits.length < 20) {
      hits.push([i, i + term.length]);
      i = folded.indexOf(term, i + term.length);
    }
  }
  if (hits.length === 0) return [{ text: plain.slice(0, radius * 2), marked: false }];
  hits.sort((a, b) => a[0] - b[0]);
  const start = Math.max(0, hits[0][0] - radius);
  const end = Math.min(plain.length, hits[0][0] + radius * 2);
  const parts: Snippet[] = [];
  let pos = start;
  for (const [s, e] of hits) {
    if (s < pos || s >= end) continue;
    if (s > pos) parts.push({ text: plain.slice(pos, s), marked: false });
    parts.push({ text: plain.slice(s, Math.min(e, end)), marked: true });
    pos = Math.min(e, end);
  }
  if (pos < end) parts.push({ text: plain.slice(pos, end), marked: false });
  if (start > 0) parts.unshift({ text: "…", marked: false });
  if (end < plain.length) parts.push({ text: "…", marked: false });
  return parts;
}
