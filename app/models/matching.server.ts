import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { storeNotifications, type StoredNotification } from "./notifications.server";
import { isWordToken, wordOf } from "./search.server";

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
  tokens: string[];
}

export interface ScoredMatch {
  score: number;
  reasons: Reason[];
  parts: Record<keyof typeof MATCH_WEIGHTS, number>;
}

const intersect = (a: string[], b: string[]) => a.filter((x) => b.includes(x));
/** Matching compares whole words (Chinese from jieba, Latin as typed); n-grams are there for search recall. */
const CJK_CHAR = /[\u3400-\u9fff]/;
const matchable = (t: string) => isWordToken(t) || (t.length >= 2 && !CJK_CHAR.test(t));

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
  const ta = a.tokens.filter(matchable);
  const tb = new Set(b.tokens.filter(matchable));
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

  const wantedRights = demand.rights.length ? demand.rights : ["processing"];
  const rightsShared = intersect(wantedRights, supply.rights);
  const rights = rightsShared.length / wantedRights.length;
  if (rightsShared.length) reasons.push({ code: "rights", rights: rightsShared });

  const [region, regions] = regionScore(a.regions, b.regions);
  if (region >= 0.6) reasons.push({ code: "region", regions });

  const price = priceScore(a, b);
  if (price === 1) reasons.push({ code: "price" });

  const published = b.publishedAt ?? now;
  const days = Math.max(0, Math.floor((now.getTime() - new Date(published).getTime()) / 86_400_000));
  const freshness = 1 / (1 + days / 30);
  if (days <= 14) reasons.push({ code: "fresh", days });

  const parts = { sector, terms, delivery, rights, region, price, freshness };
  const score = (Object.keys(MATCH_WEIGHTS) as (keyof typeof MATCH_WEIGHTS)[]).reduce((s, k) => s + MATCH_WEIGHTS[k] * parts[k], 0);
  return { score: Math.round(score * 1000) / 1000, reasons, parts };
}

const BASE_COLUMNS = sql`id, kind, org_id, sectors, regions, delivery_modes, rights, pricing_model, price_min, price_max, published_at`;
/** Only the tokens scorePair compares (words, Latin terms): a fraction of the stored vector. */
const MATCH_TOKENS = sql`array(select t from unnest(tsvector_to_array(search_vector)) as t where t like 'w:%' or (char_length(t) >= 2 and t !~ '[㐀-鿿]')) as tokens`;
const SIDE_COLUMNS = sql`${BASE_COLUMNS}, ${MATCH_TOKENS}`;

/** Probe terms must be rare enough that the index hands back a short list (at most 2% of listings). */
const PROBE = { maxShare: 0.02, maxTerms: 8, minTerms: 3, limit: 100 } as const;

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
    tokens: r.tokens,
  };
}

export interface Candidate extends ScoredMatch {
  listingId: string;
  orgId: string;
}

/**
 * The best published counterparts of the opposite kind. Candidates come from two indexed probes
 * (the listing's rarest terms through the GIN index, and the newest listings in its sectors);
 * only those few hundred are scored.
 */
export async function findMatches(db: Tx, listingId: string, limit = TOP_MATCHES): Promise<Candidate[]> {
  const { rows } = await sql<Record<string, any>>`select ${SIDE_COLUMNS} from listings where id = ${listingId}`.execute(db);
  if (!rows[0]) return [];
  const me = toSide(rows[0]);
  const other = me.kind === "supply" ? "demand" : "supply";
  const terms = me.tokens.filter(matchable);
  const stats = await db.selectFrom("term_stats").select(["term", "df"]).where("term", "in", [TOTAL_TERM, ...terms]).execute();
  const df = new Map(stats.map((s) => [s.term, s.df]));
  const total = Math.max(1, df.get(TOTAL_TERM) ?? 1);
  const byRarity = terms.filter((t) => (df.get(t) ?? 0) > 0).sort((x, y) => (df.get(x) ?? 0) - (df.get(y) ?? 0));
  const rare = byRarity.filter((t) => (df.get(t) ?? 0) <= Math.max(2, total * PROBE.maxShare));
  const probe = (rare.length >= PROBE.minTerms ? rare : byRarity.slice(0, PROBE.minTerms)).slice(0, PROBE.maxTerms);
  const tsq = probe.map((t) => `'${t.replace(/'/g, "''")}'`).join(" | ");

  // Tokens are unpacked only for the rows kept, after the limit.
  const byTerms = probe.length
    ? await sql<Record<string, any>>`
        select ${SIDE_COLUMNS} from (
          select * from listings
          where status = 'published' and kind = ${other} and org_id <> ${me.orgId} and search_vector @@ ${tsq}::tsquery
          order by ts_rank(search_vector, ${tsq}::tsquery) desc
          limit ${PROBE.limit}
        ) as c`.execute(db)
    : { rows: [] };
  // Structured probe: most of the score comes from sector, delivery and rights, which text alone misses.
  const byStructure = await sql<Record<string, any>>`
    select ${SIDE_COLUMNS} from (
      select * from listings
      where status = 'published' and kind = ${other} and org_id <> ${me.orgId}
        and sectors && ${me.sectors}::text[] and delivery_modes && ${me.deliveryModes}::text[]
      order by published_at desc
      limit ${PROBE.limit}
    ) as c`.execute(db);
  const bySector = await sql<Record<string, any>>`
    select ${SIDE_COLUMNS} from (
      select * from listings
      where status = 'published' and kind = ${other} and org_id <> ${me.orgId} and sectors && ${me.sectors}::text[]
      order by published_at desc
      limit 50
    ) as c`.execute(db);

  const seen = new Set<string>();
  const scored: Candidate[] = [];
  for (const r of [...byTerms.rows, ...byStructure.rows, ...bySector.rows]) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const side = toSide(r);
    scored.push({ listingId: side.id, orgId: side.orgId, ...scorePair(me, side, df, total) });
  }
  return scored.sort((x, y) => y.score - x.score).slice(0, limit);
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
