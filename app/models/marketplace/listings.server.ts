import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { conflict, forbidden, isUniqueViolation, notFound } from "../core/errors";
import type { ListingInput, ListingQuery } from "./listing-schema";
import { TOTAL_TERM, dropMatchList, publishMatches, refreshMatchList, syncMatchProfiles } from "./matching.server";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { isApprovedMember, isSecretariat, requireSecretariat, type Actor, requireApprovedMember } from "../core/permissions";
import { alternativeWord, documentTokens, weightedVector, matchTerms, groupToTitleTsQuery, groupToTsQuery, groupsToTsQuery, queryGroups, snippet, type Snippet } from "../core/search.server";

type Db = Kysely<Database>;
type Tx = Transaction<Database> | Db;
export type ListingStatus = "draft" | "pending_review" | "published" | "closed" | "withdrawn";

/** Which status may follow which; every other move is refused with a 409. */
const TRANSITIONS: Record<ListingStatus, readonly ListingStatus[]> = {
  draft: ["pending_review", "withdrawn"],
  pending_review: ["published", "draft", "withdrawn"],
  published: ["closed", "withdrawn"],
  closed: [],
  withdrawn: [],
};

export function canTransition(from: ListingStatus, to: ListingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Posting needs an approved organisation; any of its members may post for it. */
const requirePoster = (actor: Actor | null) => requireApprovedMember(actor);

/** What search (the vector) and matching (the word list) read, from the same tokens. */
export function indexColumns(input: Pick<ListingInput, "title" | "titleEn" | "description" | "tags" | "scenario" | "sampleDescription" | "fields">) {
  const title = documentTokens(input.titleEn ? `${input.title} ${input.titleEn}` : input.title);
  const body = documentTokens(
    [input.description, input.tags.join(" "), input.scenario, input.sampleDescription ?? "", input.fields.map((f) => `${f.name} ${f.meaning ?? ""}`).join(" ")].join(" \n "),
  );
  return {
    search_vector: weightedVector(title, body),
    match_terms: matchTerms([...title, ...body]),
  };
}

function toColumns(input: ListingInput) {
  return {
    kind: input.kind,
    title: input.title,
    title_en: input.titleEn,
    description: input.description,
    data_category: input.dataCategory,
    grade: input.grade,
    rights: input.rights,
    delivery_modes: input.deliveryModes,
    pricing_model: input.pricingModel,
    price_min: input.priceMin,
    price_max: input.priceMax,
    sectors: input.sectors,
    regions: input.regions,
    tags: input.tags,
    update_frequency: input.updateFrequency,
    time_coverage: input.timeCoverage,
    fields: JSON.stringify(input.fields),
    sample_description: input.sampleDescription,
    scenario: input.scenario,
    compliance: JSON.stringify(input.compliance),
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
    external_id: input.externalId,
    ...indexColumns(input),
  };
}

/**
 * Keeps what matching reads in step with what is published: term_stats (document frequency over
 * published listings) and the listing's match profile.
 */
async function reindexForMatching(trx: Tx, listingId: string, delta: 1 | -1) {
  await sql`
    insert into term_stats (term, df)
    select t, greatest(0, ${delta}::int) from listings, unnest(array_append(tsvector_to_array(search_vector), ${TOTAL_TERM})) as t where id = ${listingId}
    on conflict (term) do update set df = greatest(0, term_stats.df + ${delta}::int)`.execute(trx);
  await syncMatchProfiles(trx, listingId);
  if (delta === 1) await refreshMatchList(trx, listingId);
  else await dropMatchList(trx, listingId);
}

export async function createListing(
  db: Db,
  actor: Actor | null,
  input: ListingInput,
  options: { submit?: boolean } = {},
): Promise<string> {
  const a = requirePoster(actor);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("listings")
        .values({ ...toColumns(input), org_id: a.org.id, created_by: a.id, status: options.submit ? "pending_review" : "draft" })
        .returning(["id", "status"])
        .executeTakeFirstOrThrow();
      await writeAudit(trx, { actorId: a.id, action: "listing.created", entityType: "listing", entityId: row.id, after: { status: row.status, title: input.title } });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e, "listings_external")) throw conflict("errors.externalIdTaken", "externalId");
    throw e;
  }
}

async function lockOwned(trx: Tx, actor: Actor, listingId: string) {
  const row = await trx.selectFrom("listings").selectAll().where("id", "=", listingId).forUpdate().executeTakeFirst();
  if (!row) throw notFound();
  if (row.org_id !== actor.org?.id) {
    // Outsiders cannot tell an unpublished listing exists.
    if (row.status !== "published" && !isSecretariat(actor)) throw notFound();
    throw forbidden("errors.notYourListing");
  }
  return row;
}

/**
 * Only the owner organisation edits. Editing a published listing keeps the previous text as a
 * version and re-indexes it; editing a draft or a returned listing just replaces it.
 */
export async function updateListing(db: Db, actor: Actor | null, listingId: string, input: ListingInput): Promise<void> {
  const a = requirePoster(actor);
  try {
    await db.transaction().execute(async (trx) => {
      const before = await lockOwned(trx, a, listingId);
      if (before.status === "closed" || before.status === "withdrawn") throw conflict("errors.listingFinal");
      if (before.kind !== input.kind) throw conflict("errors.kindFixed", "kind");
      const published = before.status === "published";
      if (published) {
        const { search_vector: _sv, match_terms: _mt, ...snapshot } = before;
        await trx.insertInto("listing_versions").values({ listing_id: listingId, version: before.version, snapshot: JSON.stringify(snapshot), edited_by: a.id }).execute();
        await reindexForMatching(trx, listingId, -1);
      }
      await trx
        .updateTable("listings")
        .set({ ...toColumns(input), version: before.version + 1, updated_at: sql`now()` })
        .where("id", "=", listingId)
        .execute();
      if (published) await reindexForMatching(trx, listingId, 1);
      await writeAudit(trx, {
        actorId: a.id,
        action: "listing.edited",
        entityType: "listing",
        entityId: listingId,
        before: { version: before.version, title: before.title },
        after: { version: before.version + 1, title: input.title },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e, "listings_external")) throw conflict("errors.externalIdTaken", "externalId");
    throw e;
  }
}

async function transition(
  trx: Tx,
  actor: Actor,
  row: { id: string; status: ListingStatus; org_id: string; title: string },
  to: ListingStatus,
  extra: { reason?: string | null } = {},
) {
  if (!canTransition(row.status, to)) throw conflict("errors.badTransition");
  await trx
    .updateTable("listings")
    .set({
      status: to,
      updated_at: sql`now()`,
      ...(to === "published" ? { published_at: sql`now()`, review_notes: null } : {}),
      ...(to === "draft" ? { review_notes: extra.reason ?? null } : {}),
    })
    .where("id", "=", row.id)
    .execute();
  if (to === "published") await reindexForMatching(trx, row.id, 1);
  if (row.status === "published") await reindexForMatching(trx, row.id, -1);
  await writeAudit(trx, {
    actorId: actor.id,
    action: `listing.${to}`,
    entityType: "listing",
    entityId: row.id,
    before: { status: row.status },
    after: { status: to, reason: extra.reason ?? null },
  });
  const members = await trx.selectFrom("org_members").select("user_id").where("org_id", "=", row.org_id).where("user_id", "!=", actor.id).execute();
  return storeNotifications(trx, members.map((m) => m.user_id), "listing.status", { listingId: row.id, title: row.title, status: to, reason: extra.reason ?? null });
}

/** Owner moves: submit for review, close, withdraw. */
export async function changeListingStatus(
  db: Db,
  actor: Actor | null,
  listingId: string,
  to: "pending_review" | "closed" | "withdrawn",
  realtime: Realtime = noRealtime,
): Promise<void> {
  const a = requirePoster(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const row = await lockOwned(trx, a, listingId);
    return transition(trx, a, row, to);
  });
  deliver(realtime, notes);
}

/**
 * The secretariat's review. Approval publishes (never for core data; important data needs its
 * declaration, which the schema already demands) and tells the best counterparts at once.
 */
export async function reviewListing(
  db: Db,
  actor: Actor | null,
  listingId: string,
  decision: { decision: "approve" | "return"; reason: string | null },
  realtime: Realtime = noRealtime,
): Promise<void> {
  const a = requireSecretariat(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("listings").selectAll().where("id", "=", listingId).forUpdate().executeTakeFirst();
    if (!row) throw notFound();
    if (row.status !== "pending_review") throw conflict("errors.badTransition");
    if (decision.decision === "return") return transition(trx, a, row, "draft", { reason: decision.reason });
    const compliance = row.compliance as { importantData?: boolean; declaration?: string | null };
    if (row.grade === "core") throw conflict("errors.coreData");
    if (row.grade === "important" && !(compliance.importantData && compliance.declaration)) throw conflict("errors.declarationMissing");
    const ownerNotes = await transition(trx, a, row, "published", { reason: decision.reason });
    const matchNotes = await publishMatches(trx, listingId);
    return [...ownerNotes, ...matchNotes];
  });
  deliver(realtime, notes);
}

export interface ListingView {
  id: string;
  orgId: string;
  orgName: string;
  orgNameEn: string | null;
  kind: "supply" | "demand";
  status: ListingStatus;
  title: string;
  titleEn: string | null;
  description: string;
  dataCategory: string;
  grade: string;
  rights: string[];
  deliveryModes: string[];
  pricingModel: string;
  priceMin: number | null;
  priceMax: number | null;
  sectors: string[];
  regions: string[];
  tags: string[];
  updateFrequency: string | null;
  timeCoverage: string | null;
  fields: { name: string; type: string; meaning: string | null }[];
  sampleDescription: string | null;
  scenario: string;
  compliance: { personalInfo: boolean; legalBasis: string | null; importantData: boolean; crossBorder: boolean; declaration: string | null };
  contact: { name: string; email: string; phone: string | null } | null;
  externalId: string | null;
  reviewNotes: string | null;
  version: number;
  publishedAt: Date | null;
  updatedAt: Date;
  own: boolean;
}

const num = (v: string | null) => (v === null ? null : Number(v));

function baseQuery(db: Tx) {
  return db.selectFrom("listings").innerJoin("organisations", "organisations.id", "listings.org_id").selectAll("listings").select(["organisations.name_zh as org_name", "organisations.name_en as org_name_en"]);
}

type ListingRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

function toView(row: ListingRow, actor: Actor | null): ListingView {
  const own = actor?.org?.id === row.org_id;
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    orgNameEn: row.org_name_en,
    kind: row.kind,
    status: row.status,
    title: row.title,
    titleEn: row.title_en,
    description: row.description,
    dataCategory: row.data_category,
    grade: row.grade,
    rights: row.rights,
    deliveryModes: row.delivery_modes,
    pricingModel: row.pricing_model,
    priceMin: num(row.price_min),
    priceMax: num(row.price_max),
    sectors: row.sectors,
    regions: row.regions,
    tags: row.tags,
    updateFrequency: row.update_frequency,
    timeCoverage: row.time_coverage,
    fields: row.fields as ListingView["fields"],
    sampleDescription: row.sample_description,
    scenario: row.scenario,
    compliance: row.compliance as ListingView["compliance"],
    // Contact details are for signed-in members of approved organisations only.
    contact: own || isApprovedMember(actor) || isSecretariat(actor) ? { name: row.contact_name, email: row.contact_email, phone: row.contact_phone } : null,
    externalId: own ? row.external_id : null,
    reviewNotes: own || isSecretariat(actor) ? row.review_notes : null,
    version: row.version,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    own,
  };
}

/** Published listings are public; the rest only to the owner organisation and the secretariat. */
export async function getListing(db: Db, actor: Actor | null, listingId: string): Promise<ListingView> {
  const row = await baseQuery(db).where("listings.id", "=", listingId).executeTakeFirst();
  if (!row) throw notFound();
  const own = actor?.org?.id === row.org_id;
  if (row.status !== "published" && !own && !isSecretariat(actor)) throw notFound();
  return toView(row, actor);
}

export async function listingHistory(db: Db, actor: Actor | null, listingId: string) {
  await getListing(db, actor, listingId);
  const rows = await db.selectFrom("listing_versions").select(["version", "snapshot", "created_at"]).where("listing_id", "=", listingId).orderBy("version", "desc").execute();
  return rows.map((r) => ({ version: r.version, title: (r.snapshot as { title: string }).title, description: (r.snapshot as { description: string }).description, createdAt: r.created_at }));
}

export async function listOrgListings(db: Db, actor: Actor | null) {
  const a = requirePoster(actor);
  return db
    .selectFrom("listings")
    .select(["id", "kind", "status", "title", "updated_at", "review_notes"])
    .where("org_id", "=", a.org.id)
    .orderBy("updated_at", "desc")
    .execute();
}

/** What a reviewer weighs besides the listing: how long the organisation has been a member and how its listings fared. */
export interface OrgListingHistory {
  memberSince: Date | null;
  published: number;
  ended: number;
  returned: number;
}

export async function listPendingListings(db: Db, actor: Actor | null) {
  requireSecretariat(actor);
  const rows = await baseQuery(db).where("listings.status", "=", "pending_review").orderBy("listings.created_at").limit(100).execute();
  const orgIds = [...new Set(rows.map((r) => r.org_id))];
  const history = new Map<string, OrgListingHistory>();
  if (orgIds.length) {
    const { rows: counts } = await sql<{ org_id: string; member_since: Date | null; published: number; ended: number; returned: number }>`
      select o.id as org_id, o.reviewed_at as member_since,
        (select count(*)::int from listings l where l.org_id = o.id and l.status = 'published') as published,
        (select count(*)::int from listings l where l.org_id = o.id and l.status in ('closed', 'withdrawn')) as ended,
        (select count(*)::int from audit_log a join listings l on a.entity_type = 'listing' and a.entity_id = l.id::text
          where l.org_id = o.id and a.action = 'listing.draft' and a.before->>'status' = 'pending_review') as returned
      from organisations o where o.id in (${sql.join(orgIds)})`.execute(db);
    for (const c of counts) history.set(c.org_id, { memberSince: c.member_since, published: c.published, ended: c.ended, returned: c.returned });
  }
  return rows.map((r) => ({ ...toView(r, actor), history: history.get(r.org_id) ?? { memberSince: null, published: 0, ended: 0, returned: 0 } }));
}

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

/** Above this many hits the count reads "1000+" and results come newest first instead of ranked. */
export const SEARCH_CAP = 1000;
/**
 * Below this many possible hits, fetching them all through the index beats walking the newest listings.
 * Fetching costs about one heap visit per hit; the walk reads about rows * published / hits vectors (each
 * dearer: most are TOASTed), so the two cross near sqrt(2 * rows * published) hits (about 2,000 for the
 * first page of 100,000 listings).
 */
export const WALK_MIN_HITS = 2 * SEARCH_CAP;
const walkMinHits = (published: number, rows: number) => Math.max(WALK_MIN_HITS, Math.sqrt(2 * rows * published));
/** A query word found in more than half of the published listings narrows nothing (数据, data). */
const STOPWORD = { share: 0.5 } as const;

/** A listing with every query word outranks any listing with only some of them. */
const ALL_WORDS_BONUS = 100;
/** A word in the title counts half again. */
const TITLE_BOOST = 0.5;

interface SearchPlan {
  /** Matches listings with any narrowing word (a query of common words only: any of them). */
  tsq: string;
  /** BM25-like relevance: each word's idf when present (more in the title), a bonus for all of them. */
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
  const stats = await db.selectFrom("term_stats").select(["term", "df"]).where("term", "in", [TOTAL_TERM, ...tokens]).execute();
  const df = new Map(stats.map((r) => [r.term, r.df]));
  const published = df.get(TOTAL_TERM) ?? 0;
  // A group's document frequency: at most its most frequent alternative, itself bounded by its rarest token.
  const groupDf = (alts: string[][]) => Math.max(...alts.map((all) => Math.min(...all.map((t) => df.get(t) ?? 0))));
  // With other words to go by, a common word only ranks; a query of common words alone still matches them.
  const rare = groups.filter((alts) => groupDf(alts) <= published * STOPWORD.share);
  const narrowing = rare.length ? rare : groups;
  const idf = (alts: string[][]) => Math.log(1 + (published - groupDf(alts) + 0.5) / (groupDf(alts) + 0.5));
  const terms = groups.map(
    (alts) => sql<number>`(${idf(alts)}::float8 * ((listings.search_vector @@ ${groupToTsQuery(alts)}::tsquery)::int + ${TITLE_BOOST}::float8 * (listings.search_vector @@ ${groupToTitleTsQuery(alts)}::tsquery)::int))`,
  );
  const all = groupsToTsQuery(groups, "&")!;
  const rank = sql<number>`(${sql.join(terms, sql` + `)} + ${ALL_WORDS_BONUS} * (listings.search_vector @@ ${all}::tsquery)::int)`;
  const maxHits = Math.min(published, narrowing.reduce((sum, alts) => sum + groupDf(alts), 0));
  // A listing with any narrowing group matches; one with a single token (or a whole word) has the group.
  const altMin = (all: string[]) => (all.length === 1 ? (df.get(all[0]) ?? 0) : (df.get(words.get(all) ?? "") ?? 0));
  const minHits = Math.max(0, ...narrowing.flatMap((alts) => alts.map(altMin)));
  return { tsq: groupsToTsQuery(narrowing, "|")!, rank, published, maxHits, minHits };
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

type ListingPage = { hits: ListingHit[]; total: number; pageSize: number; capped: boolean };

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
  return filtered;
}

/** Counted up to the cap: an exact "92,000" costs a full scan and tells the reader nothing more. */
const cappedCount = (hits: ReturnType<typeof filteredListings>) => sql<number>`(select count(*)::int from (${hits.select(sql`1`.as("one")).limit(SEARCH_CAP + 1)}) as capped)`;

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
  return { total: Math.min(n, SEARCH_CAP), capped: n > SEARCH_CAP, pageSize: LISTINGS_PAGE_SIZE, hits: rows.map((r) => toHit(r, "")) };
}

/** Browse and search published listings: filters on indexed columns, Chinese-aware full text. */
export async function searchListings(db: Db, query: ListingQuery): Promise<ListingPage> {
  if (!query.q) return browseListings(db, query);
  const search = await planSearch(db, query.q);
  if (!search) return { hits: [], total: 0, pageSize: LISTINGS_PAGE_SIZE, capped: false };
  const { tsq } = search;
  const filtered = filteredListings(db, query);
  const fullText = sql<boolean>`listings.search_vector @@ ${tsq}::tsquery`;
  const hits = tsq ? filtered.where(fullText) : filtered;
  // Without filters, term_stats may already prove the cap is passed: then nothing needs counting (the
  // count reads every hit's vector up to the cap, and the planner, not costing the vectors, often seq-scans for it).
  const unfiltered = !(query.kind || query.category || query.grade || query.pricing || query.sector || query.region || query.delivery);
  const n =
    tsq && unfiltered && search.minHits > SEARCH_CAP
      ? SEARCH_CAP + 1
      : (await sql<{ n: number }>`select ${cappedCount(hits)} as n`.execute(db)).rows[0].n;
  const total = Math.min(n, SEARCH_CAP);
  const capped = n > SEARCH_CAP;
  const offset = (query.page - 1) * LISTINGS_PAGE_SIZE;
  // Ranking reads every hit's vector, so it is kept for searches that narrow things down.
  const ranked = !!tsq && query.sort === "relevance" && !capped;
  const rank = ranked ? search.rank : sql<number>`0`;

  let rows: Awaited<ReturnType<typeof newestPage>> | null = null;
  async function newestPage(window: number) {
    // The planner takes a word's bigrams as independent, so an AND of common bigrams looks rare and it
    // would fetch and sort every hit. When the hits are many, walking the newest listings and testing
    // each is cheaper; the window only bounds the walk (the page's limit stops it sooner), and the
    // organisation is joined to the page only, so nothing above the walk needs all of it.
    const newest = filtered.selectAll("listings").orderBy("listings.published_at", "desc").limit(window).as("listings");
    const page = db.selectFrom(newest).where(fullText).selectAll("listings").orderBy("listings.published_at", "desc").limit(LISTINGS_PAGE_SIZE).offset(offset).as("listings");
    return db
      .selectFrom(page)
      .innerJoin("organisations", "organisations.id", "listings.org_id")
      .select([...HIT_COLUMNS, rank.as("rank")])
      .orderBy("listings.published_at", "desc")
      .execute();
  }
  if (tsq && capped && search.maxHits >= walkMinHits(search.published, offset + LISTINGS_PAGE_SIZE)) {
    // Hits are at least SEARCH_CAP / published of the listings; twice the rows that share predicts.
    const window = Math.ceil((2 * (offset + LISTINGS_PAGE_SIZE) * Math.max(search.published, SEARCH_CAP)) / SEARCH_CAP);
    rows = await newestPage(window);
    if (rows.length < LISTINGS_PAGE_SIZE) rows = null; // hits bunched among older listings: ask the index
  }
  rows ??= await (ranked ? hits.orderBy(rank, "desc").orderBy("listings.published_at", "desc") : hits.orderBy("listings.published_at", "desc"))
    .innerJoin("organisations", "organisations.id", "listings.org_id")
    .select([...HIT_COLUMNS, rank.as("rank")])
    .limit(LISTINGS_PAGE_SIZE)
    .offset(offset)
    .execute();
  return { total, capped, pageSize: LISTINGS_PAGE_SIZE, hits: rows.map((r) => toHit(r, query.q ?? "")) };
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
