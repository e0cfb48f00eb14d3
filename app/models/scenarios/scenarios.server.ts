import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { forbidden, invalid, notFound } from "../core/errors";
import { deliver, noRealtime, type Realtime } from "../core/notifications.server";
import { type Actor, requireApprovedMember, type MemberActor, approvedOrg, isModerator } from "../core/permissions";
import { MAX_IMAGES, type Figure, type ScenarioInput, type ScenarioQuery, type ScenarioStage } from "./scenario-schema";
import { dropUnusedImages, prepareUploads, storeImages } from "../media/images.server";
import { UPLOADED_IMAGE_PATH } from "../media/image-paths";
import { documentTokens, weightedVector, toTsQuery } from "../core/search.server";
import { snippet, type Snippet } from "../core/snippet.server";
import { inviteParticipants } from "./consent.server";
import type { CrossBorderArea } from "../../../db/vocabulary/crossborder-areas";

type Db = Kysely<Database>;
type Tx = Transaction<Database> | Db;

/** Stages only move forward, one step at a time, signed off by the secretariat (consent.server.ts). */
const NEXT_STAGE: Record<ScenarioStage, ScenarioStage | null> = { proposed: "pilot", pilot: "demonstration", demonstration: null };

export function canAdvance(from: ScenarioStage, to: ScenarioStage): boolean {
  return NEXT_STAGE[from] === to;
}

type Poster = MemberActor;

/** Publishing needs an approved organisation; any of its members may act for it. */
const requirePublisher = (actor: Actor | null): Poster => requireApprovedMember(actor, "scenarios.errors.orgNotApproved");

function searchVector(input: Pick<ScenarioInput, "title" | "titleEn" | "problem" | "dataDescription" | "results">) {
  const title = documentTokens(input.titleEn ? `${input.title} ${input.titleEn}` : input.title);
  const body = documentTokens([input.problem, input.dataDescription ?? "", input.results.map((r) => `${r.label} ${r.unit ?? ""}`).join(" ")].join(" \n "));
  return weightedVector(title, body);
}

function toColumns(input: ScenarioInput) {
  return {
    title: input.title,
    title_en: input.titleEn,
    sector: input.sector,
    region: input.region,
    problem: input.problem,
    data_description: input.dataDescription,
    delivery_modes: input.deliveryModes,
    results: JSON.stringify(input.results),
    image_urls: input.imageUrls,
    crossborder_areas: input.crossborderAreas.length ? input.crossborderAreas : null,
    search_vector: searchVector(input),
  };
}

/** Linked listings must be published; participants must be other approved organisations; uploaded images the organisation's own. */
async function checkLinks(trx: Tx, orgId: string, input: ScenarioInput) {
  const imageIds = input.imageUrls.flatMap((u) => UPLOADED_IMAGE_PATH.exec(u)?.[1] ?? []);
  if (imageIds.length) {
    const found = await trx.selectFrom("images").select("id").where("id", "in", imageIds).where("org_id", "=", orgId).execute();
    if (found.length !== new Set(imageIds).size) throw invalid("scenarios.v.ownImage", "imageUrls");
  }
  if (input.listingIds.length) {
    const found = await trx.selectFrom("listings").select("id").where("id", "in", input.listingIds).where("status", "=", "published").execute();
    if (found.length !== input.listingIds.length) throw invalid("scenarios.errors.listingNotPublished", "listingIds");
  }
  if (input.participantOrgIds.length) {
    if (input.participantOrgIds.includes(orgId)) throw invalid("scenarios.errors.participantSelf", "participantOrgIds");
    const found = await trx.selectFrom("organisations").select("id").where("id", "in", input.participantOrgIds).where("status", "=", "approved").execute();
    if (found.length !== input.participantOrgIds.length) throw invalid("scenarios.errors.participantInvalid", "participantOrgIds");
  }
}

/**
 * Links the listings, and names the participants: an organisation already named keeps its answer
 * (confirmed, declined or still invited); a newly named one is invited (consent.server.ts).
 */
async function writeLinks(trx: Tx, scenarioId: string, input: ScenarioInput) {
  await trx.deleteFrom("scenario_listings").where("scenario_id", "=", scenarioId).execute();
  if (input.listingIds.length) {
    await trx
      .insertInto("scenario_listings")
      .values(input.listingIds.map((listing_id, position) => ({ scenario_id: scenarioId, listing_id, position })))
      .execute();
  }
  let gone = trx.deleteFrom("scenario_participants").where("scenario_id", "=", scenarioId);
  if (input.participantOrgIds.length) gone = gone.where("org_id", "not in", input.participantOrgIds);
  await gone.execute();
  if (input.participantOrgIds.length) {
    await trx
      .insertInto("scenario_participants")
      .values(input.participantOrgIds.map((org_id, position) => ({ scenario_id: scenarioId, org_id, position })))
      .onConflict((oc) => oc.columns(["scenario_id", "org_id"]).doUpdateSet({ position: (eb) => eb.ref("excluded.position") }))
      .execute();
  }
}

/** `uploads` are image files from the form, added after the images the input keeps. */
export async function createScenario(
  db: Db,
  actor: Actor | null,
  given: ScenarioInput,
  realtime: Realtime = noRealtime,
  uploads: readonly Uint8Array[] = [],
): Promise<string> {
  const a = requirePublisher(actor);
  const images = await prepareUploads(uploads, given.imageUrls.length, MAX_IMAGES, "imageFiles");
  const { id, notes } = await db.transaction().execute(async (trx) => {
    await checkLinks(trx, a.org.id, given);
    const input = { ...given, imageUrls: [...given.imageUrls, ...(await storeImages(trx, a, images))] };
    const row = await trx
      .insertInto("scenarios")
      .values({ ...toColumns(input), org_id: a.org.id, created_by: a.id })
      .returning(["id", "stage"])
      .executeTakeFirstOrThrow();
    await writeLinks(trx, row.id, input);
    await writeAudit(trx, {
      actorId: a.id,
      action: "scenario.created",
      entityType: "scenario",
      entityId: row.id,
      after: { title: input.title, stage: row.stage, listingIds: input.listingIds, participantOrgIds: input.participantOrgIds },
    });
    return { id: row.id, notes: await inviteParticipants(trx, a, row.id, input.title, input.participantOrgIds) };
  });
  deliver(realtime, notes);
  return id;
}

async function lockOwned(trx: Tx, actor: Poster, scenarioId: string) {
  const row = await trx.selectFrom("scenarios").selectAll().where("id", "=", scenarioId).forUpdate().executeTakeFirst();
  if (!row) throw notFound();
  if (row.org_id !== actor.org.id) throw forbidden("scenarios.errors.notYours");
  return row;
}

/** Only the owner organisation edits; the audit row keeps what changed. */
export async function updateScenario(
  db: Db,
  actor: Actor | null,
  scenarioId: string,
  given: ScenarioInput,
  realtime: Realtime = noRealtime,
  uploads: readonly Uint8Array[] = [],
): Promise<void> {
  const a = requirePublisher(actor);
  const images = await prepareUploads(uploads, given.imageUrls.length, MAX_IMAGES, "imageFiles");
  const notes = await db.transaction().execute(async (trx) => {
    const before = await lockOwned(trx, a, scenarioId);
    await checkLinks(trx, a.org.id, given);
    const input = { ...given, imageUrls: [...given.imageUrls, ...(await storeImages(trx, a, images))] };
    const oldParticipants = (await trx.selectFrom("scenario_participants").select("org_id").where("scenario_id", "=", scenarioId).execute()).map(
      (r) => r.org_id,
    );
    const oldListings = (await trx.selectFrom("scenario_listings").select("listing_id").where("scenario_id", "=", scenarioId).execute()).map(
      (r) => r.listing_id,
    );
    await trx
      .updateTable("scenarios")
      .set({ ...toColumns(input), version: before.version + 1, updated_at: sql`now()` })
      .where("id", "=", scenarioId)
      .execute();
    await writeLinks(trx, scenarioId, input);
    // Pictures taken off the scenario stop being stored and served (unless another scenario shows them).
    await dropUnusedImages(
      trx,
      a.org.id,
      before.image_urls.filter((u) => !input.imageUrls.includes(u)),
    );
    await writeAudit(trx, {
      actorId: a.id,
      action: "scenario.edited",
      entityType: "scenario",
      entityId: scenarioId,
      before: {
        version: before.version,
        title: before.title,
        sector: before.sector,
        region: before.region,
        imageUrls: before.image_urls,
        listingIds: oldListings,
        participantOrgIds: oldParticipants,
      },
      after: {
        version: before.version + 1,
        title: input.title,
        sector: input.sector,
        region: input.region,
        imageUrls: input.imageUrls,
        listingIds: input.listingIds,
        participantOrgIds: input.participantOrgIds,
      },
    });
    const added = input.participantOrgIds.filter((id) => !oldParticipants.includes(id));
    return inviteParticipants(trx, a, scenarioId, input.title, added);
  });
  deliver(realtime, notes);
}

export interface ScenarioView {
  id: string;
  orgId: string;
  orgName: string;
  orgType: string;
  title: string;
  titleEn: string | null;
  sector: string;
  region: string;
  problem: string;
  dataDescription: string | null;
  deliveryModes: string[];
  results: Figure[];
  imageUrls: string[];
  /** The areas of cross-border mutual recognition it serves (issue 35); empty when it stays in the mainland. */
  crossborderAreas: CrossBorderArea[];
  stage: ScenarioStage;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  listings: { id: string; title: string; kind: string; orgName: string }[];
  participants: { id: string; name: string; type: string; region: string }[];
  /** Every organisation the publisher named, whatever its answer (the publisher's edit form only). */
  namedOrgIds: string[];
  catalogs: { year: number; title: string; demonstration: boolean }[];
  own: boolean;
  nextStage: ScenarioStage | null;
}

/** Scenarios are public; linked listings are shown only while they are published. */
export async function getScenario(db: Db, actor: Actor | null, scenarioId: string): Promise<ScenarioView> {
  const row = await db
    .selectFrom("scenarios")
    .innerJoin("organisations", "organisations.id", "scenarios.org_id")
    .selectAll("scenarios")
    .select(["organisations.name_zh as org_name", "organisations.type as org_type"])
    .where("scenarios.id", "=", scenarioId)
    .executeTakeFirst();
  if (!row) throw notFound();
  // Hidden by moderation (app/models/trust): only its publisher and the moderators still see it.
  if (row.hidden_at && approvedOrg(actor)?.id !== row.org_id && !isModerator(actor)) throw notFound();
  const [listings, participants, catalogs] = await Promise.all([
    db
      .selectFrom("scenario_listings")
      .innerJoin("listings", "listings.id", "scenario_listings.listing_id")
      .innerJoin("organisations", "organisations.id", "listings.org_id")
      .select(["listings.id", "listings.title", "listings.kind", "organisations.name_zh as org_name"])
      .where("scenario_listings.scenario_id", "=", scenarioId)
      .where("listings.status", "=", "published")
      .orderBy("scenario_listings.position")
      .execute(),
    db
      .selectFrom("scenario_participants")
      .innerJoin("organisations", "organisations.id", "scenario_participants.org_id")
      .select(["organisations.id", "organisations.name_zh", "organisations.type", "organisations.region", "scenario_participants.status"])
      .where("scenario_participants.scenario_id", "=", scenarioId)
      .orderBy("scenario_participants.position")
      .execute(),
    db
      .selectFrom("catalog_entries")
      .innerJoin("catalog_editions", "catalog_editions.id", "catalog_entries.edition_id")
      .select(["catalog_editions.year", "catalog_editions.title", "catalog_entries.demonstration"])
      .where("catalog_entries.scenario_id", "=", scenarioId)
      .where("catalog_editions.status", "=", "published")
      .orderBy("catalog_editions.year", "desc")
      .execute(),
  ]);
  const own = approvedOrg(actor)?.id === row.org_id;
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    orgType: row.org_type,
    title: row.title,
    titleEn: row.title_en,
    sector: row.sector,
    region: row.region,
    problem: row.problem,
    dataDescription: row.data_description,
    deliveryModes: row.delivery_modes,
    results: row.results,
    imageUrls: row.image_urls,
    crossborderAreas: (row.crossborder_areas ?? []) as CrossBorderArea[],
    stage: row.stage,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    listings: listings.map((l) => ({ id: l.id, title: l.title, kind: l.kind, orgName: l.org_name })),
    // Only organisations that confirmed are named (consent.server.ts); the publisher's form keeps every one it named.
    participants: participants.filter((p) => p.status === "confirmed").map((p) => ({ id: p.id, name: p.name_zh, type: p.type, region: p.region })),
    namedOrgIds: own ? participants.map((p) => p.id) : [],
    catalogs,
    own,
    nextStage: NEXT_STAGE[row.stage],
  };
}

/** What the scenario form offers to link: published listings and other approved organisations. */
export async function scenarioFormOptions(db: Db, actor: Actor | null) {
  const a = requirePublisher(actor);
  const [listings, orgs] = await Promise.all([
    db
      .selectFrom("listings")
      .innerJoin("organisations", "organisations.id", "listings.org_id")
      .select(["listings.id", "listings.title", "listings.kind", "organisations.name_zh as org_name"])
      .where("listings.status", "=", "published")
      .orderBy("listings.published_at", "desc")
      .limit(300)
      .execute(),
    db
      .selectFrom("organisations")
      .select(["id", "name_zh", "type"])
      .where("status", "=", "approved")
      .where("id", "!=", a.org.id)
      .orderBy("name_zh")
      .limit(500)
      .execute(),
  ]);
  return {
    listings: listings.map((l) => ({ id: l.id, title: l.title, kind: l.kind, orgName: l.org_name })),
    orgs: orgs.map((o) => ({ id: o.id, name: o.name_zh, type: o.type })),
  };
}

export const SCENARIOS_PAGE_SIZE = 20;

export interface ScenarioHit {
  id: string;
  title: string;
  titleEn: string | null;
  orgName: string;
  sector: string;
  region: string;
  stage: ScenarioStage;
  deliveryModes: string[];
  crossborderAreas: CrossBorderArea[];
  imageUrl: string | null;
  updatedAt: Date;
  snippet: Snippet[];
}

/**
 * Browse and search scenarios: the listings' Chinese-aware search (Simplified and Traditional),
 * filters on sector, stage, region and the type of the organisations involved (the owner or a participant).
 */
export async function searchScenarios(db: Db, query: ScenarioQuery): Promise<{ hits: ScenarioHit[]; total: number; pageSize: number }> {
  const tsq = query.q ? toTsQuery(query.q) : null;
  if (query.q && !tsq) return { hits: [], total: 0, pageSize: SCENARIOS_PAGE_SIZE };
  let q = db.selectFrom("scenarios").innerJoin("organisations", "organisations.id", "scenarios.org_id").where("scenarios.hidden_at", "is", null);
  if (query.sector) q = q.where("scenarios.sector", "=", query.sector);
  if (query.stage) q = q.where("scenarios.stage", "=", query.stage);
  if (query.region) q = q.where("scenarios.region", "=", query.region);
  if (query.orgType) {
    const type = query.orgType;
    q = q.where((eb) =>
      eb.or([
        eb("organisations.type", "=", type),
        eb.exists(
          eb
            .selectFrom("scenario_participants as sp")
            .innerJoin("organisations as po", "po.id", "sp.org_id")
            .select(sql`1`.as("one"))
            .whereRef("sp.scenario_id", "=", "scenarios.id")
            .where("sp.status", "=", "confirmed")
            .where("po.type", "=", type),
        ),
      ]),
    );
  }
  if (tsq) q = q.where(sql<boolean>`scenarios.search_vector @@ ${tsq}::tsquery`);
  const rank = tsq ? sql<number>`ts_rank(scenarios.search_vector, ${tsq}::tsquery)` : sql<number>`0`;
  const ordered = tsq ? q.orderBy(rank, "desc").orderBy("scenarios.updated_at", "desc") : q.orderBy("scenarios.updated_at", "desc");
  const [rows, total] = await Promise.all([
    ordered
      .select([
        "scenarios.id",
        "scenarios.title",
        "scenarios.title_en",
        "scenarios.problem",
        "scenarios.sector",
        "scenarios.region",
        "scenarios.stage",
        "scenarios.delivery_modes",
        "scenarios.image_urls",
        "scenarios.crossborder_areas",
        "scenarios.updated_at",
        "organisations.name_zh as org_name",
      ])
      .orderBy("scenarios.id")
      .limit(SCENARIOS_PAGE_SIZE)
      .offset((query.page - 1) * SCENARIOS_PAGE_SIZE)
      .execute(),
    q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: total.n,
    pageSize: SCENARIOS_PAGE_SIZE,
    hits: rows.map((r) => ({
      id: r.id,
      title: r.title,
      titleEn: r.title_en,
      orgName: r.org_name,
      sector: r.sector,
      region: r.region,
      stage: r.stage,
      deliveryModes: r.delivery_modes,
      crossborderAreas: (r.crossborder_areas ?? []) as CrossBorderArea[],
      imageUrl: r.image_urls[0] ?? null,
      updatedAt: r.updated_at,
      snippet: snippet(r.problem, query.q ?? ""),
    })),
  };
}

export async function listOrgScenarios(db: Db, actor: Actor | null) {
  const a = requirePublisher(actor);
  return db.selectFrom("scenarios").select(["id", "title", "stage", "updated_at"]).where("org_id", "=", a.org.id).orderBy("updated_at", "desc").execute();
}
