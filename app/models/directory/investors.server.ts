import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { DomainError, conflict, forbidden, isUniqueViolation, notFound } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { canManageOrg, isApprovedMember, requireOrgManager, requireUser, type Actor, requireApprovedMember } from "../core/permissions";
import { PROFILE_ORG_TYPES, type InvestorProfileInput } from "./profile-schema";

type Db = Kysely<Database>;

/** Introduction requests an investor organisation may send per rolling day. */
export const INTRO_DAILY_LIMIT = 10;

/**
 * Investors: their profile, a private watchlist with notes, and introduction requests that the
 * enterprise's owners and admins answer. Contacts are exchanged only after an accept.
 */
async function requireInvestor(db: Db, actor: Actor | null): Promise<Actor & { org: NonNullable<Actor["org"]> }> {
  const a = requireApprovedMember(actor, "profiles.errors.investorsOnly");
  const org = await db.selectFrom("organisations").select("type").where("id", "=", a.org.id).executeTakeFirst();
  if (org?.type !== "investor") throw forbidden("profiles.errors.investorsOnly");
  return a as Actor & { org: NonNullable<Actor["org"]> };
}

async function requireProfileTarget(db: Db, orgId: string) {
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

async function managerIds(db: Db | Kysely<Database>, orgId: string, except?: string) {
  let q = db.selectFrom("org_members").select("user_id").where("org_id", "=", orgId).where("role", "in", ["owner", "admin"]);
  if (except) q = q.where("user_id", "!=", except);
  return (await q.execute()).map((r) => r.user_id);
}
async function memberIds(db: Db | Kysely<Database>, orgId: string, except?: string) {
  let q = db.selectFrom("org_members").select("user_id").where("org_id", "=", orgId);
  if (except) q = q.where("user_id", "!=", except);
  return (await q.execute()).map((r) => r.user_id);
}

const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

// ---------------------------------------------------------------- investor profile

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
      "organisations.id", "organisations.name_zh", "organisations.name_en", "organisations.region", "organisations.status",
      "investor_profiles.thesis", "investor_profiles.focus_sectors", "investor_profiles.stages",
      "investor_profiles.ticket_min", "investor_profiles.ticket_max", "investor_profiles.regions",
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

// ---------------------------------------------------------------- watchlist (private)

export async function watch(db: Db, actor: Actor | null, targetOrgId: string, note: string | null): Promise<void> {
  const a = await requireInvestor(db, actor);
  await requireProfileTarget(db, targetOrgId);
  await db
    .insertInto("watchlist")
    .values({ investor_org_id: a.org.id, target_org_id: targetOrgId, note, created_by: a.id })
    .onConflict((oc) => oc.columns(["investor_org_id", "target_org_id"]).doUpdateSet({ note, updated_at: sql`now()` }))
    .execute();
}

export async function unwatch(db: Db, actor: Actor | null, targetOrgId: string): Promise<void> {
  const a = await requireInvestor(db, actor);
  const res = await db.deleteFrom("watchlist").where("investor_org_id", "=", a.org.id).where("target_org_id", "=", targetOrgId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound();
}

/** The watch state of one organisation for the viewer's investor organisation, or null for anyone else. */
export async function watchState(db: Db, actor: Actor | null, targetOrgId: string): Promise<{ watching: boolean; note: string | null } | null> {
  if (!actor?.org || actor.org.status !== "approved") return null;
  const org = await db.selectFrom("organisations").select("type").where("id", "=", actor.org.id).executeTakeFirst();
  if (org?.type !== "investor") return null;
  const row = await db.selectFrom("watchlist").select("note").where("investor_org_id", "=", actor.org.id).where("target_org_id", "=", targetOrgId).executeTakeFirst();
  return { watching: !!row, note: row?.note ?? null };
}

export async function listWatchlist(db: Db, actor: Actor | null) {
  const a = await requireInvestor(db, actor);
  const rows = await db
    .selectFrom("watchlist")
    .innerJoin("organisations", "organisations.id", "watchlist.target_org_id")
    .select(["watchlist.target_org_id", "watchlist.note", "watchlist.created_at", "watchlist.updated_at", "organisations.name_zh", "organisations.name_en", "organisations.type", "organisations.region"])
    .where("watchlist.investor_org_id", "=", a.org.id)
    .orderBy("watchlist.updated_at", "desc")
    .execute();
  return rows.map((r) => ({
    orgId: r.target_org_id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    type: r.type,
    region: r.region,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

// ---------------------------------------------------------------- introductions

export async function requestIntroduction(
  db: Db,
  actor: Actor | null,
  targetOrgId: string,
  message: string,
  realtime: Realtime = noRealtime,
): Promise<string> {
  const a = await requireInvestor(db, actor);
  const target = await requireProfileTarget(db, targetOrgId);
  try {
    const { id, notes } = await db.transaction().execute(async (trx) => {
      // Serialise the investor's requests so the daily limit holds under concurrent clicks.
      await trx.selectFrom("organisations").select("id").where("id", "=", a.org.id).forUpdate().executeTakeFirstOrThrow();
      const open = await trx
        .selectFrom("introductions")
        .select("id")
        .where("investor_org_id", "=", a.org.id)
        .where("target_org_id", "=", targetOrgId)
        .where("status", "=", "pending")
        .executeTakeFirst();
      if (open) throw conflict("profiles.errors.introOpen");
      const today = await trx
        .selectFrom("introductions")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("investor_org_id", "=", a.org.id)
        .where("created_at", ">", sql<Date>`now() - interval '1 day'`)
        .executeTakeFirstOrThrow();
      if (today.n >= INTRO_DAILY_LIMIT) throw new DomainError(429, "profiles.errors.introLimit", { limit: INTRO_DAILY_LIMIT });
      const row = await trx
        .insertInto("introductions")
        .values({ investor_org_id: a.org.id, target_org_id: targetOrgId, requested_by: a.id, message })
        .returning("id")
        .executeTakeFirstOrThrow();
      await writeAudit(trx, { actorId: a.id, action: "introduction.requested", entityType: "introduction", entityId: row.id, after: { investorOrgId: a.org.id, targetOrgId, status: "pending" } });
      const notes = await storeNotifications(trx, await managerIds(trx, targetOrgId), "intro.requested", { introId: row.id, from: a.org.nameZh, to: target.name_zh });
      return { id: row.id, notes };
    });
    deliver(realtime, notes);
    return id;
  } catch (e) {
    if (isUniqueViolation(e, "introductions_open_pair")) throw conflict("profiles.errors.introOpen");
    throw e;
  }
}

/** The enterprise's owners and admins accept or decline; both sides hear of it at once. */
export async function answerIntroduction(
  db: Db,
  actor: Actor | null,
  introId: string,
  decision: "accept" | "decline",
  note: string | null,
  realtime: Realtime = noRealtime,
): Promise<"accepted" | "declined"> {
  const a = requireUser(actor);
  const { status, notes } = await db.transaction().execute(async (trx) => {
    const intro = await trx
      .selectFrom("introductions")
      .innerJoin("organisations as t", "t.id", "introductions.target_org_id")
      .innerJoin("organisations as i", "i.id", "introductions.investor_org_id")
      .select(["introductions.id", "introductions.status", "introductions.investor_org_id", "introductions.target_org_id", "t.name_zh as target_name", "i.name_zh as investor_name"])
      .where("introductions.id", "=", introId)
      .forUpdate()
      .executeTakeFirst();
    // Outsiders cannot tell a request exists; the investor itself may see it but not answer.
    if (!intro || (a.org?.id !== intro.target_org_id && a.org?.id !== intro.investor_org_id)) throw notFound();
    if (!canManageOrg(a, intro.target_org_id)) throw forbidden("profiles.errors.answerManagersOnly");
    if (intro.status !== "pending") throw conflict("profiles.errors.introAnswered");
    const next = decision === "accept" ? "accepted" : "declined";
    await trx
      .updateTable("introductions")
      .set({ status: next, response_note: note, responded_by: a.id, responded_at: sql`now()` })
      .where("id", "=", intro.id)
      .execute();
    await writeAudit(trx, { actorId: a.id, action: `introduction.${next}`, entityType: "introduction", entityId: intro.id, before: { status: "pending" }, after: { status: next } });
    const kind = next === "accepted" ? "intro.accepted" : "intro.declined";
    const payload = { introId: intro.id, from: intro.target_name, to: intro.investor_name };
    const toInvestor = await storeNotifications(trx, await memberIds(trx, intro.investor_org_id), kind, payload);
    const toTeam = await storeNotifications(trx, await managerIds(trx, intro.target_org_id, a.id), kind, payload);
    return { status: next as "accepted" | "declined", notes: [...toInvestor, ...toTeam] };
  });
  deliver(realtime, notes);
  return status;
}

export interface IntroductionView {
  id: string;
  direction: "incoming" | "outgoing";
  status: "pending" | "accepted" | "declined";
  message: string;
  responseNote: string | null;
  createdAt: Date;
  respondedAt: Date | null;
  counterpart: { orgId: string; nameZh: string; nameEn: string | null; type: string };
  /** The other side's contact, only once the request is accepted. */
  contact: { name: string; email: string; phone: string | null } | null;
  canAnswer: boolean;
}

export async function listIntroductions(db: Db, actor: Actor | null): Promise<{ incoming: IntroductionView[]; outgoing: IntroductionView[] }> {
  const a = requireUser(actor);
  if (!a.org || a.org.status !== "approved") return { incoming: [], outgoing: [] };
  const orgId = a.org.id;
  const rows = await db
    .selectFrom("introductions")
    .innerJoin("organisations as i", "i.id", "introductions.investor_org_id")
    .innerJoin("organisations as t", "t.id", "introductions.target_org_id")
    .select([
      "introductions.id", "introductions.status", "introductions.message", "introductions.response_note",
      "introductions.created_at", "introductions.responded_at", "introductions.investor_org_id", "introductions.target_org_id",
      "i.name_zh as i_name", "i.name_en as i_name_en", "i.type as i_type", "i.contact_name as i_cname", "i.contact_email as i_cemail", "i.contact_phone as i_cphone",
      "t.name_zh as t_name", "t.name_en as t_name_en", "t.type as t_type", "t.contact_name as t_cname", "t.contact_email as t_cemail", "t.contact_phone as t_cphone",
    ])
    .where((eb) => eb.or([eb("introductions.investor_org_id", "=", orgId), eb("introductions.target_org_id", "=", orgId)]))
    .orderBy("introductions.created_at", "desc")
    .limit(200)
    .execute();
  const manager = canManageOrg(a, orgId);
  const views = rows.map((r): IntroductionView => {
    const incoming = r.target_org_id === orgId;
    const accepted = r.status === "accepted";
    return {
      id: r.id,
      direction: incoming ? "incoming" : "outgoing",
      status: r.status,
      message: r.message,
      responseNote: r.response_note,
      createdAt: r.created_at,
      respondedAt: r.responded_at,
      counterpart: incoming
        ? { orgId: r.investor_org_id, nameZh: r.i_name, nameEn: r.i_name_en, type: r.i_type }
        : { orgId: r.target_org_id, nameZh: r.t_name, nameEn: r.t_name_en, type: r.t_type },
      contact: !accepted ? null : incoming ? { name: r.i_cname, email: r.i_cemail, phone: r.i_cphone } : { name: r.t_cname, email: r.t_cemail, phone: r.t_cphone },
      canAnswer: incoming && manager && r.status === "pending",
    };
  });
  return { incoming: views.filter((v) => v.direction === "incoming"), outgoing: views.filter((v) => v.direction === "outgoing") };
}

/** The open or latest request of the viewer's investor organisation to one organisation. */
export async function introductionWith(db: Db, actor: Actor | null, targetOrgId: string) {
  if (!actor?.org || actor.org.status !== "approved") return null;
  return (
    (await db
      .selectFrom("introductions")
      .select(["id", "status", "created_at"])
      .where("investor_org_id", "=", actor.org.id)
      .where("target_org_id", "=", targetOrgId)
      .orderBy("created_at", "desc")
      .executeTakeFirst()) ?? null
  );
}
