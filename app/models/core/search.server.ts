import { sql } from "kysely";
import { Converter } from "opencc-js/t2cn";
import { Converter as ToTraditional } from "opencc-js/cn2t";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { GLOSSARY_PAIRS } from "./glossary-data";
import { TITLE_PREFIX, groupsToTsQuery } from "./tsquery";

/**
 * Chinese-aware search without extensions: text is folded to Simplified, then CJK runs become
 * unigrams + bigrams and Latin words stay whole. The same tokens go into a `tsvector` (built from
 * an array, so no parser touches them) and into queries, so 數據 finds 数据 and 医疗 matches as a word.
 */
const toSimplified = Converter({ from: "t", to: "cn" });
const toSimplifiedHk = Converter({ from: "hk", to: "cn" });

/** English term (one or two words) -> Chinese terms, from the glossary data. */
const GLOSSARY = new Map<string, string[]>();
for (const [en, zh] of GLOSSARY_PAIRS) GLOSSARY.set(en, [...(GLOSSARY.get(en) ?? []), normalise(zh)]);

/**
 * An English word's singular by the regular rules (stations -> station, utilities -> utility), so a
 * plural finds the glossary entry and the listings of its singular. Short words and -ss/-us/-is
 * endings are left alone (gas, bus, analysis).
 */
export function singular(word: string): string {
  if (word.length <= 3 || !/^[a-z-]+$/.test(word)) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The glossary's Chinese for an English term, trying its last word's singular too. */
function glossaryTerms(term: string): string[] | undefined {
  const found = GLOSSARY.get(term);
  if (found) return found;
  const words = term.split(" ");
  const last = singular(words[words.length - 1]);
  return last === words[words.length - 1] ? undefined : GLOSSARY.get([...words.slice(0, -1), last].join(" "));
}

/**
 * Latin words that are part of a two-word glossary term, with that term's Chinese: where the
 * Chinese word is present, the English word says nothing more to matching ("pearl" beside 珠江).
 */
const PART_OF_TERM = new Map<string, string[]>();
for (const [en, zh] of GLOSSARY_PAIRS) {
  if (!en.includes(" ")) continue;
  for (const w of en.split(" ")) PART_OF_TERM.set(w, [...(PART_OF_TERM.get(w) ?? []), normalise(zh)]);
}

/**
 * Latin words with the glossary terms they stand for: a two-word term ("water quality") is taken
 * as one unit before its single words.
 */
interface LatinUnit {
  words: string[];
  zh: string[];
}

function latinUnits(words: string[]): LatinUnit[] {
  const units: LatinUnit[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? glossaryTerms(`${words[i]} ${words[i + 1]}`) : undefined;
    if (pair) {
      units.push({ words: [words[i], words[i + 1]], zh: pair });
      i++;
    } else units.push({ words: [words[i]], zh: glossaryTerms(words[i]) ?? [] });
  }
  return units;
}

/**
 * A text in reading order, folded: runs of Chinese, and Latin words grouped into glossary units.
 * Indexing, queries and highlighting all read text through this one walk.
 */
type Piece = { cjk: string } | { latin: LatinUnit };

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  const latin: string[] = [];
  const flushLatin = () => {
    for (const unit of latinUnits(latin.splice(0))) out.push({ latin: unit });
  };
  for (const seg of normalise(text).match(SEGMENT) ?? []) {
    if (CJK.test(seg)) {
      flushLatin();
      out.push({ cjk: seg });
    } else latin.push(seg);
  }
  flushLatin();
  return out;
}

/** Single letters say nothing; single digits may (a grade, a level). */
const isIndexedLatin = (w: string) => w.length >= 2 || /\d/.test(w);

let jieba: Jieba | null = null;
const segmenter = () => (jieba ??= Jieba.withDict(dict));

/** Whole words (from jieba) are stored with this prefix, apart from the bigrams, for matching and its explanations. */
export const WORD_PREFIX = "w:";
export const isWordToken = (t: string) => t.startsWith(WORD_PREFIX);
export const wordOf = (t: string) => (isWordToken(t) ? t.slice(WORD_PREFIX.length) : t);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** English words that carry no meaning of their own. */
const LATIN_STOPWORDS = new Set(
  "a an the and or of for to in on at by with from as is are be been this that these those it its we our us you your can will per via into over under all any each every other others etc not no more most than up out also only both such who which what when where how".split(
    " ",
  ),
);

/**
 * Words that say nothing about why two listings fit: not compared by matching, not shown as a
 * reason, not used to look for counterparts.
 */
export const GENERIC_WORDS = new Set([
  "数据",
  "数据集",
  "信息",
  "平台",
  "服务",
  "提供",
  "系统",
  "相关",
  "支持",
  "需求",
  "需要",
  "我们",
  "我司",
  "用于",
  "包括",
  "覆盖",
  "以及",
  "进行",
  "可以",
  "通过",
  "接口",
  "产品",
  "项目",
  "合作",
  "全市",
  "每日",
  "每月",
  "更新",
  "字段",
  "方式",
  "情况",
  "交付",
  "希望",
  "公司",
  "企业",
  "要求",
  "能够",
  "主要",
  "目前",
  "其中",
  "一个",
  "我们的",
  "为主",
  "适合",
  "来自",
  "获取",
  "采购",
  "购买",
  "data",
  "dataset",
  "datasets",
  "information",
  "service",
  "services",
  "platform",
  "provide",
  "provides",
  "the",
  "and",
  "for",
  "with",
  "from",
  "need",
  "needs",
  "needed",
  "require",
  "required",
  "requires",
  "want",
  "looking",
  "seek",
  "seeking",
  "plus",
  "including",
  "include",
  "includes",
  "use",
  "used",
  "using",
  "based",
  "available",
  "company",
  "our",
  "we",
]);

/**
 * Matching compares whole words (Chinese from jieba, Latin as typed, plurals as their singular);
 * n-grams are there for search recall. An English word the glossary translates is represented by
 * its Chinese word (so "typhoon" and 台风 are one term, and an English listing is not diluted by
 * words no Chinese one can share), and so is a word of a two-word term whose Chinese is present.
 */
export function matchTerms(tokens: Iterable<string>): string[] {
  const all = new Set(tokens);
  const isTerm = (t: string) => {
    if (isWordToken(t)) return !GENERIC_WORDS.has(wordOf(t));
    if (t.length < 2 || CJK.test(t) || LATIN_STOPWORDS.has(t) || GENERIC_WORDS.has(t) || glossaryTerms(t)) return false;
    if (singular(t) !== t && all.has(singular(t))) return false;
    return !(PART_OF_TERM.get(t) ?? []).some((zh) => all.has(WORD_PREFIX + zh));
  };
  return [...all].filter(isTerm);
}

/** Bump when what documentTokens or matchTerms produce changes: stored listings are re-indexed (marketplace/reindex.server.ts). */
export const TEXT_INDEX_VERSION = 5;
const SEGMENT = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:[.'-][a-z0-9]+)*/g;

// Made on first use: their dictionaries take most of a second to load, and starting needs neither.
let traditional: ((text: string) => string) | null = null;
let traditionalHk: ((text: string) => string) | null = null;
const toTraditional = (text: string) => (traditional ??= ToTraditional({ from: "cn", to: "t" }))(text);
const toTraditionalHk = (text: string) => (traditionalHk ??= ToTraditional({ from: "cn", to: "hk" }))(text);

/** A short text as it may be written in each script (港湾, 港灣), for searches that compare text as stored. */
export function scriptVariants(text: string): string[] {
  const simplified = toSimplifiedHk(toSimplified(text));
  return [...new Set([text, simplified, toTraditional(simplified), toTraditionalHk(simplified)])];
}

/** ILIKE patterns for a short text in every script, with the pattern characters escaped. */
export function likePatterns(text: string): string[] {
  return scriptVariants(text.trim()).map((v) => `%${v.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
}

const ENGLISH_FOR = new Map<string, string>();
for (const [en, zh] of GLOSSARY_PAIRS) if (!ENGLISH_FOR.has(normalise(zh))) ENGLISH_FOR.set(normalise(zh), en);

/**
 * A word as stored (Simplified, folded) as its reader reads it: in Traditional for zh-Hant, in the
 * glossary's English for English readers when the glossary knows it, else as it is.
 */
export function wordForReader(word: string, locale: string): string {
  if (locale === "zh-Hant") return toTraditional(word);
  if (locale === "en") return ENGLISH_FOR.get(word) ?? word;
  return word;
}

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
 * every Latin word and its singular, and glossary bridges from English words to Chinese ones.
 */
export function documentTokens(text: string): string[] {
  const out = new Set<string>();
  for (const piece of pieces(text)) {
    if ("cjk" in piece) {
      cjkGrams(piece.cjk, out, true);
      addWords(piece.cjk, out);
      continue;
    }
    for (const w of piece.latin.words) if (isIndexedLatin(w)) out.add(w).add(singular(w));
    // A two-word term also stands for its words ("weather forecast" is 天气预报, and still 气象).
    const singles = piece.latin.words.length > 1 ? piece.latin.words.flatMap((w) => glossaryTerms(w) ?? []) : [];
    for (const zh of [...piece.latin.zh, ...singles]) {
      cjkGrams(zh, out, true);
      out.add(WORD_PREFIX + zh);
      // 热带气旋 also as 热带 and 气旋, the words a Chinese text holding it is indexed with.
      addWords(zh, out);
    }
  }
  return [...out];
}

/** A search vector from document tokens (built from arrays, so no parser touches them), title tokens marked. */
export function weightedVector(titleTokens: string[], bodyTokens: string[]) {
  return sql<string>`array_to_tsvector(${[...new Set([...titleTokens, ...bodyTokens, ...titleTokens.map((t) => TITLE_PREFIX + t)])]}::text[])`;
}

/**
 * A CJK word as a query group: all its bigrams (a single character: itself). A document with the
 * word has them all, wherever jieba cut it, so the word token would add nothing but work.
 */
function cjkWordAlternatives(word: string): string[][] {
  const grams = new Set<string>();
  cjkGrams(word, grams, false);
  const whole = [...grams];
  // A compound jieba keeps whole (企业信用) also matches its parts written apart (企业公共信用):
  // the parts' bigrams, without the one that straddles them (业信). Only parts that tile the word.
  const parts = segmenter()
    .cutForSearch(word, true)
    .filter((p) => p !== word && [...p].length >= 2);
  if (parts.length < 2 || parts.join("") !== word) return [whole];
  const apart = new Set<string>();
  for (const p of parts) cjkGrams(p, apart, false);
  return [whole, [...apart]];
}

/**
 * A two-word term translated word by word ("weather forecast": 气象 and 预报, or 天气 and 预报), as
 * alternatives that need both words; nothing when either word has no translation.
 */
function wordByWord(words: string[]): string[][] {
  if (words.length !== 2) return [];
  const [first, second] = words.map((w) => glossaryTerms(w) ?? []);
  const grams = (zh: string) => cjkWordAlternatives(zh)[0];
  return first.flatMap((a) => second.map((b) => [...new Set([...grams(a), ...grams(b)])]));
}

/**
 * What a query asks for: one group per word, a run of Chinese cut into words by jieba (交通数据 ->
 * 交通, 数据), so no bigram straddling two words (通数) is ever required. A group lists
 * alternatives, each a set of tokens that must all be present; an English glossary word may match
 * itself or its Chinese term. Search matches any group and ranks those with every group first.
 */
export function queryGroups(query: string): string[][][] {
  const groups: string[][][] = [];
  for (const piece of pieces(query)) {
    if ("cjk" in piece) {
      for (const word of segmenter().cut(piece.cjk, true)) if (CJK.test(word)) groups.push(cjkWordAlternatives(word));
      continue;
    }
    // Documents hold every word's singular as well, so the singular finds both forms.
    const words = piece.latin.words.filter(isIndexedLatin).map(singular);
    const alternatives = [...(words.length ? [words] : []), ...piece.latin.zh.flatMap(cjkWordAlternatives), ...wordByWord(piece.latin.words)];
    if (alternatives.length) groups.push(alternatives);
  }
  return groups.slice(0, 12);
}

/**
 * The word an alternative of chained CJK bigrams spells (交通 & 通数 & 数据 -> 交通数据), or null. Every
 * listing holding that word token has all its bigrams, so the word's document frequency is a lower
 * bound on the alternative's.
 */
export function alternativeWord(all: string[]): string | null {
  if (all.length < 2 || !all.every((t) => [...t].length === 2 && CJK.test(t))) return null;
  const chars = [...all[0]];
  for (let i = 1; i < all.length; i++) {
    const [a, b] = [...all[i]];
    if (a !== chars[chars.length - 1]) return null;
    chars.push(b);
  }
  return WORD_PREFIX + chars.join("");
}

/** The tsquery text for a query, or null when nothing searchable is left. */
export function toTsQuery(query: string): string | null {
  return groupsToTsQuery(queryGroups(query));
}

/** The words to highlight in a result, in Simplified form. */
export function highlightTerms(query: string): string[] {
  return pieces(query).flatMap((piece) =>
    "cjk" in piece
      ? segmenter()
          .cut(piece.cjk, true)
          .filter((w) => CJK.test(w))
      : [piece.latin.words.join(" "), ...piece.latin.words, ...piece.latin.zh],
  );
}
