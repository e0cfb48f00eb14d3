import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { forbidden, notFound } from "../core/errors";
import { isApprovedMember, requireOrgManager, type Actor, requireApprovedMember } from "../core/permissions";
import { PROFILE_ORG_TYPES, type InvestorProfileInput } from "./profile-schema";

type Db = Kysely<Database>;

/** Investor organisations: their profile, and the guards their watchlist and introductions share. */
export async function requireInvestor(db: Db, actor: Actor | null): Promise<Actor & { org: NonNullable<Actor["org"]> }> {
  const a = requireApprovedMember(actor, "profiles.errors.investorsOnly");
  const org = await db.selectFrom("organisations").select("type").where("id", "=", a.org.id).executeTakeFirst();
  if (org?.type !== "investor") throw forbidden("profiles.errors.investorsOnly");
  return a as Actor & { org: NonNullable<Actor["org"]> };
}

/** An organisation an investor may watch or ask to meet: approved, with a public profile. */
export async function requireProfileTarget(db: Db, orgId: string) {
  const org = await db
    .selectFrom("organisations")
    .select(["id", "name_zh", "type"])
    .where("id", "=", orgId)
    .where("status", "=", "approved")
    .where("type", "in", [...PROFILE_ORG_TYPES])
    .executeTakeFirst();
  if (!org) throw notFound();
  return org;
}

const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

export interface InvestorProfileView {
  orgId: string;
  nameZh: string;
  nameEn: string | null;
  region: string;
  thesis: string | null;
  focusSectors: string[];
  stages: string[];
  ticketMin: number | null;
  ticketMax: number | null;
  regions: string[];
}

/** Investor profiles are for members of approved organisations (enterprises weigh who asks). */
export async function getInvestorProfile(db: Db, actor: Actor | null, orgId: string): Promise<InvestorProfileView> {
  const own = actor?.org?.id === orgId;
  if (!own && !isApprovedMember(actor)) throw forbidden("errors.signInRequired");
  const row = await db
    .selectFrom("organisations")
    .leftJoin("investor_profiles", "investor_profiles.org_id", "organisations.id")
    .select([
      "organisations.id",
      "organisations.name_zh",
      "organisations.name_en",
      "organisations.region",
      "organisations.status",
      "investor_profiles.thesis",
      "investor_profiles.focus_sectors",
      "investor_profiles.stages",
      "investor_profiles.ticket_min",
      "investor_profiles.ticket_max",
      "investor_profiles.regions",
    ])
    .where("organisations.id", "=", orgId)
    .where("organisations.type", "=", "investor")
    .executeTakeFirst();
  if (!row || (row.status !== "approved" && !own)) throw notFound();
  return {
    orgId: row.id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    region: row.region,
    thesis: row.thesis ?? null,
    focusSectors: row.focus_sectors ?? [],
    stages: row.stages ?? [],
    ticketMin: num(row.ticket_min),
    ticketMax: num(row.ticket_max),
    regions: row.regions ?? [],
  };
}

export async function updateInvestorProfile(db: Db, actor: Actor | null, input: InvestorProfileInput): Promise<void> {
  const a = await requireInvestor(db, actor);
  requireOrgManager(a, a.org.id);
  const columns = {
    thesis: input.thesis,
    focus_sectors: input.focusSectors,
    stages: input.stages,
    ticket_min: input.ticketMin,
    ticket_max: input.ticketMax,
    regions: input.regions,
    updated_by: a.id,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("investor_profiles")
      .values({ org_id: a.org.id, ...columns })
      .onConflict((oc) => oc.column("org_id").doUpdateSet({ ...columns, updated_at: sql`now()` }))
      .execute();
    await writeAudit(trx, { actorId: a.id, action: "investor_profile.updated", entityType: "organisation", entityId: a.org.id, after: input });
  });
}
