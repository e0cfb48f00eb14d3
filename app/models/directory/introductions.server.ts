/**
 * Introduction requests from investors, answered by the enterprise's owners and admins; contacts
 * are exchanged only after an accept.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { DomainError, conflict, forbidden, notFound, refusingDuplicates } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { memberIdsOf } from "../core/org-members.server";
import { canManageOrg, requireUser, type Actor, approvedOrg } from "../core/permissions";
import { requireInvestor, requireProfileTarget } from "./investors.server";

type Db = Kysely<Database>;

/** Introduction requests an investor organisation may send per rolling day. */
export const INTRO_DAILY_LIMIT = 10;

export async function requestIntroduction(db: Db, actor: Actor | null, targetOrgId: string, message: string, realtime: Realtime = noRealtime): Promise<string> {
  const a = await requireInvestor(db, actor);
  const target = await requireProfileTarget(db, targetOrgId);
  return refusingDuplicates({ introductions_open_pair: ["profiles.errors.introOpen"] }, async () => {
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
      await writeAudit(trx, {
        actorId: a.id,
        action: "introduction.requested",
        entityType: "introduction",
        entityId: row.id,
        after: { investorOrgId: a.org.id, targetOrgId, status: "pending" },
      });
      const notes = await storeNotifications(trx, await memberIdsOf(trx, targetOrgId, { managersOnly: true }), "intro.requested", {
        introId: row.id,
        from: a.org.nameZh,
        to: target.name_zh,
      });
      return { id: row.id, notes };
    });
    deliver(realtime, notes);
    return id;
  });
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
      .select([
        "introductions.id",
        "introductions.status",
        "introductions.investor_org_id",
        "introductions.target_org_id",
        "t.name_zh as target_name",
        "i.name_zh as investor_name",
      ])
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
    await writeAudit(trx, {
      actorId: a.id,
      action: `introduction.${next}`,
      entityType: "introduction",
      entityId: intro.id,
      before: { status: "pending" },
      after: { status: next },
    });
    const kind = next === "accepted" ? "intro.accepted" : "intro.declined";
    const payload = { introId: intro.id, from: intro.target_name, to: intro.investor_name };
    const toInvestor = await storeNotifications(trx, await memberIdsOf(trx, intro.investor_org_id), kind, payload);
    const toTeam = await storeNotifications(trx, await memberIdsOf(trx, intro.target_org_id, { managersOnly: true, except: a.id }), kind, payload);
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
  const org = approvedOrg(a);
  if (!org) return { incoming: [], outgoing: [] };
  const orgId = org.id;
  const rows = await db
    .selectFrom("introductions")
    .innerJoin("organisations as i", "i.id", "introductions.investor_org_id")
    .innerJoin("organisations as t", "t.id", "introductions.target_org_id")
    .select([
      "introductions.id",
      "introductions.status",
      "introductions.message",
      "introductions.response_note",
      "introductions.created_at",
      "introductions.responded_at",
      "introductions.investor_org_id",
      "introductions.target_org_id",
      "i.name_zh as i_name",
      "i.name_en as i_name_en",
      "i.type as i_type",
      "i.contact_name as i_cname",
      "i.contact_email as i_cemail",
      "i.contact_phone as i_cphone",
      "t.name_zh as t_name",
      "t.name_en as t_name_en",
      "t.type as t_type",
      "t.contact_name as t_cname",
      "t.contact_email as t_cemail",
      "t.contact_phone as t_cphone",
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
      contact: !accepted
        ? null
        : incoming
          ? { name: r.i_cname, email: r.i_cemail, phone: r.i_cphone }
          : { name: r.t_cname, email: r.t_cemail, phone: r.t_cphone },
      canAnswer: incoming && manager && r.status === "pending",
    };
  });
  return { incoming: views.filter((v) => v.direction === "incoming"), outgoing: views.filter((v) => v.direction === "outgoing") };
}

/** The open or latest request of the viewer's investor organisation to one organisation. */
export async function introductionWith(db: Db, actor: Actor | null, targetOrgId: string) {
  const org = approvedOrg(actor);
  if (!org) return null;
  return (
    (await db
      .selectFrom("introductions")
      .select(["id", "status", "created_at"])
      .where("investor_org_id", "=", org.id)
      .where("target_org_id", "=", targetOrgId)
      .orderBy("created_at", "desc")
      .executeTakeFirst()) ?? null
  );
}
