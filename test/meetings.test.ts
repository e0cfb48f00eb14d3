import { beforeAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import type { Db } from "../db/index";
import { localToUtc, meetingSchema, minutesSchema } from "../app/models/standards/collab-schema";
import {
  createMeeting,
  getMeeting,
  listMeetings,
  markAttendance,
  meetingIcs,
  recordMinutes,
  remindUpcomingMeetings,
} from "../app/models/standards/meetings.server";
import { noRealtime } from "../app/models/core/notifications.server";
import { notificationHref } from "../app/models/core/notification-links";
import { dbForSuite } from "./helpers/db";
import { startTestApp } from "./helpers/app";
import { PASSWORD, auditRows, makeUser } from "./helpers/fixtures";
import { makeGroup, type Person } from "./helpers/collab";

const base = {
  title: "第五次工作会议",
  agenda: "1. 报批\n2. 宣贯",
  startsAt: "2030-03-10T14:00",
  endsAt: "2030-03-10T16:30",
  timeZone: "Asia/Shanghai",
  onlineUrl: "https://meet.example.com/wg-5",
};

describe("meeting validation and time zones", () => {
  it("converts wall-clock time in an IANA zone to UTC, across daylight saving", () => {
    expect(localToUtc("2030-03-10T14:00", "Asia/Shanghai")?.toISOString()).toBe("2030-03-10T06:00:00.000Z");
    expect(localToUtc("2030-07-01T09:00", "Europe/London")?.toISOString()).toBe("2030-07-01T08:00:00.000Z");
    expect(localToUtc("2030-01-15T09:00", "Europe/London")?.toISOString()).toBe("2030-01-15T09:00:00.000Z");
    expect(localToUtc("2030-07-01T09:00", "America/New_York")?.toISOString()).toBe("2030-07-01T13:00:00.000Z");
    expect(localToUtc("2030-02-30T09:00", "Asia/Shanghai")).toBeNull();
  });

  it("needs a valid zone, an end after the start, an https link or a place", () => {
    const fails = (over: Record<string, unknown>, path: string, message: string) => {
      const r = meetingSchema.safeParse({ ...base, ...over });
      expect(r.success).toBe(false);
      expect(
        r.error!.issues.some((i) => i.path.join(".") === path && i.message === message),
        JSON.stringify(r.error!.issues),
      ).toBe(true);
    };
    fails({ timeZone: "Asia/Guangzhou" }, "timeZone", "collab.errors.timeZone");
    fails({ endsAt: "2030-03-10T14:00" }, "endsAt", "collab.errors.endBeforeStart");
    fails({ onlineUrl: "http://meet.example.com/x" }, "onlineUrl", "collab.errors.https");
    fails({ onlineUrl: "javascript:alert(1)" }, "onlineUrl", "collab.errors.https");
    fails({ onlineUrl: "" }, "place", "collab.errors.where");
    fails({ startsAt: "tomorrow" }, "startsAt", "collab.errors.dateTime");
    const ok = meetingSchema.parse({ ...base, onlineUrl: "", place: "广州 联盟会议室" });
    expect(ok).toMatchObject({ onlineUrl: null, place: "广州 联盟会议室" });
    expect(ok.startsAt.toISOString()).toBe("2030-03-10T06:00:00.000Z");
    expect(minutesSchema.parse({ minutes: "纪要", draftRefs: "草案 A\n\n 草案 B ", decisions: "" })).toEqual({
      minutes: "纪要",
      draftRefs: ["草案 A", "草案 B"],
      decisions: [],
    });
  });
});

describe("meetings in a working group", () => {
  const t = dbForSuite();
  let db: Db;
  let groupId: string;
  let convenor: Person;
  let editor: Person;
  let member: Person;
  let observer: Person;
  beforeAll(async () => {
    db = t.db;
    const g = await makeGroup(db, ["editor", "member", "observer"]);
    ({ groupId, convenor } = g);
    [editor, member, observer] = g.members;
  });

  it("the convenor calls a meeting; editors write minutes linked to drafts and decisions; all audited", async () => {
    await expect(createMeeting(db, await member.actor(), groupId, meetingSchema.parse(base))).rejects.toMatchObject({ status: 403 });
    const id = await createMeeting(db, await convenor.actor(), groupId, meetingSchema.parse(base));
    await expect(recordMinutes(db, await member.actor(), id, minutesSchema.parse({ minutes: "x" }))).rejects.toMatchObject({ status: 403 });
    await recordMinutes(
      db,
      await editor.actor(),
      id,
      minutesSchema.parse({ minutes: "## 纪要\n\n同意报批。", draftRefs: "数据资产评估指南 送审稿", decisions: "启动报批投票" }),
    );
    const m = await getMeeting(db, await observer.actor(), id);
    expect(m).toMatchObject({
      minutes: "## 纪要\n\n同意报批。",
      draftRefs: ["数据资产评估指南 送审稿"],
      decisions: ["启动报批投票"],
      timeZone: "Asia/Shanghai",
    });
    expect(new Date(m.startsAt).toISOString()).toBe("2030-03-10T06:00:00.000Z");
    expect((await auditRows(db, id)).map((r) => r.action)).toEqual(["meeting.created", "meeting.minutes_recorded"]);
    const { upcoming, past } = await listMeetings(db, await member.actor(), groupId);
    expect(upcoming.map((x) => x.id)).toContain(id);
    expect(past.map((x) => x.id)).not.toContain(id);
  });

  it("members mark their own attendance; the convenor records anyone's; others cannot", async () => {
    const id = await createMeeting(db, await convenor.actor(), groupId, meetingSchema.parse(base));
    await markAttendance(db, await member.actor(), id, { attended: true });
    await expect(markAttendance(db, await member.actor(), id, { userId: editor.id, attended: true })).rejects.toMatchObject({ status: 403 });
    await markAttendance(db, await convenor.actor(), id, { userId: editor.id, attended: false });
    const outsider = await makeUser(db);
    await expect(markAttendance(db, await outsider.actor(), id, { attended: true })).rejects.toMatchObject({ status: 403 });
    const att = (await getMeeting(db, await convenor.actor(), id)).attendance;
    expect(att.find((a) => a.userId === member.id)?.attended).toBe(true);
    expect(att.find((a) => a.userId === editor.id)?.attended).toBe(false);
    expect(att.find((a) => a.userId === observer.id)?.attended).toBeNull();
  });

  it("the group hears of a meeting when it is called and once more a day ahead; the notice leads to the meeting", async () => {
    const notices = async (p: Person, meetingId: string) =>
      (await db.selectFrom("notifications").select(["kind", "payload"]).where("user_id", "=", p.id).execute()).filter((n) => n.payload.meetingId === meetingId);
    // Starts 2030-03-10 06:00 UTC; called nine days ahead.
    const id = await createMeeting(db, await convenor.actor(), groupId, meetingSchema.parse(base), noRealtime, new Date("2030-03-01T00:00:00Z"));
    for (const p of [editor, member, observer]) expect((await notices(p, id)).map((n) => n.kind)).toEqual(["group.meeting_called"]);
    expect(await notices(convenor, id)).toEqual([]);
    expect(notificationHref((await notices(member, id))[0].payload)).toBe(`/groups/${groupId}/meetings/${id}`);

    await remindUpcomingMeetings(db, new Date("2030-03-09T05:00:00Z"));
    expect((await notices(member, id)).map((n) => n.kind)).toEqual(["group.meeting_called"]);
    await remindUpcomingMeetings(db, new Date("2030-03-09T07:00:00Z"));
    await remindUpcomingMeetings(db, new Date("2030-03-09T08:00:00Z"));
    for (const p of [convenor, editor, member, observer]) expect((await notices(p, id)).filter((n) => n.kind === "group.meeting_soon")).toHaveLength(1);
    // Nor is anyone reminded of a meeting that has begun.
    await remindUpcomingMeetings(db, new Date("2030-03-10T07:00:00Z"));
    expect((await notices(member, id)).filter((n) => n.kind === "group.meeting_soon")).toHaveLength(1);

    // A meeting called less than a day ahead: its notice is the reminder.
    const soon = meetingSchema.parse({ ...base, startsAt: "2030-04-01T10:00", endsAt: "2030-04-01T11:00" });
    const near = await createMeeting(db, await convenor.actor(), groupId, soon, noRealtime, new Date("2030-04-01T00:00:00Z"));
    await remindUpcomingMeetings(db, new Date("2030-04-01T01:00:00Z"));
    expect((await notices(member, near)).map((n) => n.kind)).toEqual(["group.meeting_called"]);
  });

  it("exports an .ics with UTC times, over HTTP for members only", async () => {
    const id = await createMeeting(
      db,
      await convenor.actor(),
      groupId,
      meetingSchema.parse({ ...base, startsAt: "2030-07-01T09:00", endsAt: "2030-07-01T10:15", timeZone: "Europe/London", place: "London" }),
    );
    const { body } = await meetingIcs(db, await member.actor(), id, "http://x");
    expect(body).toContain("BEGIN:VEVENT");
    expect(body).toMatch(/DTSTART:20300701T080000Z/);
    expect(body).toMatch(/DTEND:20300701T091500Z/);
    // A real calendar parser (ical.js, Thunderbird's) reads it: an organiser with an address, the times.
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe("第五次工作会议");
    expect(event.startDate.toJSDate().toISOString()).toBe("2030-07-01T08:00:00.000Z");
    expect(event.organizer).toMatch(/^mailto:/i);
    await expect(meetingIcs(db, await (await makeUser(db)).actor(), id, "http://x")).rejects.toMatchObject({ status: 403 });

    const app = await startTestApp(db);
    try {
      const c = app.client();
      await c.signIn(observer.email, PASSWORD);
      const res = await c.get(`/groups/${groupId}/meetings/${id}.ics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/calendar");
      const text = await res.text();
      expect(text).toContain("DTSTART:20300701T080000Z");
      expect(text).toContain("SUMMARY:第五次工作会议");
      // Signed out, the link sends the browser to sign in and come back (it showed raw JSON).
      expect((await app.client().get(`/groups/${groupId}/meetings/${id}.ics`)).status).toBe(302);
      const page = await c.get(`/groups/${groupId}/meetings/${id}`);
      expect(page.status).toBe(200);
    } finally {
      // close() also destroys the db handle; the file's db is dropped with it.
      await app.close();
    }
  });
});
