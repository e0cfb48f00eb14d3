import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { forbidden, notFound } from "../core/errors";
import { isUuid } from "../core/params";
import { calendarFile, calendarMeetings } from "./calendar.server";
import type { MeetingInput, MinutesInput } from "./collab-schema";
import { ALL_GROUP_ROLES, groupMemberIds, groupRole, requireGroupRole } from "./groups.server";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { requireUser, type Actor } from "../core/permissions";

type Db = Kysely<Database>;

async function loadMeeting(db: Db, meetingId: string) {
  if (!isUuid(meetingId)) throw notFound();
  const m = await db.selectFrom("meetings").selectAll().where("id", "=", meetingId).executeTakeFirst();
  if (!m) throw notFound();
  return m;
}

function present(m: Awaited<ReturnType<typeof loadMeeting>>) {
  return {
    id: m.id,
    groupId: m.group_id,
    title: m.title,
    agenda: m.agenda,
    startsAt: m.starts_at,
    endsAt: m.ends_at,
    timeZone: m.time_zone,
    onlineUrl: m.online_url,
    place: m.place,
    minutes: m.minutes,
    draftRefs: m.draft_refs,
    decisions: m.decisions,
  };
}

/** A group hears of a meeting this long before it starts (the notice of a meeting called later stands in for it). */
export const REMINDER_LEAD_MS = 24 * 3_600_000;

/** The convenor calls meetings; the group's other members are told. */
export async function createMeeting(
  db: Db,
  actor: Actor | null,
  groupId: string,
  input: MeetingInput,
  realtime: Realtime = noRealtime,
  now = new Date(),
): Promise<string> {
  const a = requireUser(actor);
  await requireGroupRole(db, a, groupId, ["convenor"]);
  const soon = new Date(input.startsAt).getTime() - now.getTime() <= REMINDER_LEAD_MS;
  const { id, notes } = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("meetings")
      .values({
        group_id: groupId,
        title: input.title,
        agenda: input.agenda,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        time_zone: input.timeZone,
        online_url: input.onlineUrl,
        place: input.place,
        minutes: null,
        draft_refs: "[]",
        decisions: "[]",
        created_by: a.id,
        reminded_at: soon ? now : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: a.id,
      action: "meeting.created",
      entityType: "meeting",
      entityId: row.id,
      after: { groupId, title: input.title, startsAt: input.startsAt, timeZone: input.timeZone },
    });
    const notes = await storeNotifications(
      trx,
      await groupMemberIds(trx, groupId, a.id),
      "group.meeting_called",
      await meetingNotice(trx, groupId, row.id, input.title),
    );
    return { id: row.id, notes };
  });
  deliver(realtime, notes);
  return id;
}

/** What a meeting notice says: the group's names and the meeting's title, with the ids its link needs. */
async function meetingNotice(db: Db, groupId: string, meetingId: string, title: string) {
  const group = await db.selectFrom("working_groups").select(["name", "name_en"]).where("id", "=", groupId).executeTakeFirstOrThrow();
  return { groupId, meetingId, name: group.name, nameEn: group.name_en, title };
}

/**
 * Reminds each group of its meetings that start within REMINDER_LEAD_MS, once per meeting: the
 * meeting is marked in the same transaction as the notifications are stored. A scheduled job.
 */
export async function remindUpcomingMeetings(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .updateTable("meetings")
      .set({ reminded_at: now })
      .where("reminded_at", "is", null)
      .where("starts_at", ">", now)
      .where("starts_at", "<=", new Date(now.getTime() + REMINDER_LEAD_MS))
      .returning(["id", "group_id", "title"])
      .execute();
    for (const m of due) {
      await storeNotifications(trx, await groupMemberIds(trx, m.group_id), "group.meeting_soon", await meetingNotice(trx, m.group_id, m.id, m.title));
    }
    return due.length;
  });
}

/** Minutes, the drafts they concern and the decisions taken: the convenor and editors write them. */
export async function recordMinutes(db: Db, actor: Actor | null, meetingId: string, input: MinutesInput) {
  const a = requireUser(actor);
  const m = await loadMeeting(db, meetingId);
  await requireGroupRole(db, a, m.group_id, ["convenor", "editor"]);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("meetings")
      .set({ minutes: input.minutes, draft_refs: JSON.stringify(input.draftRefs), decisions: JSON.stringify(input.decisions), updated_at: sql`now()` })
      .where("id", "=", meetingId)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "meeting.minutes_recorded",
      entityType: "meeting",
      entityId: meetingId,
      before: { decisions: m.decisions },
      after: { draftRefs: input.draftRefs, decisions: input.decisions },
    });
  });
}

/** Members mark their own attendance; the convenor records anyone's. */
export async function markAttendance(db: Db, actor: Actor | null, meetingId: string, input: { userId?: string | null; attended: boolean }) {
  const a = requireUser(actor);
  const m = await loadMeeting(db, meetingId);
  const who = input.userId ?? a.id;
  if (who === a.id) {
    await requireGroupRole(db, a, m.group_id, ALL_GROUP_ROLES);
    const mine = await groupRole(db, a, m.group_id);
    if (mine?.status !== "active") throw forbidden("standards.errors.notAllowed");
  } else {
    await requireGroupRole(db, a, m.group_id, ["convenor"]);
    const target = await db.selectFrom("group_members").select("status").where("group_id", "=", m.group_id).where("user_id", "=", who).executeTakeFirst();
    if (target?.status !== "active") throw notFound();
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("meeting_attendance")
      .values({ meeting_id: meetingId, user_id: who, attended: input.attended, recorded_by: a.id })
      .onConflict((oc) => oc.columns(["meeting_id", "user_id"]).doUpdateSet({ attended: input.attended, recorded_by: a.id, recorded_at: sql`now()` }))
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "meeting.attendance",
      entityType: "meeting",
      entityId: meetingId,
      after: { userId: who, attended: input.attended },
    });
  });
}

export async function listMeetings(db: Db, actor: Actor | null, groupId: string) {
  await requireGroupRole(db, actor, groupId, ALL_GROUP_ROLES);
  const rows = await db.selectFrom("meetings").selectAll().where("group_id", "=", groupId).orderBy("starts_at", "desc").execute();
  const now = Date.now();
  const all = rows.map(present);
  return {
    upcoming: all.filter((m) => new Date(m.endsAt).getTime() >= now).reverse(),
    past: all.filter((m) => new Date(m.endsAt).getTime() < now),
  };
}

export async function getMeeting(db: Db, actor: Actor | null, meetingId: string) {
  const m = await loadMeeting(db, meetingId);
  const role = await requireGroupRole(db, actor, m.group_id, ALL_GROUP_ROLES);
  const members = await db
    .selectFrom("group_members")
    .innerJoin("users", "users.id", "group_members.user_id")
    .leftJoin("meeting_attendance as att", (j) => j.onRef("att.user_id", "=", "group_members.user_id").on("att.meeting_id", "=", meetingId))
    .select(["users.id as user_id", "users.display_name", "group_members.role", "att.attended"])
    .where("group_members.group_id", "=", m.group_id)
    .where("group_members.status", "=", "active")
    .orderBy("group_members.created_at")
    .execute();
  const me = await groupRole(db, actor, m.group_id);
  return {
    ...present(m),
    convenes: role === "convenor",
    writesMinutes: role === "convenor" || role === "editor",
    isMember: me?.status === "active",
    attendance: members.map((r) => ({ userId: r.user_id, name: r.display_name, role: r.role, attended: r.attended ?? null })),
  };
}

/** An iCalendar file of one meeting for members' calendars (see calendar.server.ts for the format). */
export async function meetingIcs(
  db: Db,
  actor: Actor | null,
  meetingId: string,
  baseUrl: string,
): Promise<{ groupId: string; filename: string; body: string }> {
  const m = await loadMeeting(db, meetingId);
  await requireGroupRole(db, actor, m.group_id, ALL_GROUP_ROLES);
  const meetings = await calendarMeetings(db, [m.id]);
  const body = calendarFile(meetings, { baseUrl, calName: meetings[0].groupName });
  return { groupId: m.group_id, filename: `meeting-${m.id}.ics`, body };
}
