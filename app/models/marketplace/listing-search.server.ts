/** Browsing and searching published listings: filters on indexed columns, Chinese-aware full text ranked at any size. */
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../../db/schema";
import type { ListingQuery } from "./listing-schema";
import { TOTAL_TERM } from "./matching.server";
import { alternativeWord, queryGroups } from "../core/search.server";
import { groupToTitleTsQuery, groupToTsQuery, groupsToTsQuery } from "../core/tsquery";
import { snippet, type Snippet } from "../core/snippet.server";
import { ALL_WORDS_BONUS, STOP_SHARE, TITLE_BOOST, isPosted, lastTopK, lengthNormSql, topK, type ScoredGroup, type TopKStats } from "./listing-topk.server";

type Db = Kysely<Database>;

export const LISTINGS_PAGE_SIZE = 20;

export interface ListingHit {
  id: string;
  kind: "supply" | "demand";
  title: string;
  titleEn: string | null;
  orgName: string;
  orgNameEn: string | null;
  sectors: string[];
  regions: string[];
  deliveryModes: string[];
  pricingModel: string;
  grade: string;
  dataCategory: string;
  publishedAt: Date | null;
  snippet: Snippet[];
  rank: number;
}

/**
 * Above this many hits the count reads "1000+" (counting further costs a scan and tells the reader
 * nothing more). Ranking does not stop there: relevance comes from the impact-ordered postings
 * (listing-topk.server.ts) whatever the number of hits.
 */
export const SEARCH_CAP = 1000;
/**
 * Sorting by date with many hits: fetching them all through the index costs about one heap visit per
 * hit; walking the newest listings reads about rows * published / hits vectors (each dearer: most are
 * TOASTed), so the two cross near sqrt(2 * rows * published) hits (about 2,000 for the first page of
 * 100,000 listings).
 */
export const WALK_MIN_HITS = 2 * SEARCH_CAP;
const walkMinHits = (published: number, rows: number) => Math.max(WALK_MIN_HITS, Math.sqrt(2 * rows * published));
/** A query word found in more than half of the published listings narrows nothing (数据, data). */
const STOPWORD = { share: STOP_SHARE } as const;

interface SearchPlan {
  /** Matches listings with any narrowing word (a query of common words only: any of them). */
  tsq: string;
  /** The query's words with their idf, for top-k over the postings. */
  groups: ScoredGroup[];
  /** Document frequency of every query token (term_stats). */
  df: Map<string, number>;
  /** Every narrowing word's tokens are in the postings (a one-character word is not: it is ranked from the vectors). */
  posted: boolean;
  /** The same score as topK's, in SQL over the vectors. */
  rank: RawBuilder<number>;
  published: number;
  /** At most how many listings can match (from term_stats). */
  maxHits: number;
  /** At least how many published listings match (from term_stats: a single token's or a whole word's df). */
  minHits: number;
}

/**
 * Plans a search from the query's words (see queryGroups): listings sharing any word that actually
 * narrows are found; a word in more than half of the published listings (数据, data) only ranks.
 * Returns null when the query has no searchable token at all.
 */
async function planSearch(db: Db, q: string): Promise<SearchPlan | null> {
  const groups = queryGroups(q);
  if (groups.length === 0) return null;
  const words = new Map(groups.flat().map((all) => [all, alternativeWord(all)]));
  const tokens = [...new Set([...groups.flat(2), ...[...words.values()].filter((w): w is string => !!w)])];
  const stats = await db
    .selectFrom("term_stats")
    .select(["term", "df"])
    .where("term", "in", [TOTAL_TERM, ...tokens])
    .execute();
  const df = new Map(stats.map((r) => [r.term, r.df]));
  const published = df.get(TOTAL_TERM) ?? 0;
  // A group's document frequency: at most its most frequent alternative, itself bounded by its rarest token.
  const groupDf = (alts: string[][]) => Math.max(...alts.map((all) => Math.min(...all.map((t) => df.get(t) ?? 0))));
  // With other words to go by, a common word only ranks; a query of common words alone still matches them.
  // So does a one-character word (桩 in 充电桩使用, cut 充电/桩/使用): it has no postings to be found by.
  const rare = groups.filter((alts) => groupDf(alts) <= published * STOPWORD.share);
  const rarePosted = rare.filter((alts) => alts.every((all) => all.every(isPosted)));
  const narrowing = rarePosted.length ? rarePosted : rare.length ? rare : groups;
  const idf = (alts: string[][]) => Math.log(1 + (published - groupDf(alts) + 0.5) / (groupDf(alts) + 0.5));
  const scored = groups.map((alts) => ({ alts, idf: idf(alts), df: groupDf(alts), narrowing: narrowing.includes(alts) }));
  const terms = scored.map(
    (g) =>
      sql<number>`(${g.idf}::float8 * ((listings.search_vector @@ ${groupToTsQuery(g.alts)}::tsquery)::int + ${TITLE_BOOST}::float8 * (listings.search_vector @@ ${groupToTitleTsQuery(g.alts)}::tsquery)::int))`,
  );
  const all = groupsToTsQuery(groups, "&")!;
  const rank = sql<number>`((${sql.join(terms, sql` + `)}) * ${lengthNormSql} + ${ALL_WORDS_BONUS} * (listings.search_vector @@ ${all}::tsquery)::int)`;
  const maxHits = Math.min(
    published,
    narrowing.reduce((sum, alts) => sum + groupDf(alts), 0),
  );
  // A listing with any narrowing group matches; one with a single token (or a whole word) has the group.
  const altMin = (all: string[]) => (all.length === 1 ? (df.get(all[0]) ?? 0) : (df.get(words.get(all) ?? "") ?? 0));
  const minHits = Math.max(0, ...narrowing.flatMap((alts) => alts.map(altMin)));
  const posted = narrowing.every((alts) => alts.every((all) => all.every(isPosted)));
  return { tsq: groupsToTsQuery(narrowing, "|")!, groups: scored, df, posted, rank, published, maxHits, minHits };
}

const HIT_COLUMNS = [
  "listings.id",
  "listings.kind",
  "listings.title",
  "listings.title_en",
  "listings.description",
  "listings.sectors",
  "listings.regions",
  "listings.delivery_modes",
  "listings.pricing_model",
  "listings.grade",
  "listings.data_category",
  "listings.published_at",
  "organisations.name_zh as org_name",
  "organisations.name_en as org_name_en",
] as const;

/**
 * A page of listings. `capped`: more than SEARCH_CAP hits, the count reads "1000+". `ranked`: in
 * order of relevance (every search sorted by relevance is, whatever its number of hits).
 */
type ListingPage = { hits: ListingHit[]; total: number; pageSize: number; capped: boolean; ranked: boolean };

/** Published listings narrowed by the query's filters (not its words). */
function filteredListings(db: Db, query: ListingQuery) {
  let filtered = db.selectFrom("listings").where("listings.status", "=", "published");
  if (query.kind) filtered = filtered.where("listings.kind", "=", query.kind);
  if (query.category) filtered = filtered.where("listings.data_category", "=", query.category);
  if (query.grade) filtered = filtered.where("listings.grade", "=", query.grade);
  if (query.pricing) filtered = filtered.where("listings.pricing_model", "=", query.pricing);
  if (query.sector) filtered = filtered.where(sql<boolean>`listings.sectors @> array[${query.sector}]::text[]`);
  if (query.region) filtered = filtered.where(sql<boolean>`listings.regions @> array[${query.region}]::text[]`);
  if (query.delivery) filtered = filtered.where(sql<boolean>`listings.delivery_modes @> array[${query.delivery}]::text[]`);
  if (query.route) {
    filtered = filtered.where(sql<boolean>`exists (select 1 from crossborder_declarations d where d.listing_id = listings.id and d.route = ${query.route})`);
  }
  return filtered;
}

/** Counted up to the cap: an exact "92,000" costs a full scan and tells the reader nothing more. */
const cappedCount = (hits: ReturnType<typeof filteredListings>) =>
  sql<number>`(select count(*)::int from (${hits.select(sql`1`.as("one")).limit(SEARCH_CAP + 1)}) as capped)`;

/** Browsing without words: the newest first, the page and its (capped) count in one statement. */
async function browseListings(db: Db, query: ListingQuery): Promise<ListingPage> {
  const filtered = filteredListings(db, query);
  const offset = (query.page - 1) * LISTINGS_PAGE_SIZE;
  const rows = await filtered
    .innerJoin("organisations", "organisations.id", "listings.org_id")
    .select([...HIT_COLUMNS, sql<number>`0`.as("rank"), cappedCount(filtered).as("capped_total")])
    .orderBy("listings.published_at", "desc")
    .limit(LISTINGS_PAGE_SIZE)
    .offset(offset)
    .execute();
  // Past the last page there is no row to carry the count.
  const n = rows.length ? rows[0].capped_total : (await sql<{ n: number }>`select ${cappedCount(filtered)} as n`.execute(db)).rows[0].n;
  return { total: Math.min(n, SEARCH_CAP), capped: n > SEARCH_CAP, ranked: false, pageSize: LISTINGS_PAGE_SIZE, hits: rows.map((r) => toHit(r, "")) };
}

/** Browse and search published listings: filters on indexed columns, Chinese-aware full text, ranked at any size. */
export async function searchListings(db: Db, query: ListingQuery): Promise<ListingPage> {
  if (!query.q) return browseListings(db, query);
  const search = await planSearch(db, query.q);
  if (!search) return { hits: [], total: 0, pageSize: LISTINGS_PAGE_SIZE, capped: false, ranked: true };
  const { tsq } = search;
  const filtered = filteredListings(db, query);
  const fullText = sql<boolean>`listings.search_vector @@ ${tsq}::tsquery`;
  const hits = filtered.where(fullText);
  // Without filters, term_stats may already prove the cap is passed: then nothing needs counting (the
  // count reads every hit's vector up to the cap, and the planner, not costing the vectors, often seq-scans for it).
  const unfiltered = !(query.kind || query.category || query.grade || query.pricing || query.sector || query.region || query.delivery || query.route);
  const count = async () =>
    unfiltered && search.minHits > SEARCH_CAP ? SEARCH_CAP + 1 : (await sql<{ n: number }>`select ${cappedCount(hits)} as n`.execute(db)).rows[0].n;
  const offset = (query.page - 1) * LISTINGS_PAGE_SIZE;
  const q = query.q;
  const page = (n: number, rows: HitRow[]) => ({
    total: Math.min(n, SEARCH_CAP),
    capped: n > SEARCH_CAP,
    pageSize: LISTINGS_PAGE_SIZE,
    hits: rows.map((r) => toHit(r, q)),
  });

  if (query.sort === "relevance") {
    if (!search.posted) {
      // A one-character word has no postings (unigrams are not posted): every hit is ranked from its vector.
      const rows = await hits
        .innerJoin("organisations", "organisations.id", "listings.org_id")
        .select([...HIT_COLUMNS, search.rank.as("rank")])
        .orderBy(search.rank, "desc")
        .orderBy("listings.published_at", "desc")
        .orderBy("listings.id", "desc")
        .limit(LISTINGS_PAGE_SIZE)
        .offset(offset)
        .execute();
      return { ...page(await count(), rows), ranked: true };
    }
    const work: TopKStats = { rounds: 0, postingsRead: 0, scored: 0, hits: null };
    const best = (await topK(db, filtered, search.groups, search.df, search.published, offset + LISTINGS_PAGE_SIZE, work)).slice(offset);
    Object.assign(lastTopK, work);
    // When the lists ran out, top-k scored every hit and knows their number.
    const n = work.hits ?? (await count());
    if (best.length === 0) return { ...page(n, []), ranked: true };
    const found = await db
      .selectFrom("listings")
      .innerJoin("organisations", "organisations.id", "listings.org_id")
      .select([...HIT_COLUMNS, sql<number>`0`.as("rank")])
      .where(
        "listings.id",
        "in",
        best.map((b) => b.id),
      )
      .execute();
    const byId = new Map(found.map((r) => [r.id, r]));
    const rows = best.flatMap((b) => {
      const r = byId.get(b.id);
      return r ? [{ ...r, rank: b.score }] : [];
    });
    return { ...page(n, rows), ranked: true };
  }

  // Newest first among the hits.
  async function newestPage(window: number) {
    // The planner takes a word's bigrams as independent, so an AND of common bigrams looks rare and it
    // would fetch and sort every hit. When the hits are many, walking the newest listings and testing
    // each is cheaper; the window only bounds the walk (the page's limit stops it sooner), and the
    // organisation is joined to the page only, so nothing above the walk needs all of it.
    const newest = filtered.selectAll("listings").orderBy("listings.published_at", "desc").limit(window).as("listings");
    const inWindow = db
      .selectFrom(newest)
      .where(fullText)
      .selectAll("listings")
      .orderBy("listings.published_at", "desc")
      .limit(LISTINGS_PAGE_SIZE)
      .offset(offset)
      .as("listings");
    return db
      .selectFrom(inWindow)
      .innerJoin("organisations", "organisations.id", "listings.org_id")
      .select([...HIT_COLUMNS, sql<number>`0`.as("rank")])
      .orderBy("listings.published_at", "desc")
      .execute();
  }
  const n = await count();
  const capped = n > SEARCH_CAP;
  let rows: HitRow[] | null = null;
  if (capped && search.maxHits >= walkMinHits(search.published, offset + LISTINGS_PAGE_SIZE)) {
    // Hits are at least SEARCH_CAP / published of the listings; twice the rows that share predicts.
    const window = Math.ceil((2 * (offset + LISTINGS_PAGE_SIZE) * Math.max(search.published, SEARCH_CAP)) / SEARCH_CAP);
    rows = await newestPage(window);
    if (rows.length < LISTINGS_PAGE_SIZE) rows = null; // hits bunched among older listings: ask the index
  }
  rows ??= await hits
    .orderBy("listings.published_at", "desc")
    .innerJoin("organisations", "organisations.id", "listings.org_id")
    .select([...HIT_COLUMNS, sql<number>`0`.as("rank")])
    .limit(LISTINGS_PAGE_SIZE)
    .offset(offset)
    .execute();
  return { ...page(n, rows), ranked: false };
}

/** A row as HIT_COLUMNS select it, with its rank. */
type HitRow = Omit<ListingHit, "titleEn" | "orgName" | "orgNameEn" | "deliveryModes" | "pricingModel" | "dataCategory" | "publishedAt" | "snippet" | "rank"> & {
  title_en: string | null;
  description: string;
  org_name: string;
  org_name_en: string | null;
  delivery_modes: string[];
  pricing_model: string;
  data_category: string;
  published_at: Date | null;
  rank: number | string;
};

function toHit(r: HitRow, q: string): ListingHit {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    titleEn: r.title_en,
    orgName: r.org_name,
    orgNameEn: r.org_name_en,
    sectors: r.sectors,
    regions: r.regions,
    deliveryModes: r.delivery_modes,
    pricingModel: r.pricing_model,
    grade: r.grade,
    dataCategory: r.data_category,
    publishedAt: r.published_at,
    snippet: snippet(r.description, q),
    rank: Number(r.rank),
  };
}
