import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { Compliance } from "../../../db/vocabulary/marketplace";
import type { CrossBorderFlow } from "../../../db/vocabulary/crossborder";
import { requireSecretariat, type Actor } from "../core/permissions";
import type { FlowQuery } from "./declaration-schema";
import { ROUTES, routeFor, type Declaration, type Route, type RouteResult } from "./routes";

type Tx = Transaction<Database> | Kysely<Database>;

/** The rule table's input: the flow as declared, with personal information and important data from the listing's compliance declaration. */
export function declarationOf(flow: CrossBorderFlow, compliance: Pick<Compliance, "personalInfo" | "importantData">): Declaration {
  return {
    direction: flow.direction,
    personalInfo: compliance.personalInfo,
    people: flow.people,
    sensitivePeople: flow.sensitivePeople,
    importantData: compliance.importantData,
    researchData: flow.researchData,
    ciio: flow.ciio,
    processorInGba: flow.processorInGba,
    exemption: flow.exemption,
    recipientKind: flow.recipientKind,
  };
}

/** What the listing page shows: the declaration and its route. */
export interface CrossBorderView {
  flow: CrossBorderFlow;
  personalInfo: boolean;
  importantData: boolean;
  route: RouteResult;
}

export function crossBorderView(flow: CrossBorderFlow | null, compliance: Pick<Compliance, "personalInfo" | "importantData">): CrossBorderView | null {
  if (!flow) return null;
  return { flow, personalInfo: compliance.personalInfo, importantData: compliance.importantData, route: routeFor(declarationOf(flow, compliance)) };
}

/** The guidance of a route in the reader's language, translated on the server (its keys are server-only, see catalog-parts.ts). */
export interface RouteGuide {
  basis: string;
  supplier: { steps: string[]; documents: string[] };
  recipient: { steps: string[]; documents: string[] };
  sources: string[];
}

export function routeGuide(t: (key: string, params?: Record<string, unknown>) => string, route: RouteResult): RouteGuide {
  const side = (who: "supplier" | "recipient") => ({
    steps: route.steps[who].map((k) => t(`crossborder.stepItems.${k}`)),
    documents: route.documents[who].map((k) => t(`crossborder.docs.${k}`)),
  });
  return {
    basis: t(`crossborder.basis.${route.basis}`),
    supplier: side("supplier"),
    recipient: side("recipient"),
    sources: route.cites.map((c) => t("crossborder.cite", { source: t(`crossborder.sourceNames.${c.source}`), article: c.article })),
  };
}

/**
 * Keeps a listing's declaration in step with its latest save, inside the listing's transaction
 * (marketplace/listings.server.ts): written with the route worked out now, or removed when none is given.
 */
export async function saveDeclaration(trx: Tx, listingId: string, flow: CrossBorderFlow | null, compliance: Compliance): Promise<void> {
  if (!flow) {
    await trx.deleteFrom("crossborder_declarations").where("listing_id", "=", listingId).execute();
    return;
  }
  const row = {
    direction: flow.direction,
    personal_info: compliance.personalInfo,
    people: flow.people,
    sensitive_people: flow.sensitivePeople,
    important_data: compliance.importantData,
    research_data: flow.researchData,
    ciio: flow.ciio,
    processor_in_gba: flow.processorInGba,
    exemption: flow.exemption,
    recipient_kind: flow.recipientKind,
    purpose: flow.purpose,
    route: routeFor(declarationOf(flow, compliance)).route,
  };
  await trx
    .insertInto("crossborder_declarations")
    .values({ listing_id: listingId, ...row })
    .onConflict((oc) => oc.column("listing_id").doUpdateSet({ ...row, updated_at: sql`now()` }))
    .execute();
}

/** The stored declaration as the form and the API give it (a correlated read beside the listing's row). */
export function flowFromRow(row: {
  direction: CrossBorderFlow["direction"];
  people: number;
  sensitive_people: number;
  research_data: boolean;
  ciio: boolean;
  processor_in_gba: boolean;
  exemption: CrossBorderFlow["exemption"];
  recipient_kind: CrossBorderFlow["recipientKind"];
  purpose: string;
}): CrossBorderFlow {
  return {
    direction: row.direction,
    people: row.people,
    sensitivePeople: row.sensitive_people,
    researchData: row.research_data,
    ciio: row.ciio,
    processorInGba: row.processor_in_gba,
    exemption: row.exemption,
    recipientKind: row.recipient_kind,
    purpose: row.purpose,
  };
}

export async function getFlow(db: Tx, listingId: string): Promise<CrossBorderFlow | null> {
  const row = await db.selectFrom("crossborder_declarations").selectAll().where("listing_id", "=", listingId).executeTakeFirst();
  return row ? flowFromRow(row) : null;
}

/** One declared cross-border flow in the secretariat's monitoring view. */
export interface FlowRow {
  listingId: string;
  title: string;
  titleEn: string | null;
  orgName: string;
  orgNameEn: string | null;
  kind: string;
  status: string;
  direction: CrossBorderFlow["direction"];
  route: Route;
  personalInfo: boolean;
  people: number;
  sensitivePeople: number;
  importantData: boolean;
  researchData: boolean;
  recipientKind: CrossBorderFlow["recipientKind"];
  purpose: string;
  updatedAt: Date;
}

/**
 * Every declared flow across the border (the pilot's monitoring view, policy item 二十二), by route
 * and listing status; "no flow" declarations are left out. The secretariat only.
 */
export async function listFlows(db: Tx, actor: Actor | null, filter: FlowQuery = {}): Promise<{ rows: FlowRow[]; counts: Record<Route, number> }> {
  requireSecretariat(actor);
  let q = db
    .selectFrom("crossborder_declarations as d")
    .innerJoin("listings as l", "l.id", "d.listing_id")
    .innerJoin("organisations as o", "o.id", "l.org_id")
    .where("d.route", "<>", "no_flow");
  const counted = await q
    .select(["d.route", sql<number>`count(*)::int`.as("n")])
    .groupBy("d.route")
    .execute();
  if (filter.route) q = q.where("d.route", "=", filter.route);
  if (filter.status) q = q.where("l.status", "=", filter.status);
  const rows = await q
    .select([
      "d.listing_id",
      "l.title",
      "l.title_en",
      "o.name_zh",
      "o.name_en",
      "l.kind",
      "l.status",
      "d.direction",
      "d.route",
      "d.personal_info",
      "d.people",
      "d.sensitive_people",
      "d.important_data",
      "d.research_data",
      "d.recipient_kind",
      "d.purpose",
      "d.updated_at",
    ])
    .orderBy("d.route")
    .orderBy("d.updated_at", "desc")
    .limit(1000)
    .execute();
  const counts = Object.fromEntries(ROUTES.map((r) => [r, 0])) as Record<Route, number>;
  for (const c of counted) counts[c.route] = Number(c.n);
  return {
    counts,
    rows: rows.map((r) => ({
      listingId: r.listing_id,
      title: r.title,
      titleEn: r.title_en,
      orgName: r.name_zh,
      orgNameEn: r.name_en,
      kind: r.kind,
      status: r.status,
      direction: r.direction,
      route: r.route,
      personalInfo: r.personal_info,
      people: r.people,
      sensitivePeople: r.sensitive_people,
      importantData: r.important_data,
      researchData: r.research_data,
      recipientKind: r.recipient_kind,
      purpose: r.purpose,
      updatedAt: r.updated_at,
    })),
  };
}
