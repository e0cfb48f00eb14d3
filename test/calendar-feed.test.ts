import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import type { Db } from "../db/index";
import { meetingSchema } from "../app/models/standards/collab-schema";
import { createMeeting } from "../app/models/standards/meetings.server";
import { dbForSuite } from "./helpers/db";
import { startTestApp } from "./helpers/app";
import { PASSWORD, makeUser } from "./helpers/fixtures";
import { makeGroup, type Person } from "./helpers/collab";

const meeting = {
  title: "第六次工作会议：数据要素流通标准体系框架（征求意见稿）逐条审议与意见处理，以及下一阶段宣贯计划",
  agenda: "1. 报批\n2. 宣贯",
  startsAt: "2030-03-10T14:00",
  endsAt: "2030-03-10T16:30",
  timeZone: "Asia/Shanghai",
  onlineUrl: "https://meet.example.com/wg-6",
};

/** What a calendar client does: read the file's VTIMEZONEs, then the events in them. */
function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  return { cal, events: cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

describe("meeting calendar files and the private feed", () => {
  const t = dbForSuite();
  let db: Db;
  let groupId: string;
  let convenor: Person;
  let member: Person;
  let meetingId: string;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  // The app's close() also destroys the db handle: one app for the file.
  afterAll(() => app?.close());
  beforeAll(async () => {
    db = t.db;
    const g = await makeGroup(db, ["member"]);
    ({ groupId, convenor } = g);
    [member] = g.members;
    meetingId = await createMeeting(db, await convenor.actor(), groupId, meetingSchema.parse(meeting));
    app = await startTestApp(db);
  });

  it("a meeting's .ics says its time in Asia/Shanghai, invites the group's members, folds at 75 octets and advertises no refresh", async () => {
    const c = app.client();
    await c.signIn(member.email, PASSWORD);
    const res = await c.get(`/groups/${groupId}/meetings/${meetingId}.ics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai");
    expect(text).toContain("DTSTART;TZID=Asia/Shanghai:20300310T140000");
    expect(text).not.toMatch(/X-PUBLISHED-TTL|REFRESH-INTERVAL/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const { events } = parse(text);
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e.summary).toBe(meeting.title);
    expect(e.startDate.zone?.tzid).toBe("Asia/Shanghai");
    expect(e.startDate.toJSDate().toISOString()).toBe("2030-03-10T06:00:00.000Z");
    expect(e.endDate.toJSDate().toISOString()).toBe("2030-03-10T08:30:00.000Z");
    const attendees = e.attendees.map((a) => String(a.getFirstValue()).toLowerCase());
    expect(attendees).toEqual(expect.arrayContaining([`mailto:${member.email}`.toLowerCase(), `mailto:${convenor.email}`.toLowerCase()]));
  });

  it("signed out, the .ics link sends the browser to sign in and back; a non-member reads a plain sentence in their language", async () => {
    const path = `/groups/${groupId}/meetings/${meetingId}.ics`;
    const anon = await app.client().get(path);
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toBe(`/login?next=${encodeURIComponent(path)}`);

    const outsider = await makeUser(db);
    const c = app.client("en");
    await c.signIn(outsider.email, PASSWORD);
    const res = await c.get(path);
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const body = await res.text();
    expect(body).not.toMatch(/^\s*\{/);
    expect(body).toMatch(/[A-Za-z]/);
  });

  it("a member makes a private feed URL, a calendar app reads it without a cookie, renewing or revoking it stops the old one; only a hash is stored", async () => {
    const c = app.client("en");
    await c.signIn(member.email, PASSWORD);
    const page = await c.get("/account/calendar");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Make a private calendar link");

    const made = await c.postData("/account/calendar", { intent: "renew" });
    expect(made.status).toBe(200);
    const url = String((made.body as { url: string }).url);
    const path = new URL(url).pathname;
    expect(path).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = path.slice("/calendar/".length, -".ics".length);
    const stored = await db.selectFrom("calendar_feeds").selectAll().where("user_id", "=", member.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    const feed = await app.client().get(path);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    const { events } = parse(await feed.text());
    expect(events.map((e) => e.uid)).toContain(`meeting-${meetingId}@yaosu`);

    // Someone outside the group has a feed without this meeting.
    const outsider = await makeUser(db);
    const o = app.client();
    await o.signIn(outsider.email, PASSWORD);
    const theirs = String(((await o.postData("/account/calendar", { intent: "renew" })).body as { url: string }).url);
    expect(parse(await (await app.client().get(new URL(theirs).pathname)).text()).events).toHaveLength(0);

    const renewed = String(((await c.postData("/account/calendar", { intent: "renew" })).body as { url: string }).url);
    expect(renewed).not.toBe(url);
    const old = await app.client("en").get(path);
    expect(old.status).toBe(404);
    expect(await old.text()).toContain("not valid");
    expect((await app.client().get(new URL(renewed).pathname)).status).toBe(200);

    expect((await c.postData("/account/calendar", { intent: "revoke" })).status).toBe(200);
    expect((await app.client().get(new URL(renewed).pathname)).status).toBe(404);
    expect((await c.postData("/account/calendar", { intent: "nonsense" })).status).toBe(400);
    expect((await app.client().get("/account/calendar")).status).toBe(302);
  });
});
