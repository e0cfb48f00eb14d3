import { sql, type Kysely } from "kysely";
import type { z } from "zod";
import type { Database, OrgRole } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { likePatterns } from "../core/search.server";
import { conflict, forbidden, invalid, notFound, refusingDuplicates, type DuplicateRefusals } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { isModerator, isSecretariat, mayApply, requireOrgManager, requireSecretariat, requireUser, requireVerifiedUser, type Actor } from "../core/permissions";
import { invitationMail, type LinkContext } from "./account-mail.server";
import { mailLocale, queueMail, type Mailer } from "./mail.server";
import { hashToken, newToken } from "./tokens.server";
import { enforceAccountMail } from "./mail-limits.server";
import { LIMITS, enforceLimit } from "../core/rate-limit.server";
import type { directoryQuerySchema, inviteSchema, orgApplicationSchema, reviewSchema } from "./account-schema";
import { sharedFigures } from "../core/shared-figures.server";
import { memberIdsOf } from "../core/org-members.server";

type Db = Kysely<Database>;
type Application = z.infer<typeof orgApplicationSchema>;

const PUBLIC_COLUMNS = ["id", "type", "name_zh", "name_en", "region", "description", "status", "created_at"] as const;

function toRow(input: Application) {
  return {
    type: input.type,
    name_zh: input.nameZh,
    name_en: input.nameEn ?? null,
    region: input.region,
    credit_code: input.creditCode ?? null,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone ?? null,
    description: input.description,
  };
}

/** A person belongs to one organisation (a unique user_id), however two requests race. */
const MEMBERSHIP_DUPLICATES: DuplicateRefusals = { org_members_user_id_key: ["errors.alreadyInOrg"] };

/**
 * A signed-in user applies on behalf of an organisation and becomes its owner. A rejected
 * applicant may correct and resubmit the same application.
 */
export async function applyForMembership(db: Db, actor: Actor | null, input: Application): Promise<string> {
  const a = requireVerifiedUser(actor);
  if (!mayApply(a)) throw a.org ? conflict("errors.alreadyInOrg") : forbidden();
  return refusingDuplicates({ ...MEMBERSHIP_DUPLICATES, organisations_credit_code_key: ["errors.creditCodeTaken", "creditCode"] }, () =>
    db.transaction().execute(async (trx) => {
      if (a.org) {
        const before = await trx.selectFrom("organisations").selectAll().where("id", "=", a.org.id).executeTakeFirstOrThrow();
        await trx
          .updateTable("organisations")
          .set({ ...toRow(input), status: "pending", review_reason: null, reviewed_by: null, reviewed_at: null })
          .where("id", "=", a.org.id)
          .execute();
        await writeAudit(trx, {
          actorId: a.id,
          action: "organisation.resubmitted",
          entityType: "organisation",
          entityId: a.org.id,
          before,
          after: toRow(input),
        });
        return a.org.id;
      }
      const org = await trx
        .insertInto("organisations")
        .values({ ...toRow(input), applied_by: a.id })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("org_members").values({ org_id: org.id, user_id: a.id, role: "owner" }).execute();
      await writeAudit(trx, { actorId: a.id, action: "organisation.applied", entityType: "organisation", entityId: org.id, after: toRow(input) });
      return org.id;
    }),
  );
}

export async function listPendingApplications(db: Db, actor: Actor | null) {
  requireSecretariat(actor);
  return db
    .selectFrom("organisations")
    .innerJoin("users", "users.id", "organisations.applied_by")
    .select([
      ...PUBLIC_COLUMNS.map((c) => `organisations.${c}` as const),
      "organisations.credit_code",
      "organisations.contact_name",
      "organisations.contact_email",
      "organisations.contact_phone",
      "users.email as applicant_email",
    ])
    .where("organisations.status", "=", "pending")
    .orderBy("organisations.created_at")
    .execute();
}

export async function reviewApplication(db: Db, actor: Actor | null, input: z.infer<typeof reviewSchema>, realtime: Realtime = noRealtime): Promise<void> {
  const a = requireSecretariat(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom("organisations").select(["id", "status", "name_zh"]).where("id", "=", input.orgId).forUpdate().executeTakeFirst();
    if (!org) throw notFound();
    if (org.status !== "pending") throw conflict("errors.alreadyReviewed");
    const status = input.decision === "approve" ? "approved" : "rejected";
    await trx
      .updateTable("organisations")
      .set({ status, review_reason: input.reason ?? null, reviewed_by: a.id, reviewed_at: sql`now()` })
      .where("id", "=", org.id)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: `organisation.${status}`,
      entityType: "organisation",
      entityId: org.id,
      before: { status: org.status },
      after: { status, reason: input.reason ?? null },
    });
    return storeNotifications(trx, await memberIdsOf(trx, org.id), `organisation.${status}`, {
      orgId: org.id,
      name: org.name_zh,
      reason: input.reason ?? null,
    });
  });
  deliver(realtime, notes);
}

/**
 * Approved organisations are public; pending and rejected ones only to their members and the
 * secretariat. The organisation's own contact is for itself and the secretariat.
 */
export async function getOrganisation(db: Db, actor: Actor | null, orgId: string) {
  const org = await db.selectFrom("organisations").selectAll().where("id", "=", orgId).executeTakeFirst();
  if (!org) throw notFound();
  const own = actor?.org?.id === org.id;
  if (org.status !== "approved" && !own && !isSecretariat(actor)) throw notFound();
  // Hidden or suspended by the moderators: only the organisation and the staff still see it, with the reason.
  const moderated = org.suspended_at || org.hidden_at;
  if (moderated && !own && !isModerator(actor)) throw notFound();
  // Direct contacts are earned: through a deal on a listing or an accepted introduction.
  const showContact = own || isSecretariat(actor);
  return {
    id: org.id,
    type: org.type,
    nameZh: org.name_zh,
    nameEn: org.name_en,
    region: org.region,
    description: org.description,
    status: org.status,
    createdAt: org.created_at,
    reviewReason: own || isSecretariat(actor) ? org.review_reason : null,
    moderation: moderated ? { suspended: !!org.suspended_at, reason: (org.suspended_at ? org.suspended_reason : org.hidden_reason) ?? "" } : null,
    creditCode: org.credit_code,
    contact: showContact ? { name: org.contact_name, email: org.contact_email, phone: org.contact_phone } : null,
  };
}

export const DIRECTORY_PAGE_SIZE = 24;

export async function listDirectory(db: Db, query: z.infer<typeof directoryQuerySchema>) {
  let q = db.selectFrom("organisations").where("status", "=", "approved").where("hidden_at", "is", null).where("suspended_at", "is", null);
  if (query.type) q = q.where("type", "=", query.type);
  if (query.region) q = q.where("region", "=", query.region);
  if (query.q) {
    // Names are stored as their members write them: look for the query in every script (港湾 finds 港灣).
    const likes = likePatterns(query.q);
    q = q.where((eb) => eb.or(likes.flatMap((like) => [eb("name_zh", "ilike", like), eb("name_en", "ilike", like)])));
  }
  const [rows, total] = await Promise.all([
    q
      .select(["id", "type", "name_zh", "name_en", "region", "description"])
      .orderBy("name_zh")
      .limit(DIRECTORY_PAGE_SIZE)
      .offset((query.page - 1) * DIRECTORY_PAGE_SIZE)
      .execute(),
    q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { organisations: rows, total: total.n, pageSize: DIRECTORY_PAGE_SIZE };
}

export async function listMembers(db: Db, actor: Actor | null, orgId: string) {
  const a = requireUser(actor);
  if (a.org?.id !== orgId && !isSecretariat(a)) throw forbidden();
  return db
    .selectFrom("org_members")
    .innerJoin("users", "users.id", "org_members.user_id")
    .select(["users.id", "users.email", "users.display_name", "org_members.role", "org_members.created_at"])
    .where("org_members.org_id", "=", orgId)
    .orderBy("org_members.created_at")
    .execute();
}

export async function listInvitations(db: Db, actor: Actor | null, orgId: string) {
  requireOrgManager(actor, orgId);
  return db
    .selectFrom("org_invitations")
    .select(["id", "email", "role", "created_at"])
    .where("org_id", "=", orgId)
    .where("status", "=", "pending")
    .orderBy("created_at", "desc")
    .execute();
}

export async function inviteMember(
  db: Db,
  actor: Actor | null,
  orgId: string,
  input: z.infer<typeof inviteSchema>,
  realtime: Realtime = noRealtime,
  mail?: { links: LinkContext; mailer: Mailer },
): Promise<string> {
  const a = requireOrgManager(actor, orgId);
  // Invite, revoke, invite again would otherwise mail one outsider without end: a daily allowance
  // per organisation, and one per recipient (whoever invites) before any mail is written.
  await enforceLimit(db, `invite:org:${orgId}`, LIMITS.invitationsPerOrg.limit, LIMITS.invitationsPerOrg.windowSeconds, "errors.tooManyInvitations");
  if (mail) await enforceAccountMail(db, "invitation", input.email);
  return refusingDuplicates({ org_invitations_pending: ["errors.alreadyInvited", "email"] }, async () => {
    const { id, notes } = await db.transaction().execute(async (trx) => {
      // The link in the mail carries a token; the table keeps its hash.
      const token = newToken();
      // Whether the address already belongs to a member organisation is not the inviter's to learn:
      // the invitation is kept and answered alike, but its holder, who cannot take a second seat,
      // is neither mailed nor notified.
      const seated = await trx
        .selectFrom("org_members")
        .innerJoin("users", "users.id", "org_members.user_id")
        .select("users.id")
        .where(sql`lower(users.email)`, "=", input.email)
        .executeTakeFirst();
      const inv = await trx
        .insertInto("org_invitations")
        .values({ org_id: orgId, email: input.email, role: input.role, invited_by: a.id, token_hash: hashToken(token) })
        .returning("id")
        .executeTakeFirstOrThrow();
      await writeAudit(trx, { actorId: a.id, action: "invitation.created", entityType: "organisation", entityId: orgId, after: input });
      const invitee = await trx
        .selectFrom("users")
        .select(["id", "locale", "email_verified_at"])
        .where(sql`lower(email)`, "=", input.email)
        .executeTakeFirst();
      if (mail && !seated) {
        const links = { ...mail.links, locale: mailLocale(invitee?.locale, mail.links.locale) };
        await queueMail(trx, invitationMail(links, input.email, a.org?.nameZh ?? "", input.role, token));
      }
      // Only an account that proved this address hears of the invitation in the app (listMyInvitations).
      const notes =
        invitee?.email_verified_at && !seated ? await storeNotifications(trx, [invitee.id], "invitation.received", { orgId, name: a.org?.nameZh ?? "" }) : [];
      return { id: inv.id, notes };
    });
    deliver(realtime, notes);
    void mail?.mailer.flush();
    return id;
  });
}

export async function revokeInvitation(db: Db, actor: Actor | null, orgId: string, invitationId: string) {
  const a = requireOrgManager(actor, orgId);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("org_invitations")
      .set({ status: "revoked" })
      .where("id", "=", invitationId)
      .where("org_id", "=", orgId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw notFound();
    await writeAudit(trx, { actorId: a.id, action: "invitation.revoked", entityType: "organisation", entityId: orgId, after: { invitationId } });
  });
}

export async function listMyInvitations(db: Db, actor: Actor | null) {
  const a = requireUser(actor);
  // A member of an organisation cannot accept another's invitation (acceptInvitation): none to show.
  // Nor can an unconfirmed account, whose address anyone could have typed: it sees none until confirmed.
  if (a.org || !a.emailVerified) return [];
  return db
    .selectFrom("org_invitations")
    .innerJoin("organisations", "organisations.id", "org_invitations.org_id")
    .select(["org_invitations.id", "org_invitations.role", "organisations.name_zh", "organisations.name_en", "organisations.id as org_id"])
    .where(sql`lower(org_invitations.email)`, "=", a.email.toLowerCase())
    .where("org_invitations.status", "=", "pending")
    .where("organisations.status", "=", "approved")
    .execute();
}

/**
 * An invitation is taken either with the link's token (it reached the invited mailbox) or, from the
 * dashboard, by an account whose verified address is the invited one. Unverified accounts cannot
 * take a seat: signing up with someone's address proves nothing.
 */
export async function acceptInvitation(db: Db, actor: Actor | null, invitationId: string): Promise<string> {
  return joinByInvitation(db, actor, { id: invitationId });
}

export async function acceptInvitationByToken(db: Db, actor: Actor | null, token: string): Promise<string> {
  return joinByInvitation(db, actor, { token });
}

/** What the invitation link's page shows before it is accepted; null for a dead link. */
export async function invitationByToken(db: Db, token: string) {
  const row = await db
    .selectFrom("org_invitations")
    .innerJoin("organisations", "organisations.id", "org_invitations.org_id")
    .select(["org_invitations.email", "org_invitations.role", "organisations.name_zh", "organisations.name_en"])
    .where("org_invitations.token_hash", "=", hashToken(token))
    .where("org_invitations.status", "=", "pending")
    .executeTakeFirst();
  return row ?? null;
}

async function joinByInvitation(db: Db, actor: Actor | null, by: { id: string } | { token: string }): Promise<string> {
  const a = requireVerifiedUser(actor);
  if (a.org) throw conflict("errors.alreadyInOrg");
  return refusingDuplicates(MEMBERSHIP_DUPLICATES, () =>
    db.transaction().execute(async (trx) => {
      let q = trx.selectFrom("org_invitations").select(["id", "org_id", "role", "email"]).where("status", "=", "pending");
      q = "id" in by ? q.where("id", "=", by.id) : q.where("token_hash", "=", hashToken(by.token));
      const inv = await q.forUpdate().executeTakeFirst();
      if (!inv || ("id" in by && inv.email.toLowerCase() !== a.email.toLowerCase())) throw notFound();
      await trx.updateTable("org_invitations").set({ status: "accepted" }).where("id", "=", inv.id).execute();
      await trx.insertInto("org_members").values({ org_id: inv.org_id, user_id: a.id, role: inv.role }).execute();
      await writeAudit(trx, {
        actorId: a.id,
        action: "membership.joined",
        entityType: "organisation",
        entityId: inv.org_id,
        after: { userId: a.id, role: inv.role },
      });
      return inv.org_id;
    }),
  );
}

async function countOwners(trx: Db, orgId: string): Promise<number> {
  const row = await trx
    .selectFrom("org_members")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("org_id", "=", orgId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return row.n;
}

/** A member's seat, locked for the change about to be made to it; 404 when there is none. */
async function lockedMembership(trx: Db, orgId: string, userId: string) {
  const m = await trx.selectFrom("org_members").select("role").where("org_id", "=", orgId).where("user_id", "=", userId).forUpdate().executeTakeFirst();
  if (!m) throw notFound();
  return m;
}

/** Admins manage members; only owners grant or take away ownership; an organisation keeps at least one owner. */
export async function changeMemberRole(db: Db, actor: Actor | null, orgId: string, userId: string, role: OrgRole, realtime: Realtime = noRealtime) {
  const a = requireOrgManager(actor, orgId);
  await db.transaction().execute(async (trx) => {
    const m = await lockedMembership(trx, orgId, userId);
    if ((m.role === "owner" || role === "owner") && a.org?.role !== "owner") throw forbidden();
    if (m.role === "owner" && role !== "owner" && (await countOwners(trx, orgId)) <= 1) throw invalid("errors.lastOwner");
    await trx.updateTable("org_members").set({ role }).where("org_id", "=", orgId).where("user_id", "=", userId).execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "membership.role_changed",
      entityType: "organisation",
      entityId: orgId,
      before: { userId, role: m.role },
      after: { userId, role },
    });
  });
  realtime.disconnect({ userId });
}

export async function removeMember(db: Db, actor: Actor | null, orgId: string, userId: string, realtime: Realtime = noRealtime) {
  const a = requireOrgManager(actor, orgId);
  await db.transaction().execute(async (trx) => {
    const m = await lockedMembership(trx, orgId, userId);
    if (m.role === "owner" && a.org?.role !== "owner") throw forbidden();
    if (m.role === "owner" && (await countOwners(trx, orgId)) <= 1) throw invalid("errors.lastOwner");
    await trx.deleteFrom("org_members").where("org_id", "=", orgId).where("user_id", "=", userId).execute();
    await writeAudit(trx, { actorId: a.id, action: "membership.removed", entityType: "organisation", entityId: orgId, before: { userId, role: m.role } });
  });
  realtime.disconnect({ userId });
}

/** The most recently approved members, for the public landing page. */
export async function newestMembers(db: Db, limit = 8) {
  return db
    .selectFrom("organisations")
    .select(["id", "type", "name_zh", "name_en", "region"])
    .where("status", "=", "approved")
    .orderBy("reviewed_at", "desc")
    .orderBy("name_zh")
    .limit(limit)
    .execute();
}

/** Live figures for the public landing page, in one round trip. */
export async function allianceCounts(db: Db) {
  const rows = await db
    .selectFrom("organisations")
    .select([
      "type",
      sql<number>`count(*)::int`.as("n"),
      sql<number>`sum((select count(*) from org_members m where m.org_id = organisations.id))::int`.as("people"),
      sql<number>`(select count(distinct region) from organisations where status = 'approved')::int`.as("regions"),
    ])
    .where("status", "=", "approved")
    .groupBy("type")
    .execute();
  const byType = Object.fromEntries(rows.map((r) => [r.type, r.n])) as Record<string, number>;
  return {
    organisations: rows.reduce((s, r) => s + r.n, 0),
    byType,
    people: rows.reduce((s, r) => s + r.people, 0),
    regions: rows[0]?.regions ?? 0,
  };
}

/** The landing page's figures and newest members: the same for every visitor, at most a minute old. */
export const landingFigures = sharedFigures(60_000, async (db) => {
  const [counts, newest] = await Promise.all([allianceCounts(db), newestMembers(db)]);
  return { counts, newest };
});
