import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { conflict, notFound } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { approvedOrg, isSecretariat, requireApprovedMember, type Actor } from "../core/permissions";
import { memberIdsOf } from "../core/org-members.server";
import type { FilingInput } from "./filing-schema";

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
    .select([
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
  return { matchId, supplyTitle: f.supply_title, demandTitle: f.demand_title, deliveryModes: f.supply_modes };
}

/** A party files the agreed deal: it takes the year's next number in the same transaction. */
export async function fileDeal(db: Db, actor: Actor | null, input: FilingInput, realtime: Realtime = noRealtime): Promise<string> {
  const a = requireApprovedMember(actor);
  const { number, notes } = await db.transaction().execute(async (trx) => {
    const f = await partyFiling(trx, a, input.matchId, true);
    if (f.number) throw conflict("trust.errors.alreadyFiled");
    const number = await nextFilingNumber(trx, filingYear());
    await trx
      .updateTable("deal_filings")
      .set({
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

/**
 * The certificate: number, date and parties for anyone who holds the number; the amount and the
 * terms only for the parties and the secretariat.
 */
export async function getFilingCertificate(db: Db, actor: Actor | null, number: string) {
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
    agreedAt: row.filed_at,
    filedAt: row.numbered_at,
    supply: { id: row.supply_org_id, name: row.supply_name, nameEn: row.supply_name_en },
    demand: { id: row.demand_org_id, name: row.demand_name, nameEn: row.demand_name_en },
    terms:
      party || isSecretariat(actor)
        ? {
            matchId: row.match_id,
            amount: Number(row.amount),
            termMonths: row.term_months!,
            deliveryMode: row.delivery_mode!,
            pricingTerms: row.pricing_terms,
            supplyTitle: row.supply_title,
            demandTitle: row.demand_title,
          }
        : null,
  };
}
