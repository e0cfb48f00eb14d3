import crypto from "node:crypto";
import type { Kysely } from "kysely";
import { createEvents, type DateArray, type EventAttributes } from "ics";
import type { Database } from "../../../db/schema";
import { senderAddress } from "../core/mail-sender";
import { requireUser, type Actor } from "../core/permissions";
import { offsetMinutes } from "./collab-schema";

type Db = Kysely<Database>;

/** One meeting as the calendar sees it: the group's name, the members invited (with addresses). */
export interface CalendarMeeting {
  id: string;
  groupId: string;
  groupName: string;
  title: string;
  agenda: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  onlineUrl: string | null;
  place: string | null;
  attendees: { name: string; email: string }[];
}

/**
 * The zone's one offset when it has no daylight saving in the meeting's year (Asia/Shanghai, Hong
 * Kong, Macau, Taipei): the file then says its times in that zone with a VTIMEZONE any parser reads.
 * Zones that change offset keep UTC times, which every calendar converts correctly.
 */
function fixedOffset(zone: string, at: Date): number | null {
  if (zone === "UTC" || zone === "Etc/UTC") return null;
  try {
    const y = at.getUTCFullYear();
    const jan = offsetMinutes(Date.UTC(y, 0, 1), zone);
    const jul = offsetMinutes(Date.UTC(y, 6, 1), zone);
    return jan === jul && offsetMinutes(at.getTime(), zone) === jan ? jan : null;
  } catch {
    return null;
  }
}

const utcArray = (d: Date): DateArray => [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];

const hhmm = (minutes: number) => {
  const sign = minutes < 0 ? "-" : "+";
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, "0")}${String(a % 60).padStart(2, "0")}`;
};

function vtimezone(zone: string, offset: number): string[] {
  const abbr = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" })
    .formatToParts(new Date())
    .find((p) => p.type === "timeZoneName")?.value;
  const name = abbr && /^[A-Z]{2,5}$/.test(abbr) ? abbr : zone === "Asia/Shanghai" ? "CST" : `UTC${hhmm(offset)}`;
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${zone}`,
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    `TZOFFSETFROM:${hhmm(offset)}`,
    `TZOFFSETTO:${hhmm(offset)}`,
    `TZNAME:${name}`,
    "END:STANDARD",
    "END:VTIMEZONE",
  ];
}

/** RFC 5545 §3.1: lines of at most 75 octets, continued on a line that begins with a space; a UTF-8 character is never split. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    const limit = out.length === 0 ? 75 : 74; // a continuation line's leading space counts
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

/**
 * An iCalendar file of meetings: each in its own zone where that zone has one offset (a VTIMEZONE
 * and TZID), else in UTC; the group's active members as ATTENDEEs; lines folded at 75 octets. No
 * refresh interval is advertised: a file behind a session cookie cannot be subscribed to (the
 * private feed is the URL to subscribe to).
 */
export function calendarFile(meetings: CalendarMeeting[], opts: { baseUrl: string; calName: string }): string {
  const zones = new Map<string, number>();
  const perEvent: (string | null)[] = [];
  const events: EventAttributes[] = meetings.map((m) => {
    const offset = fixedOffset(m.timeZone, m.startsAt);
    const zone = offset === null ? null : m.timeZone;
    if (zone !== null && offset !== null) zones.set(zone, offset);
    perEvent.push(zone);
    const shift = (d: Date) => (offset === null ? d : new Date(d.getTime() + offset * 60_000));
    return {
      uid: `meeting-${m.id}@yaosu`,
      title: m.title,
      description: m.agenda || undefined,
      start: utcArray(shift(m.startsAt)),
      startInputType: "utc",
      startOutputType: offset === null ? "utc" : "local",
      end: utcArray(shift(m.endsAt)),
      endInputType: "utc",
      endOutputType: offset === null ? "utc" : "local",
      location: m.place ?? m.onlineUrl ?? undefined,
      url: m.onlineUrl ?? `${opts.baseUrl}/groups/${m.groupId}/meetings/${m.id}`,
      // RFC 5545 wants an address as the ORGANIZER's value: the platform's sender, named after the group.
      organizer: { name: m.groupName, email: senderAddress() },
      attendees: m.attendees.map((a) => ({ name: a.name, email: a.email, rsvp: false, partstat: "NEEDS-ACTION", role: "REQ-PARTICIPANT" })),
    } as EventAttributes;
  });
  const { error, value } = createEvents(events, { productId: "yaosu/meetings", calName: opts.calName });
  if (error || !value) throw error ?? new Error("ics");
  // Unfold what the package folded (it counts characters, not octets), then fold again by octets.
  const lines = value.replace(/\r\n[ \t]/g, "").split("\r\n");
  const out: string[] = [];
  let event = -1;
  for (const line of lines) {
    if (line === "") continue;
    if (line.startsWith("X-PUBLISHED-TTL") || line.startsWith("REFRESH-INTERVAL")) continue;
    if (line === "BEGIN:VEVENT") {
      if (event === -1) for (const [zone, offset] of zones) out.push(...vtimezone(zone, offset));
      event++;
    }
    const zone = event >= 0 ? perEvent[event] : null;
    const timed = /^(DTSTART|DTEND):(\d{8}T\d{6})$/.exec(line);
    out.push(zone && timed ? `${timed[1]};TZID=${zone}:${timed[2]}` : line);
  }
  return out.map(foldLine).join("\r\n") + "\r\n";
}

/** Meetings with what the calendar needs: the group's name and its active members as attendees. */
export async function calendarMeetings(db: Db, meetingIds: string[]): Promise<CalendarMeeting[]> {
  if (meetingIds.length === 0) return [];
  const rows = await db
    .selectFrom("meetings")
    .innerJoin("working_groups as g", "g.id", "meetings.group_id")
    .select([
      "meetings.id",
      "meetings.group_id",
      "g.name as group_name",
      "meetings.title",
      "meetings.agenda",
      "meetings.starts_at",
      "meetings.ends_at",
      "meetings.time_zone",
      "meetings.online_url",
      "meetings.place",
    ])
    .where("meetings.id", "in", meetingIds)
    .orderBy("meetings.starts_at")
    .execute();
  const groupIds = [...new Set(rows.map((r) => r.group_id))];
  const members = await db
    .selectFrom("group_members")
    .innerJoin("users", "users.id", "group_members.user_id")
    .select(["group_members.group_id", "users.display_name", "users.email"])
    .where("group_members.group_id", "in", groupIds)
    .where("group_members.status", "=", "active")
    .orderBy("group_members.created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    groupName: r.group_name,
    title: r.title,
    agenda: r.agenda,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    timeZone: r.time_zone,
    onlineUrl: r.online_url,
    place: r.place,
    attendees: members.filter((m) => m.group_id === r.group_id).map((m) => ({ name: m.display_name, email: m.email })),
  }));
}

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** A feed token: 32 random bytes, URL-safe. */
const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Whether the member has a private feed (its URL is shown only once, when it is made). */
export async function calendarFeedStatus(db: Db, actor: Actor | null): Promise<{ active: boolean; createdAt: Date | null; lastUsedAt: Date | null }> {
  const a = requireUser(actor);
  const row = await db.selectFrom("calendar_feeds").select(["created_at", "last_used_at"]).where("user_id", "=", a.id).executeTakeFirst();
  return { active: !!row, createdAt: row ? new Date(row.created_at) : null, lastUsedAt: row?.last_used_at ? new Date(row.last_used_at) : null };
}

/** Makes (or renews) the member's private feed: a new token replaces the old, which stops working at once. Returns the token. */
export async function renewCalendarFeed(db: Db, actor: Actor | null): Promise<string> {
  const a = requireUser(actor);
  const token = crypto.randomBytes(32).toString("base64url");
  await db
    .insertInto("calendar_feeds")
    .values({ user_id: a.id, token_hash: hashToken(token) })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ token_hash: hashToken(token), created_at: new Date(), last_used_at: null }))
    .execute();
  return token;
}

export async function revokeCalendarFeed(db: Db, actor: Actor | null): Promise<void> {
  const a = requireUser(actor);
  await db.deleteFrom("calendar_feeds").where("user_id", "=", a.id).execute();
}

/** Upcoming meetings (and those of the last 30 days) of the groups the token's member is active in; null for an unknown token. */
export async function calendarFeed(db: Db, token: string, baseUrl: string, now = new Date()): Promise<string | null> {
  if (!FEED_TOKEN.test(token)) return null;
  const feed = await db
    .updateTable("calendar_feeds")
    .set({ last_used_at: now })
    .where("token_hash", "=", hashToken(token))
    .returning("user_id")
    .executeTakeFirst();
  if (!feed) return null;
  const ids = await db
    .selectFrom("meetings")
    .innerJoin("group_members as gm", "gm.group_id", "meetings.group_id")
    .select("meetings.id")
    .where("gm.user_id", "=", feed.user_id)
    .where("gm.status", "=", "active")
    .where("meetings.ends_at", ">=", new Date(now.getTime() - 30 * 86_400_000))
    .orderBy("meetings.starts_at")
    .limit(500)
    .execute();
  return calendarFile(
    await calendarMeetings(
      db,
      ids.map((r) => r.id),
    ),
    { baseUrl, calName: "Yaosu" },
  );
}
