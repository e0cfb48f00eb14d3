import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { storeNotifications, type StoredNotification } from "../core/notifications.server";
import { wordOf } from "../core/search.server";

type Tx = Transaction<Database> | Kysely<Database>;

/** The weights of every reason in a match score, in one place (they sum to 1). */
export const MATCH_WEIGHTS = {
  sector: 0.25,
  terms: 0.3,
  delivery: 0.15,
  rights: 0.1,
  region: 0.08,
  price: 0.07,
  freshness: 0.05,
} as const;

/** Counterparts scoring at least this are told in real time when a listing is published. */
export const NOTIFY_THRESHOLD = 0.5;
export const TOP_MATCHES = 20;

/** The row in term_stats whose df is the number of published listings (N in the idf). */
export const TOTAL_TERM = "";

export type Reason =
  | { code: "sector"; sectors: string[] }
  | { code: "terms"; terms: string[] }
  | { code: "delivery"; modes: string[] }
  | { code: "rights"; rights: string[] }
  | { code: "region"; regions: string[] }
  | { code: "price" }
  | { code: "fresh"; days: number };

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

const intersect = (a: string[], b: string[]) => a.filter((x) => b.includes(x));
/** A demand that names no rights asks for the right to process (加工使用权), the common case. */
const wantedRights = (demand: { rights: string[] }) => (demand.rights.length ? demand.rights : ["processing"]);
/** Freshness halves after this many days. */
const FRESH_DAYS = 30;

const BROAD_REGIONS = new Set(["gba", "mainland"]);
const GBA_PARTS = (r: string) => r.startsWith("gz_") || r === "nansha" || r === "hong_kong" || r === "macau";

function regionScore(a: string[], b: string[]): [number, string[]] {
  const shared = intersect(a, b);
  if (shared.length) return [1, shared];
  const broad = (x: string[], y: string[]) => x.includes("gba") && y.some(GBA_PARTS);
  if (broad(a, b) || broad(b, a)) return [0.6, a.includes("gba") ? ["gba"] : b.filter(GBA_PARTS)];
  if (a.some((r) => BROAD_REGIONS.has(r)) || b.some((r) => BROAD_REGIONS.has(r))) return [0.3, []];
  return [0, []];
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
 * Scores one supply/demand pair and says why. `df` gives each term's document frequency and
 * `total` the number of published listings, so rare shared terms count for more than common ones.
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
  if (shared.length) {
    const top = [...shared].sort((x, y) => idf(y) - idf(x)).slice(0, 5).map(wordOf);
    reasons.push({ code: "terms", terms: top });
  }

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

  const published = b.publishedAt ?? now;
  const days = Math.max(0, Math.floor((now.getTime() - new Date(published).getTime()) / 86_400_000));
  const freshness = 1 / (1 + days / FRESH_DAYS);
  if (days <= 14) reasons.push({ code: "fresh", days });

  const parts = { sector, terms, delivery, rights, region, price, freshness };
  const score = (Object.keys(MATCH_WEIGHTS) as (keyof typeof MATCH_WEIGHTS)[]).reduce((s, k) => s + MATCH_WEIGHTS[k] * parts[k], 0);
  return { score: Math.round(score * 1000) / 1000, reasons, parts };
}

const SIDE_COLUMNS = sql`id, kind, org_id, sectors, regions, delivery_modes, rights, pricing_model, price_min, price_max, published_at, match_terms`;

export interface Candidate extends ScoredMatch {
  listingId: string;
  orgId: string;
}

/** How many counterparts the structural probe hands to scorePair. */
export const CANDIDATES = 150;

function toSide(r: Record<string, any>): MatchSide {
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
  const { rows } = await sql<Record<string, any>>`select ${SIDE_COLUMNS} from listings where id = any(${ids}::uuid[])`.execute(db);
  return rows.map(toSide);
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

/**
 * The best published counterparts of the opposite kind. Most of a score is structured (sector,
 * delivery, rights, region, freshness carry most of MATCH_WEIGHTS), so candidates come from one probe
 * over match_profiles: counterparts in a shared sector, pre-ranked in SQL by those structured parts
 * with the same weights. The best CANDIDATES of them are scored in full, shared words included.
 */
export async function findMatches(db: Tx, listingId: string, limit = TOP_MATCHES): Promise<Candidate[]> {
  const [me] = await loadSides(db, [listingId]);
  if (!me) return [];
  const other = me.kind === "supply" ? "demand" : "supply";
  const W = MATCH_WEIGHTS;
  const rightsMet =
    me.kind === "demand"
      ? sql`rights && ${wantedRights(me)}::text[]`
      : sql`(case when cardinality(rights) = 0 then array['processing'] else rights end) && ${me.rights}::text[]`;
  const { rows } = await sql<Record<string, any>>`
    select ${SIDE_COLUMNS} from listings where id in (
      select listing_id from match_profiles
      where keys && ${me.sectors.map((s) => `${other}:${s}`)}::text[] and org_id <> ${me.orgId}
      order by ${W.delivery}::float8 * (delivery_modes && ${me.deliveryModes}::text[])::int
        + ${W.rights}::float8 * (${rightsMet})::int
        + ${W.region}::float8 * (regions && ${me.regions}::text[])::int
        + ${W.freshness}::float8 / (1 + extract(epoch from now() - published_at)::float8 / ${FRESH_DAYS * 86_400})
        desc
      limit ${CANDIDATES})`.execute(db);
  const sides = rows.map(toSide);
  // Every side's words get their real rarity, so a pair scores the same here as anywhere else.
  const { df, total } = await termFrequencies(db, [...me.tokens, ...sides.flatMap((x) => x.tokens)]);
  const now = new Date();
  return sides
    .map((side) => ({ listingId: side.id, orgId: side.orgId, ...scorePair(me, side, df, total, now) }))
    .sort((x, y) => y.score - x.score)
    .slice(0, limit);
}

/**
 * On publication: record the strong matches and tell the counterpart organisations (stored in
 * their inbox inside the caller's transaction; the caller delivers after commit).
 */
export async function publishMatches(trx: Tx, listingId: string): Promise<StoredNotification[]> {
  const listing = await trx.selectFrom("listings").select(["id", "kind", "title", "org_id"]).where("id", "=", listingId).executeTakeFirstOrThrow();
  const strong = (await findMatches(trx, listingId)).filter((m) => m.score >= NOTIFY_THRESHOLD);
  const notes: StoredNotification[] = [];
  for (const m of strong) {
    const pair = listing.kind === "supply" ? { supply_id: listing.id, demand_id: m.listingId } : { supply_id: m.listingId, demand_id: listing.id };
    await trx
      .insertInto("matches")
      .values({ ...pair, score: m.score, reasons: JSON.stringify(m.reasons) })
      .onConflict((oc) => oc.columns(["supply_id", "demand_id"]).doUpdateSet({ score: m.score, reasons: JSON.stringify(m.reasons), updated_at: sql`now()` }))
      .execute();
    const counterpart = await trx.selectFrom("listings").select("title").where("id", "=", m.listingId).executeTakeFirstOrThrow();
    const members = await trx.selectFrom("org_members").select("user_id").where("org_id", "=", m.orgId).execute();
    notes.push(
      ...(await storeNotifications(trx, members.map((x) => x.user_id), "match.new", {
        listingId: listing.id,
        title: listing.title,
        yourListingId: m.listingId,
        yourTitle: counterpart.title,
        score: Math.round(m.score * 100),
      })),
    );
  }
  return notes;
}
