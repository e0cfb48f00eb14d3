import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { conflict, forbidden, notFound, refusingDuplicates, type DuplicateRefusals } from "../core/errors";
import type { ListingInput } from "./listing-schema";
import type { ListingStatus } from "../core/enums";
import { TOTAL_TERM, dropMatchList, publishMatches, refreshMatchList, syncMatchProfiles } from "./matching.server";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { isApprovedMember, isModerator, isSecretariat, requireSecretariat, type Actor, requireApprovedMember } from "../core/permissions";
import { documentTokens, weightedVector, matchTerms } from "../core/search.server";
import { memberIdsOf } from "../core/org-members.server";
import { flowFromRow, saveDeclaration } from "../crossborder/declarations.server";
import type { CrossBorderFlow } from "../../../db/vocabulary/crossborder";

type Db = Kysely<Database>;
type Tx = Transaction<Database> | Db;

/** Which status may follow which; every other move is refused with a 409. */
const TRANSITIONS: Record<ListingStatus, readonly ListingStatus[]> = {
  draft: ["pending_review", "withdrawn"],
  pending_review: ["published", "draft", "withdrawn"],
  // Back to draft only by a moderation decision (takeDownListing); owners close or withdraw.
  published: ["closed", "withdrawn", "draft"],
  closed: [],
  withdrawn: [],
};

export function canTransition(from: ListingStatus, to: ListingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Closed and withdrawn listings go nowhere and can no longer be edited. */
const isFinal = (status: ListingStatus) => TRANSITIONS[status].length === 0;

/** The moves an owner makes; the secretariat's review makes the others. */
export const OWNER_MOVES = ["pending_review", "closed", "withdrawn"] as const;
export type OwnerMove = (typeof OWNER_MOVES)[number];

/** What the reader may do with a listing, decided here so that its page only renders it. */
export function listingCan(listing: Pick<ListingView, "own" | "status"> & { hiddenReason?: string | null }, actor: Actor | null) {
  return {
    edit: listing.own && !isFinal(listing.status),
    // A listing hidden by the moderators goes back only by their restoration (or the owner's appeal).
    moves: listing.own ? OWNER_MOVES.filter((to) => canTransition(listing.status, to) && !(listing.hiddenReason && to === "pending_review")) : [],
    expressInterest: !listing.own && listing.status === "published" && !!actor,
    seeMatches: listing.own && listing.status === "published",
  };
}

/** Posting needs an approved organisation; any of its members may post for it. */
const requirePoster = (actor: Actor | null) => requireApprovedMember(actor);

/** What search (the vector) and matching (the word list) read, from the same tokens. */
export function indexColumns(input: Pick<ListingInput, "title" | "titleEn" | "description" | "tags" | "scenario" | "sampleDescription" | "fields">) {
  const title = documentTokens(input.titleEn ? `${input.title} ${input.titleEn}` : input.title);
  const body = documentTokens(
    [
      input.description,
      input.tags.join(" "),
      input.scenario,
      input.sampleDescription ?? "",
      input.fields.map((f) => `${f.name} ${f.meaning ?? ""}`).join(" "),
    ].join(" \n "),
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
    // A declared flow across the border is a cross-border listing, ticked or not.
    compliance: JSON.stringify({
      ...input.compliance,
      crossBorder: input.compliance.crossBorder || (!!input.crossBorderFlow && input.crossBorderFlow.direction !== "none"),
    }),
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

/** One external id per organisation: an import or an edit that reuses one is told which field. */
const LISTING_DUPLICATES: DuplicateRefusals = { listings_external: ["errors.externalIdTaken", "externalId"] };

export async function createListing(db: Db, actor: Actor | null, input: ListingInput, options: { submit?: boolean } = {}): Promise<string> {
  const a = requirePoster(actor);
  return refusingDuplicates(LISTING_DUPLICATES, () =>
    db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("listings")
        .values({ ...toColumns(input), org_id: a.org.id, created_by: a.id, status: options.submit ? "pending_review" : "draft" })
        .returning(["id", "status"])
        .executeTakeFirstOrThrow();
      await saveDeclaration(trx, row.id, input.crossBorderFlow, input.compliance);
      await writeAudit(trx, {
        actorId: a.id,
        action: "listing.created",
        entityType: "listing",
        entityId: row.id,
        after: { status: row.status, title: input.title },
      });
      return row.id;
    }),
  );
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
  return refusingDuplicates(LISTING_DUPLICATES, () =>
    db.transaction().execute(async (trx) => {
      const before = await lockOwned(trx, a, listingId);
      if (isFinal(before.status)) throw conflict("errors.listingFinal");
      if (before.kind !== input.kind) throw conflict("errors.kindFixed", "kind");
      const published = before.status === "published";
      if (published) {
        const { search_vector: _sv, match_terms: _mt, ...snapshot } = before;
        await trx
          .insertInto("listing_versions")
          .values({ listing_id: listingId, version: before.version, snapshot: JSON.stringify(snapshot), edited_by: a.id })
          .execute();
        await reindexForMatching(trx, listingId, -1);
      }
      await trx
        .updateTable("listings")
        .set({ ...toColumns(input), version: before.version + 1, updated_at: sql`now()` })
        .where("id", "=", listingId)
        .execute();
      await saveDeclaration(trx, listingId, input.crossBorderFlow, input.compliance);
      if (published) await reindexForMatching(trx, listingId, 1);
      await writeAudit(trx, {
        actorId: a.id,
        action: "listing.edited",
        entityType: "listing",
        entityId: listingId,
        before: { version: before.version, title: before.title },
        after: { version: before.version + 1, title: input.title },
      });
    }),
  );
}

async function transition(
  trx: Tx,
  actor: Actor,
  row: { id: string; status: ListingStatus; org_id: string; title: string; title_en: string | null },
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
  return storeNotifications(trx, await memberIdsOf(trx, row.org_id, { except: actor.id }), "listing.status", {
    listingId: row.id,
    title: row.title,
    titleEn: row.title_en,
    status: to,
    reason: extra.reason ?? null,
  });
}

/**
 * A moderation decision (app/models/trust) takes a published listing down, through the same
 * transition as every status change (match lists, audit, owner told): "hide" returns it to draft
 * with the reason, for the owner to correct and submit for review again; "suspend" closes it.
 * A listing already out of public view is left as it is.
 */
export async function takeDownListing(trx: Transaction<Database>, actor: Actor, listingId: string, how: "hide" | "suspend", reason: string) {
  const row = await trx.selectFrom("listings").selectAll().where("id", "=", listingId).forUpdate().executeTakeFirst();
  if (!row) throw notFound();
  if (row.status !== "published") return [];
  return transition(trx, actor, row, how === "hide" ? "draft" : "closed", { reason });
}

/**
 * The moderators hide a listing (app/models/trust/moderation.server.ts): a published one leaves
 * publication through the same transition as every status change (match lists, audit, owner told),
 * and the mark keeps it from review until they restore it.
 */
export async function hideListing(trx: Transaction<Database>, actor: Actor, listingId: string, reason: string) {
  const row = await trx.selectFrom("listings").selectAll().where("id", "=", listingId).forUpdate().executeTakeFirst();
  if (!row) throw notFound();
  await trx
    .updateTable("listings")
    .set({ hidden_at: sql`now()`, hidden_reason: reason })
    .where("id", "=", listingId)
    .execute();
  return row.status === "published" ? transition(trx, actor, row, "draft", { reason }) : [];
}

/**
 * Restoration: the mark goes, and a listing that was taken down from publication is published
 * again at once, its match lists computed afresh (counterparts are told as on first publication).
 */
export async function restoreListing(trx: Transaction<Database>, actor: Actor, listingId: string) {
  const row = await trx.selectFrom("listings").selectAll().where("id", "=", listingId).forUpdate().executeTakeFirst();
  if (!row) throw notFound();
  await trx.updateTable("listings").set({ hidden_at: null, hidden_reason: null }).where("id", "=", listingId).execute();
  if (!row.hidden_at || row.status !== "draft" || !row.published_at) return [];
  await trx
    .updateTable("listings")
    .set({ status: "published", published_at: sql`now()`, review_notes: null, updated_at: sql`now()` })
    .where("id", "=", listingId)
    .execute();
  await reindexForMatching(trx, listingId, 1);
  await writeAudit(trx, {
    actorId: actor.id,
    action: "listing.published",
    entityType: "listing",
    entityId: listingId,
    before: { status: row.status },
    after: { status: "published", restored: true },
  });
  return publishMatches(trx, listingId);
}

/** Owner moves: submit for review, close, withdraw. */
export async function changeListingStatus(db: Db, actor: Actor | null, listingId: string, to: OwnerMove, realtime: Realtime = noRealtime): Promise<void> {
  const a = requirePoster(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const row = await lockOwned(trx, a, listingId);
    if (row.hidden_at && to === "pending_review") throw conflict("moderation.errors.hiddenListing");
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
    const compliance = row.compliance;
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
  /** The cross-border declaration (issue 35), read by getListing. */
  crossBorderFlow?: CrossBorderFlow | null;
  contact: { name: string; email: string; phone: string | null } | null;
  externalId: string | null;
  reviewNotes: string | null;
  /** Why the moderators hid it: told to the owner and the staff only. */
  hiddenReason: string | null;
  version: number;
  publishedAt: Date | null;
  updatedAt: Date;
  own: boolean;
}

const num = (v: string | null) => (v === null ? null : Number(v));

function baseQuery(db: Tx) {
  return db
    .selectFrom("listings")
    .innerJoin("organisations", "organisations.id", "listings.org_id")
    .selectAll("listings")
    .select(["organisations.name_zh as org_name", "organisations.name_en as org_name_en"]);
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
    fields: row.fields,
    sampleDescription: row.sample_description,
    scenario: row.scenario,
    compliance: row.compliance,
    // Contact details are for signed-in members of approved organisations only.
    contact: own || isApprovedMember(actor) || isSecretariat(actor) ? { name: row.contact_name, email: row.contact_email, phone: row.contact_phone } : null,
    externalId: own ? row.external_id : null,
    reviewNotes: own || isSecretariat(actor) ? row.review_notes : null,
    hiddenReason: row.hidden_at && (own || isModerator(actor)) ? (row.hidden_reason ?? "") : null,
    version: row.version,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    own,
  };
}

/** Published listings are public; the rest only to the owner organisation and the secretariat. */
export async function getListing(db: Db, actor: Actor | null, listingId: string): Promise<ListingView> {
  const row = await baseQuery(db)
    .select(
      sql<Parameters<typeof flowFromRow>[0] | null>`(select to_jsonb(d) from crossborder_declarations d where d.listing_id = listings.id)`.as("crossborder"),
    )
    .where("listings.id", "=", listingId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const own = actor?.org?.id === row.org_id;
  if (row.status !== "published" && !own && !isSecretariat(actor)) throw notFound();
  return { ...toView(row, actor), crossBorderFlow: row.crossborder ? flowFromRow(row.crossborder) : null };
}

export async function listingHistory(db: Db, actor: Actor | null, listingId: string) {
  await getListing(db, actor, listingId);
  const rows = await db
    .selectFrom("listing_versions")
    .select(["version", "snapshot", "created_at"])
    .where("listing_id", "=", listingId)
    .orderBy("version", "desc")
    .execute();
  return rows.map((r) => ({
    version: r.version,
    title: r.snapshot.title,
    description: r.snapshot.description,
    createdAt: r.created_at,
  }));
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
