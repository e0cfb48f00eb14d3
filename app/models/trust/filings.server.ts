import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { DomainError, conflict, notFound } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { approvedOrg, isSecretariat, requireApprovedMember, type Actor } from "../core/permissions";
import { memberIdsOf } from "../core/org-members.server";
import type { FiledListing, FilingInput, FilingRecord } from "./filing-schema";
import { stepsToFile, type Route } from "../crossborder/routes";

type Db = Kysely<Database>;

/**
 * Deal filing records (交易备案凭证). An agreed deal has a filing row from the agreement on
 * (deals.server.ts); a party files it with the amount, term of use and delivery mode, and it takes
 * the year's next number. Anyone holding the number may open the certificate; the commercial terms
 * are for the parties (and the secretariat).
 */

export const filingNumber = (year: number, n: number) => `YS-BA-${year}-${String(n).padStart(6, "0")}`;

const LAST_NUMBER = 999_999;

/** The year a filing counts in: the alliance's own calendar (China time), not the server's. */
export function filingYear(at: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(at));
}

/**
 * The year's next number, taken inside the filing's transaction: the year's counter row is made
 * once, then locked FOR UPDATE until the filing commits. Concurrent filings wait for each other,
 * and a filing that rolls back gives its number back, so numbers follow each other without gaps
 * or twins.
 */
export async function nextFilingNumber(trx: Transaction<Database>, year: number): Promise<string> {
  await trx
    .insertInto("deal_filing_counters")
    .values({ year })
    .onConflict((oc) => oc.column("year").doNothing())
    .execute();
  const { last_number } = await trx.selectFrom("deal_filing_counters").select("last_number").where("year", "=", year).forUpdate().executeTakeFirstOrThrow();
  if (last_number >= LAST_NUMBER) throw conflict("trust.errors.filingNumbersUsedUp");
  await trx
    .updateTable("deal_filing_counters")
    .set({ last_number: last_number + 1 })
    .where("year", "=", year)
    .execute();
  return filingNumber(year, last_number + 1);
}

/** The agreed deal's filing row with its parties; only a party reads it (others: not found). */
async function partyFiling(db: Db | Transaction<Database>, actor: Actor, matchId: string, lock: boolean) {
  let q = db
    .selectFrom("deal_filings")
    .innerJoin("matches", "matches.id", "deal_filings.match_id")
    .innerJoin("listings as s", "s.id", "matches.supply_id")
    .innerJoin("listings as d", "d.id", "matches.demand_id")
    .leftJoin("crossborder_declarations as cb", "cb.listing_id", "matches.supply_id")
    .select([
      "cb.route as crossborder_route",
      "deal_filings.id",
      "deal_filings.number",
      "deal_filings.supply_org_id",
      "deal_filings.demand_org_id",
      "s.title as supply_title",
      "d.title as demand_title",
      "s.delivery_modes as supply_modes",
    ])
    .where("deal_filings.match_id", "=", matchId);
  if (lock) q = q.forUpdate("deal_filings");
  const row = await q.executeTakeFirst();
  const org = approvedOrg(actor)?.id;
  if (!row || (org !== row.supply_org_id && org !== row.demand_org_id)) throw notFound();
  return { ...row, side: org === row.supply_org_id ? ("supply" as const) : ("demand" as const) };
}

/**
 * What the deal page shows and offers, from the deal view it already loaded (getMatchView sets
 * `side` for a party only): the number once filed, or the way to file for a party.
 */
export function filingStateOf(view: { side: string | null; filing: { number: string | null } | null }): { number: string | null; canFile: boolean } | null {
  if (!view.filing) return null;
  return { number: view.filing.number, canFile: view.side !== null && !view.filing.number };
}

/** The filing form's page: what is being filed, for a party of an agreed deal not yet filed. */
export async function filingDraft(db: Db, actor: Actor | null, matchId: string) {
  const a = requireApprovedMember(actor);
  const f = await partyFiling(db, a, matchId, false);
  if (f.number) throw conflict("trust.errors.alreadyFiled");
  const route = f.crossborder_route as Route | null;
  // A cross-border deal names the step it has reached before it is filed (issue 35).
  const crossBorder = route && stepsToFile(route).length ? { route, steps: stepsToFile(route) } : null;
  return { matchId, supplyTitle: f.supply_title, demandTitle: f.demand_title, deliveryModes: f.supply_modes, crossBorder };
}

const listingColumns = [
  "l.id",
  "l.kind",
  "l.version",
  "l.title",
  "l.title_en",
  "l.data_category",
  "l.grade",
  "l.rights",
  "l.delivery_modes",
  "l.pricing_model",
  "l.price_min",
  "l.price_max",
  "l.sectors",
  "l.regions",
  "l.compliance",
  "o.name_zh as org_name",
] as const;

async function filedListing(trx: Transaction<Database>, listingId: string): Promise<FiledListing> {
  const l = await trx
    .selectFrom("listings as l")
    .innerJoin("organisations as o", "o.id", "l.org_id")
    .select([...listingColumns])
    .where("l.id", "=", listingId)
    .executeTakeFirstOrThrow();
  const c = l.compliance;
  return {
    id: l.id,
    kind: l.kind,
    version: l.version,
    title: l.title,
    titleEn: l.title_en,
    orgName: l.org_name,
    dataCategory: l.data_category,
    grade: l.grade,
    rights: l.rights,
    deliveryModes: l.delivery_modes,
    pricingModel: l.pricing_model,
    priceMin: l.price_min === null ? null : Number(l.price_min),
    priceMax: l.price_max === null ? null : Number(l.price_max),
    sectors: l.sectors,
    regions: l.regions,
    compliance: {
      personalInfo: !!c.personalInfo,
      legalBasis: c.legalBasis ?? null,
      importantData: !!c.importantData,
      crossBorder: !!c.crossBorder,
      declaration: c.declaration ?? null,
    },
  };
}

/**
 * The record as filed, read inside the filing's transaction: both listings as they stand (the
 * versions agreed on; a listing is not edited during a deal without a new version) with their
 * compliance declarations, and each step's time from the match and its audit rows.
 */
async function filingRecordOf(trx: Transaction<Database>, matchId: string): Promise<FilingRecord> {
  const m = await trx
    .selectFrom("matches")
    .innerJoin("deal_filings", "deal_filings.match_id", "matches.id")
    .select(["matches.supply_id", "matches.demand_id", "matches.created_at", "deal_filings.filed_at", sql<Date>`now()`.as("now")])
    .where("matches.id", "=", matchId)
    .executeTakeFirstOrThrow();
  const steps = await trx
    .selectFrom("audit_log")
    .select(["action", sql<Date>`min(created_at)`.as("at")])
    .where("entity_type", "=", "match")
    .where("entity_id", "=", matchId)
    .where("action", "in", ["match.interested", "match.accept"])
    .groupBy("action")
    .execute();
  const at = (action: string) => steps.find((x) => x.action === action)?.at ?? null;
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return {
    supplyListing: await filedListing(trx, m.supply_id),
    demandListing: await filedListing(trx, m.demand_id),
    steps: {
      matched: iso(m.created_at),
      interested: iso(at("match.interested")),
      negotiating: iso(at("match.accept")),
      agreed: iso(m.filed_at),
      filed: iso(m.now),
    },
  };
}

/** A party files the agreed deal: it takes the year's next number in the same transaction. */
export async function fileDeal(db: Db, actor: Actor | null, input: FilingInput, realtime: Realtime = noRealtime): Promise<string> {
  const a = requireApprovedMember(actor);
  const { number, notes } = await db.transaction().execute(async (trx) => {
    const f = await partyFiling(trx, a, input.matchId, true);
    if (f.number) throw conflict("trust.errors.alreadyFiled");
    const route = f.crossborder_route as Route | null;
    const steps = route ? stepsToFile(route) : [];
    if (steps.length && !(input.crossBorderStep && steps.includes(input.crossBorderStep)))
      throw new DomainError(409, "trust.errors.crossBorderStep", {}, { crossBorderStep: ["trust.errors.crossBorderStep"] });
    const number = await nextFilingNumber(trx, filingYear());
    const record: FilingRecord = {
      ...(await filingRecordOf(trx, input.matchId)),
      crossBorder: route && steps.length ? { route, step: input.crossBorderStep! } : null,
    };
    await trx
      .updateTable("deal_filings")
      .set({
        record: JSON.stringify(record),
        number,
        amount: input.amount,
        term_months: input.termMonths,
        delivery_mode: input.deliveryMode,
        pricing_terms: input.pricingTerms,
        filed_by: a.id,
        numbered_at: sql`now()`,
      })
      .where("id", "=", f.id)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "deal.filed",
      entityType: "deal_filing",
      entityId: f.id,
      after: { number, matchId: input.matchId, amount: input.amount, termMonths: input.termMonths, deliveryMode: input.deliveryMode },
    });
    const other = f.side === "supply" ? f.demand_org_id : f.supply_org_id;
    const recipients = [...(await memberIdsOf(trx, other)), ...(await memberIdsOf(trx, a.org.id, { except: a.id }))];
    const notes = await storeNotifications(trx, recipients, "filing.filed", { matchId: input.matchId, number, title: f.supply_title });
    return { number, notes };
  });
  deliver(realtime, notes);
  return number;
}

export interface FilingCertificate {
  number: string;
  filedAt: Date;
  /** What the public may know: the filing exists and stands. */
  status: "filed";
  /** The parties, the terms and the record as filed: for the parties and the secretariat only (null for anyone else). */
  details: {
    matchId: string;
    agreedAt: Date;
    supply: { id: string; name: string; nameEn: string | null };
    demand: { id: string; name: string; nameEn: string | null };
    amount: number;
    termMonths: number;
    deliveryMode: string;
    pricingTerms: string | null;
    supplyTitle: string;
    demandTitle: string;
    /** Null for deals filed before the record was kept (0033). */
    record: FilingRecord | null;
  } | null;
}

/**
 * The certificate: anyone holding the number learns that the filing exists (number, date,
 * status); the parties, the amount, the terms and the record only the parties and the secretariat.
 */
export async function getFilingCertificate(db: Db, actor: Actor | null, number: string): Promise<FilingCertificate> {
  const row = await db
    .selectFrom("deal_filings")
    .innerJoin("matches", "matches.id", "deal_filings.match_id")
    .innerJoin("listings as s", "s.id", "matches.supply_id")
    .innerJoin("listings as d", "d.id", "matches.demand_id")
    .innerJoin("organisations as so", "so.id", "deal_filings.supply_org_id")
    .innerJoin("organisations as do", "do.id", "deal_filings.demand_org_id")
    .select([
      "deal_filings.number",
      "deal_filings.match_id",
      "deal_filings.filed_at",
      "deal_filings.numbered_at",
      "deal_filings.amount",
      "deal_filings.term_months",
      "deal_filings.delivery_mode",
      "deal_filings.pricing_terms",
      "deal_filings.supply_org_id",
      "deal_filings.demand_org_id",
      "deal_filings.record",
      "so.name_zh as supply_name",
      "so.name_en as supply_name_en",
      "do.name_zh as demand_name",
      "do.name_en as demand_name_en",
      "s.title as supply_title",
      "d.title as demand_title",
    ])
    .where("deal_filings.number", "=", number)
    .executeTakeFirst();
  if (!row || !row.numbered_at) throw notFound();
  const org = approvedOrg(actor)?.id;
  const party = org === row.supply_org_id || org === row.demand_org_id;
  return {
    number: row.number!,
    filedAt: row.numbered_at,
    status: "filed",
    details:
      party || isSecretariat(actor)
        ? {
            matchId: row.match_id,
            agreedAt: row.filed_at,
            supply: { id: row.supply_org_id, name: row.supply_name, nameEn: row.supply_name_en },
            demand: { id: row.demand_org_id, name: row.demand_name, nameEn: row.demand_name_en },
            amount: Number(row.amount),
            termMonths: row.term_months!,
            deliveryMode: row.delivery_mode!,
            pricingTerms: row.pricing_terms,
            supplyTitle: row.supply_title,
            demandTitle: row.demand_title,
            record: row.record,
          }
        : null,
  };
}

export interface OrgRatingView {
  score: number;
  /** The comment, for the deal's parties and the secretariat; null for everyone else (and when none was written). */
  comment: string | null;
  commentHidden: boolean;
  fromId: string;
  fromName: string;
  fromNameEn: string | null;
  filingNumber: string;
  createdAt: Date;
}

/**
 * The ratings an organisation received after filed deals (the filing makes the deal a fact), for
 * its organisation and profile pages: average, count and the latest few with the filing number.
 * A comment is read as on the deal page: by the deal's two parties and the secretariat only.
 */
export async function orgRatings(
  db: Db,
  actor: Actor | null,
  orgId: string,
  limit = 5,
): Promise<{ average: number | null; count: number; recent: OrgRatingView[] }> {
  const filed = db
    .selectFrom("ratings")
    .innerJoin("deal_filings", "deal_filings.match_id", "ratings.match_id")
    .where("ratings.ratee_org_id", "=", orgId)
    .where("deal_filings.number", "is not", null);
  const [summary, rows] = await Promise.all([
    filed.select([sql<number>`count(*)::int`.as("n"), sql<string | null>`round(avg(ratings.score)::numeric, 2)::text`.as("avg")]).executeTakeFirstOrThrow(),
    filed
      .innerJoin("organisations as o", "o.id", "ratings.rater_org_id")
      .select([
        "ratings.score",
        "ratings.comment",
        "ratings.rater_org_id",
        "ratings.created_at",
        "deal_filings.number",
        "o.name_zh as from_name",
        "o.name_en as from_name_en",
      ])
      .orderBy("ratings.created_at", "desc")
      .orderBy("deal_filings.number", "desc")
      .limit(limit)
      .execute(),
  ]);
  const mine = approvedOrg(actor)?.id;
  const staff = isSecretariat(actor);
  return {
    count: summary.n,
    average: summary.avg === null ? null : Number(summary.avg),
    recent: rows.map((r) => {
      // The rater and the ratee are the deal's two parties.
      const reads = staff || mine === r.rater_org_id || mine === orgId;
      return {
        score: r.score,
        comment: reads ? r.comment : null,
        commentHidden: !reads && r.comment !== null,
        fromId: r.rater_org_id,
        fromName: r.from_name,
        fromNameEn: r.from_name_en,
        filingNumber: r.number!,
        createdAt: r.created_at,
      };
    }),
  };
}
