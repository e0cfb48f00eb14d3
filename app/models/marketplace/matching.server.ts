import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { storeNotifications, type StoredNotification } from "../core/notifications.server";
import { GENERIC_WORDS, WORD_PREFIX, wordForReader, wordOf } from "../core/search.server";
import { groupToTsQuery } from "../core/tsquery";
import { memberIdsOf } from "../core/org-members.server";

type Tx = Transaction<Database> | Kysely<Database>;

/**
 * The weights of every reason in a match score, in one place (they sum to 1). Shared rare words
 * carry most of it, so a wrong sector label costs a pair little: set by npm run eval:matching.
 */
export const MATCH_WEIGHTS = {
  sector: 0.1,
  terms: 0.72,
  delivery: 0.05,
  rights: 0.05,
  region: 0.04,
  price: 0.02,
  freshness: 0.02,
} as const;

/** Counterparts scoring at least this are told in real time when a listing is published. */
export const NOTIFY_THRESHOLD = 0.5;
export const TOP_MATCHES = 20;
/** Below this a counterpart is not shown as a match at all (eval:matching: few useful pairs score lower). */
export const MIN_SCORE = 0.26;

/** The row in term_stats whose df is the number of published listings (N in the idf). */
export const TOTAL_TERM = "";

import type { Reason } from "../../../db/vocabulary/marketplace";

export type { Reason };

export interface MatchSide {
  id: string;
  kind: "supply" | "demand";
  orgId: string;
  sectors: string[];
  regions: string[];
  deliveryModes: string[];
  rights: string[];
  pricingModel: string;
  priceMin: number | null;
  priceMax: number | null;
  publishedAt: Date | null;
  /** The listing's match terms (listings.match_terms). */
  tokens: string[];
}

export interface ScoredMatch {
  score: number;
  reasons: Reason[];
  parts: Record<keyof typeof MATCH_WEIGHTS, number>;
}

/** Shared values in a fixed order, so reasons read the same whichever side is first. */
const intersect = (a: string[], b: string[]) => a.filter((x) => b.includes(x)).sort();
/** A demand that names no rights asks for the right to process (加工使用权), the common case. */
const wantedRights = (demand: { rights: string[] }) => (demand.rights.length ? demand.rights : ["processing"]);
/** Freshness halves after this many days. */
const FRESH_DAYS = 30;

const BROAD_REGIONS = new Set(["gba", "mainland"]);
const IN_GBA = (r: string) => r.startsWith("gz_") || r === "nansha" || r === "hong_kong" || r === "macau";
const IN_MAINLAND = (r: string) => r.startsWith("gz_") || r === "nansha";

/**
 * How far two listings' regions overlap, and the places to name as the reason. Named places
 * (白云, 香港) must coincide; a side that names only a broad area (大湾区, 全国) covers the other side's
 * places inside it. Two sides naming different places do not overlap, whatever broad area either adds.
 */
function regionScore(a: string[], b: string[]): [number, string[]] {
  const placesA = a.filter((r) => !BROAD_REGIONS.has(r));
  const placesB = b.filter((r) => !BROAD_REGIONS.has(r));
  if (placesA.length && placesB.length) {
    const shared = intersect(placesA, placesB);
    return shared.length ? [1, shared] : [0, []];
  }
  const covered = (broad: string[], places: string[]) =>
    places.filter((p) => (broad.includes("gba") && IN_GBA(p)) || (broad.includes("mainland") && IN_MAINLAND(p)));
  if (placesA.length || placesB.length) {
    const inside = (placesA.length ? covered(b, placesA) : covered(a, placesB)).sort();
    return inside.length ? [0.6, inside] : [0, []];
  }
  const sharedBroad = intersect(a, b);
  return sharedBroad.length ? [1, sharedBroad] : [0.3, []];
}

function priceScore(a: MatchSide, b: MatchSide): number {
  const open = (s: MatchSide) => s.pricingModel === "negotiated" || (s.priceMin === null && s.priceMax === null);
  if (a.pricingModel === "free" || b.pricingModel === "free") return 1;
  if (open(a) || open(b)) return 0.5;
  const lo = Math.max(a.priceMin ?? 0, b.priceMin ?? 0);
  const hi = Math.min(a.priceMax ?? Infinity, b.priceMax ?? Infinity);
  return lo <= hi ? 1 : 0;
}

/**
 * The shared words that explain a match: whole words only (集装箱, not its pieces 集装 and 装箱 that
 * jieba also emits), no generic words, rarest first, at most five.
 */
function explainingWords(shared: string[], idf: (t: string) => number): string[] {
  const words = [...new Set(shared.map(wordOf))].filter((w) => !GENERIC_WORDS.has(w) && [...w].length >= 2);
  const whole = words.filter((w) => !words.some((other) => other !== w && other.includes(w)));
  const weight = (w: string) => Math.max(idf(WORD_PREFIX + w), idf(w));
  return whole.sort((x, y) => weight(y) - weight(x) || (x < y ? -1 : x > y ? 1 : 0)).slice(0, 5);
}

/**
 * Scores one supply/demand pair and says why. `df` gives each term's document frequency and
 * `total` the number of published listings, so rare shared terms count for more than common ones.
 * A function of the pair: the same score and reasons whichever side is passed first.
 */
export function scorePair(a: MatchSide, b: MatchSide, df: Map<string, number>, total: number, now = new Date()): ScoredMatch {
  const supply = a.kind === "supply" ? a : b;
  const demand = a.kind === "supply" ? b : a;
  const reasons: Reason[] = [];

  const sectors = intersect(a.sectors, b.sectors);
  const sector = sectors.length ? sectors.length / Math.min(a.sectors.length, b.sectors.length) : 0;
  if (sectors.length) reasons.push({ code: "sector", sectors });

  const idf = (t: string) => Math.log((total + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const ta = a.tokens;
  const tb = new Set(b.tokens);
  const shared = ta.filter((t) => tb.has(t));
  const sum = (ts: Iterable<string>) => [...ts].reduce((s, t) => s + idf(t), 0);
  const denom = Math.sqrt(sum(ta) * sum(tb)) || 1;
  const terms = Math.min(1, (2 * sum(shared)) / denom);
  const explained = explainingWords(shared, idf);
  if (explained.length) reasons.push({ code: "terms", terms: explained });

  const modes = intersect(demand.deliveryModes, supply.deliveryModes);
  const delivery = modes.length ? 1 : 0;
  if (modes.length) reasons.push({ code: "delivery", modes });

  const wanted = wantedRights(demand);
  const rightsShared = intersect(wanted, supply.rights);
  const rights = rightsShared.length / wanted.length;
  if (rightsShared.length) reasons.push({ code: "rights", rights: rightsShared });

  const [region, regions] = regionScore(a.regions, b.regions);
  if (region >= 0.6) reasons.push({ code: "region", regions });

  const price = priceScore(a, b);
  if (price === 1) reasons.push({ code: "price" });

  // The older of the two sets freshness: a pair is as current as its staler side, whichever side asks.
  const age = (x: MatchSide) => Math.max(0, Math.floor((now.getTime() - new Date(x.publishedAt ?? now).getTime()) / 86_400_000));
  const days = Math.max(age(a), age(b));
  const freshness = 1 / (1 + days / FRESH_DAYS);
  if (days <= 14) reasons.push({ code: "fresh", days: Math.max(1, days) });

  const parts = { sector, terms, delivery, rights, region, price, freshness };
  const score = (Object.keys(MATCH_WEIGHTS) as (keyof typeof MATCH_WEIGHTS)[]).reduce((s, k) => s + MATCH_WEIGHTS[k] * parts[k], 0);
  return { score: Math.round(score * 1000) / 1000, reasons, parts };
}

/** The columns a MatchSide is read from (the benchmark's baselines read them too). */
export const MATCH_SIDE_COLUMNS = sql`id, kind, org_id, sectors, regions, delivery_modes, rights, pricing_model, price_min, price_max, published_at, match_terms`;

/** A listings row as MATCH_SIDE_COLUMNS selects it (numerics arrive as text). */
export interface MatchSideRow {
  id: string;
  kind: MatchSide["kind"];
  org_id: string;
  sectors: string[];
  regions: string[];
  delivery_modes: string[];
  rights: string[];
  pricing_model: string;
  price_min: string | number | null;
  price_max: string | number | null;
  published_at: Date | null;
  match_terms: string[];
}

export interface Candidate extends ScoredMatch {
  listingId: string;
  orgId: string;
}

/** How many counterparts the structural probe hands to scorePair. */
export const CANDIDATES = 150;

export function toMatchSide(r: MatchSideRow): MatchSide {
  return {
    id: r.id,
    kind: r.kind,
    orgId: r.org_id,
    sectors: r.sectors,
    regions: r.regions,
    deliveryModes: r.delivery_modes,
    rights: r.rights,
    pricingModel: r.pricing_model,
    priceMin: r.price_min === null ? null : Number(r.price_min),
    priceMax: r.price_max === null ? null : Number(r.price_max),
    publishedAt: r.published_at,
    tokens: r.match_terms,
  };
}

/** The listings as scorePair sees them, by id (missing ids are left out). */
export async function loadSides(db: Tx, ids: string[]): Promise<MatchSide[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<MatchSideRow>`select ${MATCH_SIDE_COLUMNS} from listings where id = any(${ids}::uuid[])`.execute(db);
  return rows.map(toMatchSide);
}

/** Document frequencies of the given terms and N, for the idf in scorePair. */
export async function termFrequencies(db: Tx, terms: Iterable<string>): Promise<{ df: Map<string, number>; total: number }> {
  const wanted = [TOTAL_TERM, ...new Set(terms)];
  const { rows } = await sql<{ term: string; df: number }>`select term, df from term_stats where term = any(${wanted}::text[])`.execute(db);
  const df = new Map(rows.map((s) => [s.term, s.df]));
  return { df, total: Math.max(1, df.get(TOTAL_TERM) ?? 1) };
}

/** Keeps match_profiles equal to the published listings (one listing, or all of them). */
export async function syncMatchProfiles(db: Tx, listingId?: string): Promise<void> {
  const one = (column: string) => (listingId ? sql`${sql.ref(column)} = ${listingId}` : sql`true`);
  await sql`delete from match_profiles where ${one("listing_id")}`.execute(db);
  await sql`
    insert into match_profiles (listing_id, org_id, keys, delivery_modes, rights, regions, published_at)
    select id, org_id, array(select kind || ':' || s from unnest(sectors) as s), delivery_modes, rights, regions, published_at
    from listings where status = 'published' and ${one("id")}`.execute(db);
}

/** How many counterparts the text probe adds: those sharing the most rare words, whatever their sector. */
export const TEXT_CANDIDATES = 60;
/** The text probe asks for at most this many of the listing's rarest words. */
const PROBE_WORDS = 32;
/** A word in more than this share of the published listings is too common to find counterparts by. */
const PROBE_MAX_SHARE = 0.03;

/**
 * Counterparts that share the listing's rarest words, ranked by how many of them they share. This is what finds the supply that fits a demand word for word when either side picked a
 * neighbouring sector or "other".
 */
async function textProbe(db: Tx, me: MatchSide, other: string, df: Map<string, number>, total: number): Promise<string[]> {
  const dfOf = (t: string) => df.get(t) ?? 0;
  const rare = me.tokens
    // A word only this listing has (df 1) cannot find anyone.
    .filter((t) => !GENERIC_WORDS.has(wordOf(t)) && dfOf(t) > 1 && dfOf(t) <= Math.max(20, total * PROBE_MAX_SHARE))
    .sort((x, y) => dfOf(x) - dfOf(y))
    .slice(0, PROBE_WORDS);
  if (rare.length === 0) return [];
  const any = rare.map((t) => groupToTsQuery([[t]])).join(" | ");
  // ts_rank counts the shared words in one pass over each vector (a sum of per-word idf would read
  // every vector once per word); scorePair weighs them properly afterwards.
  const { rows } = await sql<{ id: string }>`
    select id from listings
    where status = 'published' and search_vector @@ ${any}::tsquery and kind = ${other} and org_id <> ${me.orgId}
    order by ts_rank(search_vector, ${any}::tsquery) desc
    limit ${TEXT_CANDIDATES}`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * The best published counterparts of the opposite kind, from two probes. The structured probe reads
 * match_profiles: counterparts in a shared sector, pre-ranked in SQL by the structured parts of
 * MATCH_WEIGHTS. The text probe finds those sharing the rarest words, in any sector. Both sets are
 * scored in full by scorePair, so a wrong sector label costs a pair its sector points, not its chance.
 */
export async function findMatches(db: Tx, listingId: string, limit = TOP_MATCHES): Promise<Candidate[]> {
  const [me] = await loadSides(db, [listingId]);
  return me ? matchesOf(db, me, limit) : [];
}

async function matchesOf(db: Tx, me: MatchSide, limit: number): Promise<Candidate[]> {
  const other = me.kind === "supply" ? "demand" : "supply";
  const W = MATCH_WEIGHTS;
  const rightsMet =
    me.kind === "demand"
      ? sql`rights && ${wantedRights(me)}::text[]`
      : sql`(case when cardinality(rights) = 0 then array['processing'] else rights end) && ${me.rights}::text[]`;
  const mine = await termFrequencies(db, me.tokens);
  const [structured, textual] = await Promise.all([
    sql<{ listing_id: string }>`
      select listing_id from match_profiles
      where keys && ${me.sectors.map((s) => `${other}:${s}`)}::text[] and org_id <> ${me.orgId}
      order by ${W.delivery}::float8 * (delivery_modes && ${me.deliveryModes}::text[])::int
        + ${W.rights}::float8 * (${rightsMet})::int
        + ${W.region}::float8 * (regions && ${me.regions}::text[])::int
        + ${W.freshness}::float8 / (1 + extract(epoch from now() - published_at)::float8 / ${FRESH_DAYS * 86_400})
        desc
      limit ${CANDIDATES}`.execute(db),
    textProbe(db, me, other, mine.df, mine.total),
  ]);
  const sides = await loadSides(db, [...new Set([...structured.rows.map((r) => r.listing_id), ...textual])]);
  // Every side's words get their real rarity, so a pair scores the same here as anywhere else
  // (this listing's words were counted above; only the candidates' other words are asked for).
  const theirs = await termFrequencies(
    db,
    sides.flatMap((x) => x.tokens).filter((t) => !mine.df.has(t)),
  );
  const df = new Map([...theirs.df, ...mine.df]);
  const total = mine.total;
  const now = new Date();
  return sides
    .map((side) => ({ listingId: side.id, orgId: side.orgId, ...scorePair(me, side, df, total, now) }))
    .filter((m) => m.score >= MIN_SCORE)
    .sort((x, y) => y.score - x.score)
    .slice(0, limit);
}

/**
 * Rewrites the stored match list of a listing that is (still) published: its pairs are scored
 * afresh, and each pair also appears in the counterpart's list (one row serves both sides).
 */
export async function refreshMatchList(trx: Tx, listingId: string): Promise<Candidate[]> {
  await dropMatchList(trx, listingId);
  const [me] = await loadSides(trx, [listingId]);
  if (!me) return [];
  const found = await matchesOf(trx, me, TOP_MATCHES);
  if (found.length) {
    await trx
      .insertInto("match_candidates")
      .values(
        found.map((m) => ({
          supply_id: me.kind === "supply" ? me.id : m.listingId,
          demand_id: me.kind === "supply" ? m.listingId : me.id,
          score: m.score,
          reasons: JSON.stringify(m.reasons),
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(["supply_id", "demand_id"])
          .doUpdateSet((eb) => ({ score: eb.ref("excluded.score"), reasons: eb.ref("excluded.reasons"), computed_at: sql`now()` })),
      )
      .execute();
  }
  return found;
}

/** A listing that is no longer published leaves every match list. */
export async function dropMatchList(trx: Tx, listingId: string): Promise<void> {
  await trx
    .deleteFrom("match_candidates")
    .where((eb) => eb.or([eb("supply_id", "=", listingId), eb("demand_id", "=", listingId)]))
    .execute();
}

export interface StoredCandidate {
  listingId: string;
  orgId: string;
  score: number;
  reasons: Reason[];
}

/** A listing's stored match list, best first: what pages show (no scoring on the request path). */
export async function storedMatches(db: Tx, listingId: string, limit = TOP_MATCHES): Promise<StoredCandidate[]> {
  const { rows } = await sql<{ counterpart: string; org_id: string; score: number; reasons: Reason[] }>`
    select c.counterpart, l.org_id, c.score, c.reasons from (
      select demand_id as counterpart, score, reasons from match_candidates where supply_id = ${listingId}
      union all
      select supply_id, score, reasons from match_candidates where demand_id = ${listingId}
    ) c join listings l on l.id = c.counterpart and l.status = 'published'
    order by c.score desc, c.counterpart
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ listingId: r.counterpart, orgId: r.org_id, score: Number(r.score), reasons: r.reasons }));
}

/**
 * On publication: record the strong matches and tell the counterpart organisations (stored in
 * their inbox inside the caller's transaction; the caller delivers after commit). Reads the match
 * list that publication has just stored.
 */
export async function publishMatches(trx: Tx, listingId: string): Promise<StoredNotification[]> {
  const listing = await trx.selectFrom("listings").select(["id", "kind", "title", "title_en", "org_id"]).where("id", "=", listingId).executeTakeFirstOrThrow();
  const strong = (await storedMatches(trx, listingId)).filter((m) => m.score >= NOTIFY_THRESHOLD);
  const notes: StoredNotification[] = [];
  for (const m of strong) {
    const pair = listing.kind === "supply" ? { supply_id: listing.id, demand_id: m.listingId } : { supply_id: m.listingId, demand_id: listing.id };
    await trx
      .insertInto("matches")
      .values({ ...pair, score: m.score, reasons: JSON.stringify(m.reasons) })
      .onConflict((oc) => oc.columns(["supply_id", "demand_id"]).doUpdateSet({ score: m.score, reasons: JSON.stringify(m.reasons), updated_at: sql`now()` }))
      .execute();
    const counterpart = await trx.selectFrom("listings").select(["title", "title_en"]).where("id", "=", m.listingId).executeTakeFirstOrThrow();
    notes.push(
      ...(await storeNotifications(trx, await memberIdsOf(trx, m.orgId), "match.new", {
        listingId: listing.id,
        title: listing.title,
        titleEn: listing.title_en,
        yourListingId: m.listingId,
        yourTitle: counterpart.title,
        yourTitleEn: counterpart.title_en,
        score: Math.round(m.score * 100),
      })),
    );
  }
  return notes;
}

/** Reasons as their reader reads them: the shared words in the reader's script or language. */
export function reasonsForReader<R extends { reasons: Reason[] }>(items: R[], locale: string): R[] {
  if (locale === "zh-Hans") return items;
  return items.map((item) => ({
    ...item,
    reasons: item.reasons.map((r) => (r.code === "terms" ? { ...r, terms: r.terms.map((w) => wordForReader(w, locale)) } : r)),
  }));
}
