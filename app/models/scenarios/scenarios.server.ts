import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { DomainError, conflict, forbidden, isUniqueViolation, notFound } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime, type StoredNotification } from "../core/notifications.server";
import { isSecretariat, requireSecretariat, type Actor, requireApprovedMember, type MemberActor } from "../core/permissions";
import type { EditionInput, Figure, ScenarioInput, ScenarioQuery, ScenarioStage } from "./scenario-schema";
import { documentTokens, weightedVector, snippet, toTsQuery, type Snippet } from "../core/search.server";

type Db = Kysely<Database>;
type Tx = Transaction<Database> | Db;

/** Stages only move forward, one step at a time, by the owner organisation. */
const NEXT_STAGE: Record<ScenarioStage, ScenarioStage | null> = { proposed: "pilot", pilot: "demonstration", demonstration: null };

export function canAdvance(from: ScenarioStage, to: ScenarioStage): boolean {
  return NEXT_STAGE[from] === to;
}

type Poster = MemberActor;

/** Publishing needs an approved organisation; any of its members may act for it. */
const requirePublisher = (actor: Actor | null): Poster => requireApprovedMember(actor, "scenarios.errors.orgNotApproved");

const fieldError = (key: string, field: string) => new DomainError(400, key, {}, { [field]: [key] });

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
    search_vector: searchVector(input),
  };
}

/** Linked listings must be published; participants must be other approved organisations. */
async function checkLinks(trx: Tx, orgId: string, input: ScenarioInput) {
  if (input.listingIds.length) {
    const found = await trx.selectFrom("listings").select("id").where("id", "in", input.listingIds).where("status", "=", "published").execute();
    if (found.length !== input.listingIds.length) throw fieldError("scenarios.errors.listingNotPublished", "listingIds");
  }
  if (input.participantOrgIds.length) {
    if (input.participantOrgIds.includes(orgId)) throw fieldError("scenarios.errors.participantSelf", "participantOrgIds");
    const found = await trx.selectFrom("organisations").select("id").where("id", "in", input.participantOrgIds).where("status", "=", "approved").execute();
    if (found.length !== input.participantOrgIds.length) throw fieldError("scenarios.errors.participantInvalid", "participantOrgIds");
  }
}

async function writeLinks(trx: Tx, scenarioId: string, input: ScenarioInput) {
  await trx.deleteFrom("scenario_listings").where("scenario_id", "=", scenarioId).execute();
  await trx.deleteFrom("scenario_participants").where("scenario_id", "=", scenarioId).execute();
  if (input.listingIds.length) {
    await trx.insertInto("scenario_listings").values(input.listingIds.map((listing_id, position) => ({ scenario_id: scenarioId, listing_id, position }))).execute();
  }
  if (input.participantOrgIds.length) {
    await trx.insertInto("scenario_participants").values(input.participantOrgIds.map((org_id, position) => ({ scenario_id: scenarioId, org_id, position }))).execute();
  }
}

/** Tells the members of the participating organisations that they were named in a scenario. */
async function notifyParticipants(trx: Tx, actor: Actor, scenarioId: string, title: string, orgIds: string[]) {
  if (!orgIds.length) return [];
  const members = await trx.selectFrom("org_members").select("user_id").where("org_id", "in", orgIds).where("user_id", "!=", actor.id).execute();
  return storeNotifications(trx, [...new Set(members.map((m) => m.user_id))], "scenario.participant", { scenarioId, title });
}

export async function createScenario(db: Db, actor: Actor | null, input: ScenarioInput, realtime: Realtime = noRealtime): Promise<string> {
  const a = requirePublisher(actor);
  const { id, notes } = await db.transaction().execute(async (trx) => {
    await checkLinks(trx, a.org.id, input);
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
    return { id: row.id, notes: await notifyParticipants(trx, a, row.id, input.title, input.participantOrgIds) };
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
export async function updateScenario(db: Db, actor: Actor | null, scenarioId: string, input: ScenarioInput, realtime: Realtime = noRealtime): Promise<void> {
  const a = requirePublisher(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const before = await lockOwned(trx, a, scenarioId);
    await checkLinks(trx, a.org.id, input);
    const oldParticipants = (await trx.selectFrom("scenario_participants").select("org_id").where("scenario_id", "=", scenarioId).execute()).map((r) => r.org_id);
    const oldListings = (await trx.selectFrom("scenario_listings").select("listing_id").where("scenario_id", "=", scenarioId).execute()).map((r) => r.listing_id);
    await trx
      .updateTable("scenarios")
      .set({ ...toColumns(input), version: before.version + 1, updated_at: sql`now()` })
      .where("id", "=", scenarioId)
      .execute();
    await writeLinks(trx, scenarioId, input);
    await writeAudit(trx, {
      actorId: a.id,
      action: "scenario.edited",
      entityType: "scenario",
      entityId: scenarioId,
      before: { version: before.version, title: before.title, sector: before.sector, region: before.region, imageUrls: before.image_urls, listingIds: oldListings, participantOrgIds: oldParticipants },
      after: { version: before.version + 1, title: input.title, sector: input.sector, region: input.region, imageUrls: input.imageUrls, listingIds: input.listingIds, participantOrgIds: input.participantOrgIds },
    });
    const added = input.participantOrgIds.filter((id) => !oldParticipants.includes(id));
    return notifyParticipants(trx, a, scenarioId, input.title, added);
  });
  deliver(realtime, notes);
}

/** proposed -> pilot -> demonstration; anything else is a 409. */
export async function advanceScenarioStage(db: Db, actor: Actor | null, scenarioId: string, to: ScenarioStage, realtime: Realtime = noRealtime): Promise<void> {
  const a = requirePublisher(actor);
  const notes: StoredNotification[] = await db.transaction().execute(async (trx) => {
    const row = await lockOwned(trx, a, scenarioId);
    if (!canAdvance(row.stage, to)) throw conflict("scenarios.errors.badStage");
    await trx.updateTable("scenarios").set({ stage: to, updated_at: sql`now()` }).where("id", "=", scenarioId).execute();
    await writeAudit(trx, { actorId: a.id, action: `scenario.${to}`, entityType: "scenario", entityId: scenarioId, before: { stage: row.stage }, after: { stage: to } });
    const participants = (await trx.selectFrom("scenario_participants").select("org_id").where("scenario_id", "=", scenarioId).execute()).map((r) => r.org_id);
    const members = await trx.selectFrom("org_members").select("user_id").where("org_id", "in", [row.org_id, ...participants]).where("user_id", "!=", a.id).execute();
    return storeNotifications(trx, [...new Set(members.map((m) => m.user_id))], "scenario.stage", { scenarioId, title: row.title, stage: to });
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
  stage: ScenarioStage;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  listings: { id: string; title: string; kind: string; orgName: string }[];
  participants: { id: string; name: string; type: string; region: string }[];
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
      .select(["organisations.id", "organisations.name_zh", "organisations.type", "organisations.region"])
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
  const own = !!actor?.org && actor.org.id === row.org_id && actor.org.status === "approved";
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
    results: row.results as Figure[],
    imageUrls: row.image_urls,
    stage: row.stage,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    listings: listings.map((l) => ({ id: l.id, title: l.title, kind: l.kind, orgName: l.org_name })),
    participants: participants.map((p) => ({ id: p.id, name: p.name_zh, type: p.type, region: p.region })),
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
    db.selectFrom("organisations").select(["id", "name_zh", "type"]).where("status", "=", "approved").where("id", "!=", a.org.id).orderBy("name_zh").limit(500).execute(),
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
  let q = db.selectFrom("scenarios").innerJoin("organisations", "organisations.id", "scenarios.org_id");
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

// ---------------------------------------------------------------------------------------------
// 应用场景推荐目录: yearly editions curated by the secretariat.

export interface EditionSummary {
  id: string;
  year: number;
  title: string;
  intro: string;
  status: "draft" | "published";
  publishedAt: Date | null;
  entries: number;
  demonstrations: number;
}

export interface CatalogEntryView {
  scenarioId: string;
  title: string;
  orgName: string;
  sector: string;
  region: string;
  stage: ScenarioStage;
  deliveryModes: string[];
  problem: string;
  results: Figure[];
  imageUrl: string | null;
  participants: string[];
  demonstration: boolean;
}

function editionQuery(db: Tx) {
  return db
    .selectFrom("catalog_editions")
    .select([
      "catalog_editions.id",
      "catalog_editions.year",
      "catalog_editions.title",
      "catalog_editions.intro",
      "catalog_editions.status",
      "catalog_editions.published_at",
      sql<number>`(select count(*)::int from catalog_entries e where e.edition_id = catalog_editions.id)`.as("entries"),
      sql<number>`(select count(*)::int from catalog_entries e where e.edition_id = catalog_editions.id and e.demonstration)`.as("demonstrations"),
    ]);
}

const toSummary = (r: Awaited<ReturnType<ReturnType<typeof editionQuery>["executeTakeFirstOrThrow"]>>): EditionSummary => ({
  id: r.id,
  year: r.year,
  title: r.title,
  intro: r.intro,
  status: r.status,
  publishedAt: r.published_at,
  entries: r.entries,
  demonstrations: r.demonstrations,
});

/** Published editions for everyone; the secretariat also sees drafts. */
export async function listEditions(db: Db, actor: Actor | null): Promise<EditionSummary[]> {
  let q = editionQuery(db);
  if (!isSecretariat(actor)) q = q.where("catalog_editions.status", "=", "published");
  return (await q.orderBy("catalog_editions.year", "desc").execute()).map(toSummary);
}

async function entriesOf(db: Tx, editionId: string): Promise<CatalogEntryView[]> {
  const rows = await db
    .selectFrom("catalog_entries")
    .innerJoin("scenarios", "scenarios.id", "catalog_entries.scenario_id")
    .innerJoin("organisations", "organisations.id", "scenarios.org_id")
    .select([
      "scenarios.id",
      "scenarios.title",
      "scenarios.sector",
      "scenarios.region",
      "scenarios.stage",
      "scenarios.delivery_modes",
      "scenarios.problem",
      "scenarios.results",
      "scenarios.image_urls",
      "organisations.name_zh as org_name",
      "catalog_entries.demonstration",
      sql<string[]>`coalesce((select array_agg(o.name_zh order by sp.position) from scenario_participants sp join organisations o on o.id = sp.org_id where sp.scenario_id = scenarios.id), '{}')`.as(
        "participants",
      ),
    ])
    .where("catalog_entries.edition_id", "=", editionId)
    .orderBy("catalog_entries.demonstration", "desc")
    .orderBy("scenarios.sector")
    .orderBy("scenarios.title")
    .execute();
  return rows.map((r) => ({
    scenarioId: r.id,
    title: r.title,
    orgName: r.org_name,
    sector: r.sector,
    region: r.region,
    stage: r.stage,
    deliveryModes: r.delivery_modes,
    problem: r.problem,
    results: r.results as Figure[],
    imageUrl: r.image_urls[0] ?? null,
    participants: r.participants,
    demonstration: r.demonstration,
  }));
}

/** One edition by year with its entries: published for everyone, drafts for the secretariat only. */
export async function getEditionByYear(db: Db, actor: Actor | null, year: number): Promise<{ edition: EditionSummary; entries: CatalogEntryView[] }> {
  const row = await editionQuery(db).where("catalog_editions.year", "=", year).executeTakeFirst();
  if (!row || (row.status !== "published" && !isSecretariat(actor))) throw notFound();
  return { edition: toSummary(row), entries: await entriesOf(db, row.id) };
}

export async function getEdition(db: Db, actor: Actor | null, editionId: string) {
  requireSecretariat(actor);
  const row = await editionQuery(db).where("catalog_editions.id", "=", editionId).executeTakeFirst();
  if (!row) throw notFound();
  return { edition: toSummary(row), entries: await entriesOf(db, row.id) };
}

export async function createEdition(db: Db, actor: Actor | null, input: EditionInput): Promise<string> {
  const a = requireSecretariat(actor);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("catalog_editions")
        .values({ year: input.year, title: input.title, intro: input.intro, created_by: a.id })
        .returning("id")
        .executeTakeFirstOrThrow();
      await writeAudit(trx, { actorId: a.id, action: "catalog.created", entityType: "catalog_edition", entityId: row.id, after: input });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("scenarios.errors.yearTaken", "year");
    throw e;
  }
}

async function lockDraftEdition(trx: Tx, editionId: string) {
  const row = await trx.selectFrom("catalog_editions").selectAll().where("id", "=", editionId).forUpdate().executeTakeFirst();
  if (!row) throw notFound();
  if (row.status === "published") throw conflict("scenarios.errors.editionPublished");
  return row;
}

/** Adds a scenario to a draft edition (or changes its demonstration mark when it is already there). */
export async function setCatalogEntry(db: Db, actor: Actor | null, editionId: string, scenarioId: string, demonstration: boolean): Promise<void> {
  const a = requireSecretariat(actor);
  await db.transaction().execute(async (trx) => {
    await lockDraftEdition(trx, editionId);
    const scenario = await trx.selectFrom("scenarios").select(["id", "title"]).where("id", "=", scenarioId).executeTakeFirst();
    if (!scenario) throw fieldError("scenarios.errors.scenarioMissing", "scenarioId");
    const before = await trx.selectFrom("catalog_entries").select("demonstration").where("edition_id", "=", editionId).where("scenario_id", "=", scenarioId).executeTakeFirst();
    await trx
      .insertInto("catalog_entries")
      .values({ edition_id: editionId, scenario_id: scenarioId, demonstration })
      .onConflict((oc) => oc.columns(["edition_id", "scenario_id"]).doUpdateSet({ demonstration }))
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: before ? "catalog.entry_changed" : "catalog.entry_added",
      entityType: "catalog_edition",
      entityId: editionId,
      before: before ? { scenarioId, demonstration: before.demonstration } : undefined,
      after: { scenarioId, title: scenario.title, demonstration },
    });
  });
}

export async function removeCatalogEntry(db: Db, actor: Actor | null, editionId: string, scenarioId: string): Promise<void> {
  const a = requireSecretariat(actor);
  await db.transaction().execute(async (trx) => {
    await lockDraftEdition(trx, editionId);
    const removed = await trx.deleteFrom("catalog_entries").where("edition_id", "=", editionId).where("scenario_id", "=", scenarioId).returning("demonstration").executeTakeFirst();
    if (!removed) throw notFound();
    await writeAudit(trx, { actorId: a.id, action: "catalog.entry_removed", entityType: "catalog_edition", entityId: editionId, before: { scenarioId, demonstration: removed.demonstration } });
  });
}

/** Publishing makes the edition public and final; the organisations of its scenarios are told. */
export async function publishEdition(db: Db, actor: Actor | null, editionId: string, realtime: Realtime = noRealtime): Promise<void> {
  const a = requireSecretariat(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const row = await lockDraftEdition(trx, editionId);
    const entries = await trx
      .selectFrom("catalog_entries")
      .innerJoin("scenarios", "scenarios.id", "catalog_entries.scenario_id")
      .select(["scenarios.id", "scenarios.title", "scenarios.org_id", "catalog_entries.demonstration"])
      .where("catalog_entries.edition_id", "=", editionId)
      .execute();
    if (entries.length === 0) throw conflict("scenarios.errors.editionEmpty");
    await trx.updateTable("catalog_editions").set({ status: "published", published_at: sql`now()`, updated_at: sql`now()` }).where("id", "=", editionId).execute();
    await writeAudit(trx, { actorId: a.id, action: "catalog.published", entityType: "catalog_edition", entityId: editionId, before: { status: "draft" }, after: { status: "published", year: row.year, entries: entries.length } });
    const out: StoredNotification[] = [];
    for (const e of entries) {
      const members = await trx.selectFrom("org_members").select("user_id").where("org_id", "=", e.org_id).execute();
      out.push(...(await storeNotifications(trx, members.map((m) => m.user_id), "scenario.recommended", { scenarioId: e.id, title: e.title, year: row.year, demonstration: e.demonstration })));
    }
    return out;
  });
  deliver(realtime, notes);
}

/** RFC 4180 cell: quoted when it holds a comma, quote or line break; formula-looking text is defused. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: unknown[][]): string {
  // The BOM lets spreadsheet programs read the Chinese text as UTF-8.
  return "\uFEFF" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
