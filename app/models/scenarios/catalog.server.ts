/** 应用场景推荐目录: yearly editions of recommended scenarios, curated by the secretariat. */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { conflict, invalid, notFound, refusingDuplicates } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime, type StoredNotification } from "../core/notifications.server";
import { isSecretariat, requireSecretariat, type Actor } from "../core/permissions";
import type { EditionInput, Figure, ScenarioStage } from "./scenario-schema";
import { memberIdsOf } from "../core/org-members.server";

type Db = Kysely<Database>;
type Tx = Transaction<Database> | Db;

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
  /** The areas of cross-border mutual recognition it serves (issue 35); empty when it stays in the mainland. */
  crossborderAreas: string[];
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
      "scenarios.crossborder_areas",
      "scenarios.problem",
      "scenarios.results",
      "scenarios.image_urls",
      "organisations.name_zh as org_name",
      "catalog_entries.demonstration",
      sql<
        string[]
      >`coalesce((select array_agg(o.name_zh order by sp.position) from scenario_participants sp join organisations o on o.id = sp.org_id where sp.scenario_id = scenarios.id and sp.status = 'confirmed'), '{}')`.as(
        "participants",
      ),
    ])
    .where("catalog_entries.edition_id", "=", editionId)
    // Hidden by the moderators: gone from the catalog page and its CSV until restored.
    .where("scenarios.hidden_at", "is", null)
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
    crossborderAreas: r.crossborder_areas ?? [],
    problem: r.problem,
    results: r.results,
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
  return refusingDuplicates({ catalog_editions_year_key: ["scenarios.errors.yearTaken", "year"] }, () =>
    db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("catalog_editions")
        .values({ year: input.year, title: input.title, intro: input.intro, created_by: a.id })
        .returning("id")
        .executeTakeFirstOrThrow();
      await writeAudit(trx, { actorId: a.id, action: "catalog.created", entityType: "catalog_edition", entityId: row.id, after: input });
      return row.id;
    }),
  );
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
    if (!scenario) throw invalid("scenarios.errors.scenarioMissing", "scenarioId");
    const before = await trx
      .selectFrom("catalog_entries")
      .select("demonstration")
      .where("edition_id", "=", editionId)
      .where("scenario_id", "=", scenarioId)
      .executeTakeFirst();
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
    const removed = await trx
      .deleteFrom("catalog_entries")
      .where("edition_id", "=", editionId)
      .where("scenario_id", "=", scenarioId)
      .returning("demonstration")
      .executeTakeFirst();
    if (!removed) throw notFound();
    await writeAudit(trx, {
      actorId: a.id,
      action: "catalog.entry_removed",
      entityType: "catalog_edition",
      entityId: editionId,
      before: { scenarioId, demonstration: removed.demonstration },
    });
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
    await trx
      .updateTable("catalog_editions")
      .set({ status: "published", published_at: sql`now()`, updated_at: sql`now()` })
      .where("id", "=", editionId)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "catalog.published",
      entityType: "catalog_edition",
      entityId: editionId,
      before: { status: "draft" },
      after: { status: "published", year: row.year, entries: entries.length },
    });
    const out: StoredNotification[] = [];
    for (const e of entries) {
      out.push(
        ...(await storeNotifications(trx, await memberIdsOf(trx, e.org_id), "scenario.recommended", {
          scenarioId: e.id,
          title: e.title,
          year: row.year,
          demonstration: e.demonstration,
        })),
      );
    }
    return out;
  });
  deliver(realtime, notes);
}
