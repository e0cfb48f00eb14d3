import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { GroupRole } from "../../../db/tables/standards";
import { writeAudit } from "../core/audit.server";
import { conflict, forbidden, invalid, notFound, refusingDuplicates } from "../core/errors";
import type { GroupInput } from "./group-schema";
import { GROUP_ROLES } from "../core/enums";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { isApprovedMember, isSecretariat, requireSecretariat, requireUser, type Actor, requireApprovedMember } from "../core/permissions";
import { likePatterns } from "../core/search.server";

type Db = Kysely<Database>;

export const ALL_GROUP_ROLES: readonly GroupRole[] = GROUP_ROLES;
/** Observers follow the work but do not vote. */
export const VOTING_ROLES: readonly GroupRole[] = ["convenor", "editor", "member"];

/**
 * Standards working groups and who is in them. Other standards modules (drafts, ballots,
 * meetings, the group channel) ask `groupRole` / `requireGroupRole` before every read and write.
 */
export async function createGroup(db: Db, actor: Actor | null, input: GroupInput): Promise<string> {
  const a = requireSecretariat(actor);
  return refusingDuplicates({ working_groups_name_key: ["standards.errors.nameTaken", "name"] }, () =>
    db.transaction().execute(async (trx) => {
      const convenor = await trx
        .selectFrom("users")
        .innerJoin("org_members", "org_members.user_id", "users.id")
        .innerJoin("organisations", "organisations.id", "org_members.org_id")
        .select("users.id")
        .where(sql`lower(users.email)`, "=", input.convenorEmail)
        .where("organisations.status", "=", "approved")
        .executeTakeFirst();
      if (!convenor) throw invalid("standards.errors.convenorUnknown", "convenorEmail");
      const group = await trx
        .insertInto("working_groups")
        .values({
          name: input.name,
          name_en: input.nameEn,
          scope: input.scope,
          charter: input.charter,
          standard_type: input.standardType,
          milestones: JSON.stringify(input.milestones),
          created_by: a.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("group_members")
        .values({ group_id: group.id, user_id: convenor.id, role: "convenor", status: "active", decided_by: a.id, decided_at: sql`now()` })
        .execute();
      await writeAudit(trx, {
        actorId: a.id,
        action: "group.created",
        entityType: "group",
        entityId: group.id,
        after: { name: input.name, convenor: convenor.id },
      });
      return group.id;
    }),
  );
}

export interface Membership {
  role: GroupRole;
  status: "pending" | "active" | "declined";
}

/**
 * The one source of group rights. A seat in a group belongs to a member of an approved
 * organisation: whoever has left or been removed from theirs keeps the row but no rights, checked
 * on every request and socket event (the actor is reloaded for each).
 */
export async function groupRole(db: Db, actor: Actor | null, groupId: string): Promise<Membership | null> {
  if (!actor || !isApprovedMember(actor)) return null;
  const row = await db
    .selectFrom("group_members")
    .select(["role", "status"])
    .where("group_id", "=", groupId)
    .where("user_id", "=", actor.id)
    .executeTakeFirst();
  return row ?? null;
}

/** Active members with one of the roles (the secretariat counts as convenor for oversight). */
export async function requireGroupRole(db: Db, actor: Actor | null, groupId: string, roles: readonly GroupRole[]): Promise<GroupRole> {
  const a = requireUser(actor);
  const group = await db.selectFrom("working_groups").select("id").where("id", "=", groupId).executeTakeFirst();
  if (!group) throw notFound();
  if (isSecretariat(a) && roles.includes("convenor")) return "convenor";
  const m = await groupRole(db, a, groupId);
  if (!m || m.status !== "active" || !roles.includes(m.role)) throw forbidden("standards.errors.notAllowed");
  return m.role;
}

export async function listGroups(db: Db) {
  return db
    .selectFrom("working_groups")
    .select([
      "working_groups.id",
      "working_groups.name",
      "working_groups.name_en",
      "working_groups.scope",
      "working_groups.standard_type",
      "working_groups.status",
      sql<number>`(select count(*)::int from group_members m where m.group_id = working_groups.id and m.status = 'active')`.as("members"),
    ])
    .orderBy("working_groups.created_at", "desc")
    .execute();
}

/** What a group's sub-pages show above their tabs: its name, and whether the reader convenes it. */
export async function getGroupHeader(db: Db, actor: Actor | null, groupId: string) {
  const group = await db.selectFrom("working_groups").select(["id", "name"]).where("id", "=", groupId).executeTakeFirst();
  if (!group) throw notFound();
  const me = await groupRole(db, actor, groupId);
  const convenes = convenesGroup(actor, me);
  return { id: group.id, name: group.name, convenes, rooms: seesGroupRooms(convenes, me?.status === "active") };
}

/** Who reaches a group's members-only rooms (ballots, meetings, channel): those who convene it and its active members. */
export const seesGroupRooms = (convenes: boolean, active: boolean): boolean => convenes || active;

/** Who convenes a group: its active convenors, and the secretariat for oversight (decided here only). */
export const convenesGroup = (actor: Actor | null, me: Membership | null): boolean =>
  isSecretariat(actor) || (me?.status === "active" && me.role === "convenor");

/** The public page of a group: charter, milestones, and which organisations take part. */
export async function getGroup(db: Db, actor: Actor | null, groupId: string) {
  const group = await db.selectFrom("working_groups").selectAll().where("id", "=", groupId).executeTakeFirst();
  if (!group) throw notFound();
  // The actor's own row comes with the members (whatever its status), so their role needs no statement of its own.
  const mine = actor && isApprovedMember(actor) ? actor.id : null;
  const rows = await db
    .selectFrom("group_members")
    .innerJoin("users", "users.id", "group_members.user_id")
    .leftJoin("org_members", "org_members.user_id", "users.id")
    .leftJoin("organisations", "organisations.id", "org_members.org_id")
    .select([
      "users.id as user_id",
      "users.display_name",
      "group_members.role",
      "group_members.status",
      "group_members.message",
      "organisations.id as org_id",
      "organisations.name_zh as org_name",
    ])
    .where("group_members.group_id", "=", groupId)
    .where((eb) =>
      mine
        ? eb.or([eb("group_members.status", "in", ["active", "pending"]), eb("group_members.user_id", "=", mine)])
        : eb("group_members.status", "in", ["active", "pending"]),
    )
    .orderBy("group_members.created_at")
    .execute();
  const own = mine ? rows.find((m) => m.user_id === mine) : undefined;
  const me: Membership | null = own ? { role: own.role, status: own.status } : null;
  const members = rows.filter((m) => m.status === "active" || m.status === "pending");
  const convenes = convenesGroup(actor, me);
  const active = members.filter((m) => m.status === "active");
  const orgs = [...new Map(active.filter((m) => m.org_id).map((m) => [m.org_id!, m.org_name!])).entries()].map(([id, name]) => ({ id, name }));
  return {
    id: group.id,
    name: group.name,
    nameEn: group.name_en,
    scope: group.scope,
    charter: group.charter,
    standardType: group.standard_type,
    milestones: group.milestones,
    status: group.status,
    organisations: orgs,
    convenors: active.filter((m) => m.role === "convenor").map((m) => ({ name: m.display_name, org: m.org_name })),
    // Names and roles of people are for the group itself; the public sees organisations.
    rooms: seesGroupRooms(convenes, me?.status === "active"),
    members: seesGroupRooms(convenes, me?.status === "active")
      ? active.map((m) => ({ userId: m.user_id, name: m.display_name, role: m.role, org: m.org_name }))
      : [],
    pending: convenes
      ? members.filter((m) => m.status === "pending").map((m) => ({ userId: m.user_id, name: m.display_name, org: m.org_name, message: m.message }))
      : [],
    me,
    convenes,
  };
}

/** Members of approved organisations ask to join; the convenors hear of it at once. */
export async function requestToJoin(db: Db, actor: Actor | null, groupId: string, message: string | null, realtime: Realtime = noRealtime) {
  const a = requireApprovedMember(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const group = await trx.selectFrom("working_groups").select(["id", "name", "name_en", "status"]).where("id", "=", groupId).executeTakeFirst();
    if (!group) throw notFound();
    if (group.status !== "active") throw conflict("standards.errors.groupClosed");
    const existing = await trx
      .selectFrom("group_members")
      .select("status")
      .where("group_id", "=", groupId)
      .where("user_id", "=", a.id)
      .forUpdate()
      .executeTakeFirst();
    if (existing && existing.status !== "declined") throw conflict("standards.errors.alreadyRequested");
    if (existing) {
      await trx
        .updateTable("group_members")
        .set({ status: "pending", role: "member", message, decided_by: null, decided_at: null })
        .where("group_id", "=", groupId)
        .where("user_id", "=", a.id)
        .execute();
    } else {
      await trx.insertInto("group_members").values({ group_id: groupId, user_id: a.id, role: "member", status: "pending", message }).execute();
    }
    await writeAudit(trx, { actorId: a.id, action: "group.join_requested", entityType: "group", entityId: groupId, after: { userId: a.id } });
    const convenors = await trx
      .selectFrom("group_members")
      .select("user_id")
      .where("group_id", "=", groupId)
      .where("role", "=", "convenor")
      .where("status", "=", "active")
      .execute();
    return storeNotifications(
      trx,
      convenors.map((c) => c.user_id),
      "group.join_requested",
      { groupId, name: group.name, nameEn: group.name_en, from: a.displayName },
    );
  });
  deliver(realtime, notes);
}

export async function decideJoin(
  db: Db,
  actor: Actor | null,
  groupId: string,
  input: { userId: string; decision: "accept" | "decline"; role: GroupRole },
  realtime: Realtime = noRealtime,
) {
  const a = requireUser(actor);
  await requireGroupRole(db, a, groupId, ["convenor"]);
  const notes = await db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom("group_members")
      .select(["status"])
      .where("group_id", "=", groupId)
      .where("user_id", "=", input.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!m) throw notFound();
    if (m.status !== "pending") throw conflict("standards.errors.alreadyDecided");
    const status = input.decision === "accept" ? "active" : "declined";
    const verb = input.decision === "accept" ? "accepted" : "declined";
    await trx
      .updateTable("group_members")
      .set({ status, role: input.role, decided_by: a.id, decided_at: sql`now()` })
      .where("group_id", "=", groupId)
      .where("user_id", "=", input.userId)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: `group.join_${verb}`,
      entityType: "group",
      entityId: groupId,
      before: { status: "pending" },
      after: { userId: input.userId, status, role: input.role },
    });
    const group = await trx.selectFrom("working_groups").select(["name", "name_en"]).where("id", "=", groupId).executeTakeFirstOrThrow();
    return storeNotifications(trx, [input.userId], `group.join_${verb}`, { groupId, name: group.name, nameEn: group.name_en });
  });
  deliver(realtime, notes);
}

export async function changeGroupRole(db: Db, actor: Actor | null, groupId: string, userId: string, role: GroupRole) {
  const a = requireUser(actor);
  await requireGroupRole(db, a, groupId, ["convenor"]);
  await db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom("group_members")
      .select(["role", "status"])
      .where("group_id", "=", groupId)
      .where("user_id", "=", userId)
      .forUpdate()
      .executeTakeFirst();
    if (!m || m.status !== "active") throw notFound();
    if (m.role === "convenor" && role !== "convenor") {
      const others = await trx
        .selectFrom("group_members")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("group_id", "=", groupId)
        .where("role", "=", "convenor")
        .where("status", "=", "active")
        .executeTakeFirstOrThrow();
      if (others.n <= 1) throw invalid("standards.errors.lastConvenor");
    }
    await trx.updateTable("group_members").set({ role }).where("group_id", "=", groupId).where("user_id", "=", userId).execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "group.role_changed",
      entityType: "group",
      entityId: groupId,
      before: { userId, role: m.role },
      after: { userId, role },
    });
  });
}

/** User ids of the group's active members, for announcements. */
export async function groupMemberIds(db: Db | Kysely<Database>, groupId: string, except?: string): Promise<string[]> {
  let q = db.selectFrom("group_members").select("user_id").where("group_id", "=", groupId).where("status", "=", "active");
  if (except) q = q.where("user_id", "!=", except);
  return (await q.execute()).map((r) => r.user_id);
}

/** Working groups whose name (Chinese or English) or scope contains the text, in any script. */
export async function searchGroups(db: Db, text: string, limit = 5) {
  const likes = likePatterns(text);
  return db
    .selectFrom("working_groups")
    .select(["id", "name", "name_en", "scope"])
    .where((eb) => eb.or(likes.flatMap((like) => [eb("name", "ilike", like), eb("name_en", "ilike", like), eb("scope", "ilike", like)])))
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}
