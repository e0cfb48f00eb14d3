/**
 * Exact top-k over impact-ordered postings (search_postings, db/migrations/0036_search_postings.ts).
 *
 * A listing's score for a query is, per query word (a group of alternatives, each a set of tokens
 * that must all be present), the word's idf times the listing's impact for it (1, or 1.5 with the
 * word in the title, times a mild length norm), plus ALL_WORDS_BONUS when it has every word. Each
 * alternative is read through the postings of its rarest token, best impact first; a token's impact
 * bounds the alternative's, so after reading a list down to impact x, no listing not yet seen can
 * get more than idf * x from that word. Listings seen in any list are scored exactly (their vector,
 * through the caller's filters: random access in the threshold algorithm's terms), and reading
 * stops when the k-th best exact score beats what any unseen listing could still reach. The result
 * equals ranking every hit; only the work depends on how far down the lists that proof needs.
 */
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { Database } from "../../../db/schema";
import { TITLE_PREFIX, groupToTsQuery } from "../core/tsquery";

type Db = Kysely<Database>;

/** A listing with every query word outranks any listing with only some of them. */
export const ALL_WORDS_BONUS = 100;
/** A word in the title counts half again. */
export const TITLE_BOOST = 0.5;
/** BM25's tf saturation and length normalisation, as the migration computes them (tf is always 1). */
const K1 = 1.2;
const B = 0.25;
const AVERAGE_LEXEMES = 300;

/** The length part of a listing's impact, from the number of lexemes in its search vector. */
export const lengthNorm = (lexemes: number) => (K1 + 1) / (1 + K1 * (1 - B + (B * lexemes) / AVERAGE_LEXEMES));
/** What search_posting_rows (migration 0036) stores for a term in a listing of that length. */
export const impactOf = (inTitle: boolean, lexemes: number) => (inTitle ? 1 + TITLE_BOOST : 1) * lengthNorm(lexemes);
/** The most any listing can get from one word (title, shortest vector). */
const MAX_IMPACT = impactOf(true, 0);
/** The same figure in SQL over `listings.search_vector`, for ranking without the postings. */
export const lengthNormSql = sql<number>`(${K1 + 1}::float8 / (1 + ${K1}::float8 * (${1 - B}::float8 + ${B}::float8 * length(listings.search_vector)::float8 / ${AVERAGE_LEXEMES}::float8)))`;

/** A word in more than this share of the published listings only ranks (listing-search.server.ts STOPWORD). */
export const STOP_SHARE = 0.5;
/** Above every listing id: where a list is read from before its first chunk. */
const LAST_UUID = "ffffffff-ffff-ffff-ffff-ffffffffffff";

/** Stored impacts are float4: a bound read from them is widened by more than its rounding. */
const BOUND_SLACK = 1 + 1e-5;

/** Tokens the postings hold: CJK bigrams and Latin words (not unigrams, whole words or title marks). */
export const isPosted = (token: string) => !/^[tw]:/.test(token) && (/^[a-z0-9]/.test(token) || [...token].length === 2);

export interface ScoredGroup {
  alts: string[][];
  idf: number;
  /** Document frequency (an upper bound: its most frequent alternative's rarest token). */
  df: number;
  /** A word that narrows: a listing must have one of these to be a hit. Others (数据) only rank. */
  narrowing: boolean;
}

export interface RankedId {
  id: string;
  score: number;
  publishedAt: number;
}

/** Score of a listing holding `has` (query tokens and their title marks) with `lexemes` lexemes; null when it is no hit. */
export function scoreListing(groups: ScoredGroup[], has: Set<string>, lexemes: number): number | null {
  const norm = lengthNorm(lexemes);
  let score = 0;
  let all = true;
  let hit = false;
  for (const g of groups) {
    let best = 0;
    for (const alt of g.alts) {
      if (!alt.every((t) => has.has(t))) continue;
      best = Math.max(best, alt.every((t) => has.has(TITLE_PREFIX + t)) ? 1 + TITLE_BOOST : 1);
    }
    if (best === 0) all = false;
    else if (g.narrowing) hit = true;
    score += g.idf * best * norm;
  }
  if (!hit) return null;
  return all ? score + ALL_WORDS_BONUS : score;
}

/** Best first: score, then the newer, then the id (a total order, so pages never overlap). */
const before = (a: RankedId, b: RankedId) => b.score - a.score || b.publishedAt - a.publishedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

interface List {
  group: number;
  term: string;
  /** Impact and id of the last posting read; null before the first read. */
  last: { impact: number; id: string } | null;
  done: boolean;
}

export interface TopKStats {
  rounds: number;
  postingsRead: number;
  scored: number;
  /** Every hit was scored on the way (the lists ran out): how many there are, so nothing needs counting. */
  hits: number | null;
}

/** Work done by the last topK call (benchmarks read it). */
export const lastTopK: TopKStats = { rounds: 0, postingsRead: 0, scored: 0, hits: null };

/**
 * The best `k` hits, exactly as ranking every hit would order them. `candidates` is the caller's
 * filtered listings (published, visible, sector, region...): only listings it returns are hits.
 * `df` gives each token's document frequency, so each alternative is read through its rarest token.
 */
export async function topK(
  db: Db,
  candidates: SelectQueryBuilder<Database, "listings", object>,
  groups: ScoredGroup[],
  df: Map<string, number>,
  published: number,
  k: number,
  stats: TopKStats = lastTopK,
): Promise<RankedId[]> {
  Object.assign(stats, { rounds: 0, postingsRead: 0, scored: 0, hits: null });
  let hits = 0;
  const lists: List[] = [];
  groups.forEach((g, group) => {
    if (!g.narrowing) return;
    for (const alt of g.alts) {
      const term = [...alt].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0))[0];
      if (!lists.some((l) => l.group === group && l.term === term)) lists.push({ group, term, last: null, done: false });
    }
  });
  const wanted = [...new Set(groups.flatMap((g) => g.alts.flat()))];
  const probe = [...wanted, ...wanted.map((t) => TITLE_PREFIX + t)];
  const seen = new Set<string>();
  let top: RankedId[] = [];
  const scoreColumns = [
    "listings.id",
    "listings.published_at",
    sql<number>`length(listings.search_vector)`.as("lexemes"),
    sql<string[]>`array(select v.lexeme from unnest(listings.search_vector) as v where v.lexeme = any(${probe}::text[]))`.as("has"),
  ] as const;
  const take = (rows: { id: string; published_at: Date | null; lexemes: number; has: string[] }[]) => {
    stats.scored += rows.length;
    for (const r of rows) {
      seen.add(r.id);
      const score = scoreListing(groups, new Set(r.has), Number(r.lexemes));
      if (score !== null) hits++;
      if (score !== null) top.push({ id: r.id, score, publishedAt: r.published_at ? new Date(r.published_at).getTime() : 0 });
    }
    top = top.sort(before).slice(0, k);
  };

  // Words that bound a listing from an index: the narrowing words through their postings, and a
  // one-character word that is no stop word (桩 in 充电桩) through the full-text index. Stop words
  // (数据) only add the most they could.
  const isStop = (g: ScoredGroup) => !g.narrowing && g.df > STOP_SHARE * published;
  const sources = groups.filter((g) => !isStop(g));
  if (sources.length > 1) {
    // Several words: an unseen listing's bound would keep the bonus for having them all until a list
    // ran out. Instead every hit's bound is summed from the indexes (no vectors): per word its driver
    // impact (or the most a one-character word can give), plus the most the stop words could add, plus
    // the bonus when it has every word. Listings are scored in order of that bound until the next
    // bound is below the k-th score.
    const stopMax = groups.reduce((sum, g) => sum + (isStop(g) ? g.idf * MAX_IMPACT : 0), 0);
    const drivers = lists.map((l) => sql`(${l.group}::int, ${l.term}::text, ${groups[l.group].idf}::float8)`);
    const unposted = groups.flatMap((g, i) =>
      g.narrowing || isStop(g)
        ? []
        : [
            sql`union all select id, ${i}::int, ${g.idf * MAX_IMPACT}::float8 from listings
              where status = 'published' and search_vector @@ ${groupToTsQuery(g.alts)}::tsquery`,
          ],
    );
    let limit = 4 * (k + 12);
    for (let from = 0; ;) {
      const { rows: bounds } = await sql<{ listing_id: string; ub: number }>`
        with d (g, term, idf) as (values ${sql.join(drivers)}),
        per (listing_id, g, c) as (
          select p.listing_id, d.g, max(d.idf * p.impact)
          from d join search_postings p on p.term = d.term group by p.listing_id, d.g
          ${sql.join(unposted, sql` `)})
        select listing_id, sum(c) + ${stopMax}::float8 + case when count(*) = ${sources.length} then ${ALL_WORDS_BONUS}::float8 else 0 end as ub
        from per group by listing_id order by ub desc, listing_id limit ${limit} offset ${from}`.execute(db);
      stats.postingsRead += bounds.length;
      stats.rounds++;
      let i = 0;
      let batch = k + 12;
      while (i < bounds.length) {
        const next = Number(bounds[i].ub) * BOUND_SLACK;
        if (top.length >= k && top[k - 1].score > next) return top;
        const ids = bounds.slice(i, i + batch).map((r) => r.listing_id);
        take(await candidates.where("listings.id", "in", ids).select(scoreColumns).execute());
        i += ids.length;
        batch *= 2;
      }
      if (bounds.length < limit) {
        stats.hits = hits;
        return top;
      }
      from += bounds.length;
      limit *= 4;
    }
  }

  let chunk = k + 12;
  for (let round = 1; ; round++) {
    // One statement reads the next chunk of every list still open.
    const open = lists.filter((l) => !l.done);
    const heads = open.map((l, i) => sql`(${i}::int, ${l.term}::text, ${l.last?.impact ?? "Infinity"}::real, ${l.last?.id ?? LAST_UUID}::uuid)`);
    const { rows } = await sql<{ i: number; listing_id: string; impact: number }>`
      select h.i, p.listing_id, p.impact
      from (values ${sql.join(heads)}) as h (i, term, impact, id)
      cross join lateral (
        select listing_id, impact from search_postings
        where term = h.term and (impact, listing_id) < (h.impact, h.id)
        order by impact desc, listing_id desc limit ${chunk}
      ) as p`.execute(db);
    stats.postingsRead += rows.length;
    const fresh: string[] = [];
    open.forEach((list, i) => {
      const own = rows.filter((r) => Number(r.i) === i);
      if (own.length < chunk) list.done = true;
      if (own.length) list.last = { impact: Number(own[own.length - 1].impact), id: own[own.length - 1].listing_id };
      for (const r of own) {
        if (seen.has(r.listing_id)) continue;
        seen.add(r.listing_id);
        fresh.push(r.listing_id);
      }
    });
    if (fresh.length) take(await candidates.where("listings.id", "in", fresh).select(scoreColumns).execute());
    stats.rounds = round;
    if (lists.every((l) => l.done)) {
      stats.hits = hits;
      return top;
    }
    // What a listing seen in no list yet could still reach.
    const bound = groups.map((g, i) => {
      if (!g.narrowing) return g.idf * MAX_IMPACT;
      const own = lists.filter((l) => l.group === i && !l.done);
      return own.length ? g.idf * Math.max(...own.map((l) => (l.last ? l.last.impact * BOUND_SLACK : MAX_IMPACT))) : 0;
    });
    const couldHaveAll = groups.every((g, i) => !g.narrowing || bound[i] > 0);
    const reachable = bound.reduce((s, b) => s + b, 0) + (couldHaveAll ? ALL_WORDS_BONUS : 0);
    if (top.length >= k && top[k - 1].score > reachable) return top;
    chunk = Math.min(chunk * 2, 4096);
  }
}

/**
 * Rebuilds every posting from the listings in one statement (bulk loads, or a new impact rule): the
 * primary key is dropped while rows go in and built once after, which beats row-by-row maintenance
 * by far at 100,000 listings. Callers that disabled the trigger for a bulk insert call this after.
 */
export async function rebuildSearchPostings(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = 0`.execute(trx);
    await sql`lock table search_postings in access exclusive mode`.execute(trx);
    await sql`truncate search_postings`.execute(trx);
    await sql`alter table search_postings drop constraint search_postings_pkey`.execute(trx);
    const { numAffectedRows } = await sql`
      insert into search_postings (term, impact, listing_id)
      select r.term, r.impact, r.listing_id from listings l, search_posting_rows(l.id, l.search_vector) r
      where l.status = 'published'`.execute(trx);
    await sql`alter table search_postings add primary key (term, impact, listing_id)`.execute(trx);
    return Number(numAffectedRows ?? 0);
  });
}
