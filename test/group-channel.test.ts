import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { FloodLimiter, groupMessagesBefore, hideGroupMessage, postGroupMessage } from "../app/models/standards/group-channel.server";
import { dbForSuite } from "./helpers/db";
import { startTestApp } from "./helpers/app";
import { PASSWORD, auditRows, makeUser } from "./helpers/fixtures";
import { makeGroup, type Person } from "./helpers/collab";
import { ack, connected, nextEvent } from "./helpers/sockets";

describe("the group channel", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let groupId: string;
  let convenor: Person;
  let member: Person;
  let observer: Person;
  let flooder: Person;
  const sockets: Socket[] = [];
  const open = async (email: string, lang?: string) => {
    const c = app.client(lang);
    await c.signIn(email, PASSWORD);
    const s = c.socket();
    sockets.push(s);
    await connected(s);
    return s;
  };
  beforeAll(async () => {
    db = t.db;
    const g = await makeGroup(db, ["member", "observer", "member"]);
    ({ groupId, convenor } = g);
    [member, observer, flooder] = g.members;
    app = await startTestApp(db);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  it("refuses a join to a group one is not in with an error ack, and the connection stays up", async () => {
    const outsider = await makeUser(db);
    const s = await open(outsider.email, "en");
    const refused = await ack(s, "group:join", { groupId });
    expect(refused).toEqual({ ok: false, status: 403, error: expect.any(String), retryable: false });
    expect(await ack(s, "group:join", { groupId: "not-a-uuid" })).toMatchObject({ ok: false });
    expect(await ack(s, "group:message", { groupId, body: "我能发吗" })).toMatchObject({ ok: false, status: 403 });
    expect(await ack(s, "group:join", { groupId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ ok: false, status: 404 });
    expect(s.connected).toBe(true);
    // The refused socket is not in the room: it hears nothing.
    let heard = false;
    s.on("group:message", () => (heard = true));
    const m = await open(member.email);
    expect((await ack(m, "group:join", { groupId })).ok).toBe(true);
    expect((await ack(m, "group:message", { groupId, body: "只给成员" })).ok).toBe(true);
    // A round trip on the refused socket: a broadcast to it would have arrived before this answer.
    await ack(s, "group:join", { groupId: "not-a-uuid" });
    expect(heard).toBe(false);
  });

  it("observers join and read live messages but cannot post; members' messages arrive with their stored id", async () => {
    const o = await open(observer.email, "en");
    const joined = await ack(o, "group:join", { groupId });
    expect(joined).toMatchObject({ ok: true, canPost: false, canModerate: false });
    const post = await ack(o, "group:message", { groupId, body: "observer here" });
    expect(post).toEqual({ ok: false, status: 403, error: "Observers can read the channel but not post", retryable: false });
    expect(o.connected).toBe(true);

    const m = await open(member.email);
    expect(await ack(m, "group:join", { groupId })).toMatchObject({ ok: true, canPost: true });
    const arriving = nextEvent(o, "group:message");
    const sent = await ack(m, "group:message", { groupId, body: "第五章已更新" });
    expect(sent.ok).toBe(true);
    const got = await arriving;
    expect(got).toMatchObject({ id: sent.message.id, body: "第五章已更新", hidden: false, groupId });
    const stored = await db.selectFrom("group_messages").select("body").where("id", "=", sent.message.id).executeTakeFirstOrThrow();
    expect(stored.body).toBe("第五章已更新");
  });

  it("refuses messages over 8 KB (bytes, not characters) with an error ack; exactly 8 KB is accepted", async () => {
    const s = await open(convenor.email, "en");
    await ack(s, "group:join", { groupId });
    expect(await ack(s, "group:message", { groupId, body: "x".repeat(8192) })).toMatchObject({ ok: true });
    expect(await ack(s, "group:message", { groupId, body: "x".repeat(8193) })).toEqual({
      ok: false,
      status: 400,
      error: "A message may be at most 8 KB",
      retryable: false,
    });
    // 2,731 CJK characters are 8,193 bytes.
    expect(await ack(s, "group:message", { groupId, body: "数".repeat(2731) })).toMatchObject({ ok: false, status: 400 });
    expect(s.connected).toBe(true);
  });

  it("limits a flood to 10 messages per 10 seconds per user, with an error ack and the connection kept", async () => {
    const s = await open(flooder.email, "en");
    await ack(s, "group:join", { groupId });
    const replies = [];
    for (let i = 0; i < 12; i++) replies.push(await ack(s, "group:message", { groupId, body: `刷屏 ${i}` }));
    expect(replies.slice(0, 10).every((r) => r.ok)).toBe(true);
    expect(replies[10]).toEqual({ ok: false, status: 429, error: "Too many messages; wait a moment", retryable: true });
    expect(replies[11].ok).toBe(false);
    expect(s.connected).toBe(true);
    expect((await ack(s, "group:history", { groupId })).ok).toBe(true);
    // The window slides.
    const limiter = new FloodLimiter(2, 1000);
    expect([limiter.take("a", 0), limiter.take("a", 10), limiter.take("a", 20), limiter.take("a", 1001)]).toEqual([true, true, false, true]);
  });

  it("a message replayed after a reconnect is stored once, and a backlog written over time is not a flood", async () => {
    const a = await member.actor();
    const limiter = new FloodLimiter(10, 10_000);
    const clientId = crypto.randomUUID();
    const first = await postGroupMessage(db, a, groupId, "断线前写的", undefined, limiter, { id: clientId });
    const replay = await postGroupMessage(db, a, groupId, "断线前写的", undefined, limiter, { id: clientId });
    expect(replay.id).toBe(first.id);
    const rows = await db.selectFrom("group_messages").select("id").where("client_id", "=", clientId).execute();
    expect(rows).toHaveLength(1);
    // Fifteen messages written two seconds apart during an outage, replayed in one burst: all go through,
    // because the limit counts them by when they were written.
    const start = Date.now() - 60_000;
    const burst = [];
    for (let i = 0; i < 15; i++) {
      burst.push(
        await postGroupMessage(db, a, groupId, `离线时写的 ${i}`, undefined, limiter, {
          id: crypto.randomUUID(),
          writtenAt: new Date(start + i * 2000).toISOString(),
        }),
      );
    }
    expect(burst).toHaveLength(15);
    // Without such times the same burst is a flood.
    const fresh = new FloodLimiter(10, 10_000);
    const unnamed = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => postGroupMessage(db, a, groupId, `刷 ${i}`, undefined, fresh)));
    expect(unnamed.filter((r) => r.status === "rejected")).toHaveLength(2);
  });

  it("a client that reconnects sends its last id and gets every message it missed, in order", async () => {
    const away = await open(member.email);
    const first = await ack(away, "group:join", { groupId });
    const lastSeen = first.messages.at(-1).id as string;
    away.disconnect();
    const c = await open(convenor.email);
    await ack(c, "group:join", { groupId });
    const sentIds: string[] = [];
    for (let i = 0; i < 3; i++) sentIds.push((await ack(c, "group:message", { groupId, body: `离线期间 ${i}` })).message.id);
    const back = await open(member.email);
    const caught = await ack(back, "group:join", { groupId, afterId: lastSeen });
    expect(caught.ok).toBe(true);
    expect(caught.messages.map((m: { id: string }) => m.id)).toEqual(sentIds);
    // And live again afterwards.
    const live = nextEvent(back, "group:message");
    const again = await ack(c, "group:message", { groupId, body: "欢迎回来" });
    expect((await live).id).toBe(again.message.id);
  });

  it("history loads in pages of 50 before an id", async () => {
    const limiter = new FloodLimiter(1000, 1000);
    const a = await convenor.actor();
    for (let i = 0; i < 60; i++) await postGroupMessage(db, a, groupId, `第 ${i} 条`, undefined, limiter);
    const latest = await groupMessagesBefore(db, a, groupId, null);
    expect(latest.messages).toHaveLength(50);
    expect(latest.hasMore).toBe(true);
    expect(latest.messages.at(-1)!.body).toBe("第 59 条");
    const s = await open(member.email);
    const older = await ack(s, "group:history", { groupId, beforeId: latest.messages[0].id });
    expect(older.ok).toBe(true);
    expect(older.messages.length).toBeGreaterThan(0);
    expect(Number(older.messages.at(-1).id)).toBeLessThan(Number(latest.messages[0].id));
    const ids = older.messages.map((m: { id: string }) => Number(m.id));
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
  });

  it("moderators hide a message: audited, delivered as hidden, and members cannot hide", async () => {
    const m = await open(member.email, "en");
    await ack(m, "group:join", { groupId });
    const sent = await ack(m, "group:message", { groupId, body: "不当内容" });
    expect(await ack(m, "group:hide", { groupId, messageId: sent.message.id })).toEqual({
      ok: false,
      status: 403,
      error: "Only moderators and the secretariat can hide messages",
      retryable: false,
    });

    const moderator = await makeUser(db, { role: "moderator" });
    const mod = await open(moderator.email);
    const joined = await ack(mod, "group:join", { groupId });
    expect(joined).toMatchObject({ ok: true, canPost: false, canModerate: true });
    const hiddenEvent = nextEvent(m, "group:hidden");
    const hidden = await ack(mod, "group:hide", { groupId, messageId: sent.message.id });
    expect(hidden).toMatchObject({ ok: true, message: { id: sent.message.id, hidden: true, body: "" } });
    expect(await hiddenEvent).toMatchObject({ id: sent.message.id, hidden: true, body: "" });
    expect((await auditRows(db, sent.message.id)).map((r) => r.action)).toEqual(["group_message.hidden"]);
    // A reconnecting client sees it hidden too.
    const caught = await ack(m, "group:join", { groupId, afterId: String(Number(sent.message.id) - 1) });
    expect(caught.messages[0]).toMatchObject({ id: sent.message.id, hidden: true, body: "" });
    // The secretariat moderates as well; the model refuses a second hide.
    const staff = await (await makeUser(db, { role: "secretariat" })).actor();
    await expect(hideGroupMessage(db, staff, groupId, sent.message.id)).rejects.toMatchObject({ status: 409 });
  });

  it("the channel page renders the latest page for members and refuses outsiders", async () => {
    const c = app.client();
    await c.signIn(observer.email, PASSWORD);
    const page = await c.get(`/groups/${groupId}/channel`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("第 59 条");
    const outsider = await makeUser(db);
    const o = app.client();
    await o.signIn(outsider.email, PASSWORD);
    expect((await o.get(`/groups/${groupId}/channel`)).status).toBe(403);
  });
});
