import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { createApiKey } from "../app/models/accounts/api-keys.server";
import { acceptInvitation, changeMemberRole, inviteMember } from "../app/models/accounts/organisations.server";
import { decideJoin, requestToJoin } from "../app/models/standards/groups.server";
import { addPatent } from "../app/models/standards/draft-comments.server";
import { getDraft } from "../app/models/standards/drafts.server";
import { castVote } from "../app/models/standards/ballots.server";
import { groupMessagesBefore, postGroupMessage } from "../app/models/standards/group-channel.server";
import { DEMO_PASSWORD } from "../db/seed/index";
import type { Db } from "../db/index";
import { startDemoApp } from "./helpers/demo";
import { PASSWORD, makeUser } from "./helpers/fixtures";
import { LIMITS } from "../app/models/core/rate-limit.server";

/** Holes an attacker or a removed member could use; each closed in the model or at the socket door. */
describe("access that ends when it should", () => {
  let demo: Awaited<ReturnType<typeof startDemoApp>>;
  let app: typeof demo.app;
  let db: Db;
  const ids = { group: "", drafting: "", ballot: "", org: "" };
  const actorOf = (email: string) => demo.actorOf(email);
  const connected = (s: Socket) =>
    new Promise<void>((resolve, reject) => {
      s.once("connect", resolve);
      s.once("connect_error", reject);
    });
  const disconnected = (s: Socket) => new Promise<string>((resolve) => s.once("disconnect", resolve));

  /** A user invited into gdri's organisation and seated as an editor of the demo group. */
  async function seatedColleague() {
    const owner = await actorOf("gdri@yaosu.demo");
    const x = await makeUser(db);
    const invitation = await inviteMember(db, owner, owner.org!.id, { email: x.email, role: "member" });
    await acceptInvitation(db, await x.actor(), invitation);
    await requestToJoin(db, await x.actor(), ids.group, null);
    await decideJoin(db, await actorOf("scut@yaosu.demo"), ids.group, { userId: x.id, decision: "accept", role: "editor" });
    return { ...x, orgId: owner.org!.id };
  }

  beforeAll(async () => {
    demo = await startDemoApp();
    ({ db, app } = demo);
    ids.group = demo.ids.group;
    ids.drafting = demo.ids.drafting;
    ids.ballot = demo.ids.openBallot;
  });
  afterAll(() => demo.close());

  it("a member removed from their organisation loses the group: drafts, votes, channel and patents", async () => {
    const x = await seatedColleague();
    await expect(getDraft(db, await x.actor(), ids.group, ids.drafting)).resolves.toBeTruthy();
    const owner = app.client("en");
    await owner.signIn("gdri@yaosu.demo", DEMO_PASSWORD);
    const removed = await owner.postData(`/orgs/${x.orgId}`, { intent: "remove", userId: x.id });
    expect(removed.status).toBe(200);

    const after = await x.actor();
    await expect(getDraft(db, after, ids.group, ids.drafting)).rejects.toMatchObject({ status: 403 });
    await expect(castVote(db, after, ids.ballot, { choice: "yes", comment: null })).rejects.toMatchObject({ status: 403 });
    await expect(groupMessagesBefore(db, after, ids.group, null)).rejects.toMatchObject({ status: 403 });
    await expect(postGroupMessage(db, after, ids.group, "还在吗")).rejects.toMatchObject({ status: 403 });
    await expect(addPatent(db, after, ids.group, ids.drafting, { holder: "某公司", number: "ZL2026000001", description: null })).rejects.toMatchObject({
      status: 403,
    });
  });

  it("sign-out and removal close the open sockets at once", async () => {
    const x = await seatedColleague();
    const c = app.client("en");
    await c.signIn(x.email, PASSWORD);
    const first = c.socket();
    await connected(first);
    const closed = disconnected(first);
    expect((await c.post("/logout", {})).status).toBe(302);
    expect(await closed).toBe("io server disconnect");

    await c.signIn(x.email, PASSWORD);
    const second = c.socket();
    await connected(second);
    const joined = await second.timeout(5000).emitWithAck("group:join", { groupId: ids.group });
    expect(joined.ok).toBe(true);
    const gone = disconnected(second);
    const owner = app.client("en");
    await owner.signIn("gdri@yaosu.demo", DEMO_PASSWORD);
    await owner.postData(`/orgs/${x.orgId}`, { intent: "remove", userId: x.id });
    expect(await gone).toBe("io server disconnect");
  });

  it("an API key stops working when its creator is no longer an owner or admin", async () => {
    const owner = await actorOf("gdri@yaosu.demo");
    const admin = await makeUser(db);
    const invitation = await inviteMember(db, owner, owner.org!.id, { email: admin.email, role: "admin" });
    await acceptInvitation(db, await admin.actor(), invitation);
    const { key } = await createApiKey(db, await admin.actor(), owner.org!.id, "integration");
    const list = () => fetch(`${app.baseUrl}/api/v1/listings?mine=1`, { headers: { authorization: `Bearer ${key}`, "accept-language": "en" } });
    expect((await list()).status).toBe(200);
    await changeMemberRole(db, owner, owner.org!.id, admin.id, "member");
    const refused = await list();
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.message).toContain("no longer an owner or admin");
  });

  it("limits sign-ups per IP and API calls per key with 429 and Retry-After", async () => {
    const c = app.client("en");
    const answers = [];
    for (let i = 0; i < LIMITS.signUpPerIp.limit + 1; i++) {
      answers.push((await c.postData("/signup", { email: `burst-${i}-${process.pid}@example.test`, displayName: "burst", password: PASSWORD })).status);
    }
    expect(answers.slice(0, LIMITS.signUpPerIp.limit).every((s) => s === 200)).toBe(true);
    expect(answers).toEqual([...Array(LIMITS.signUpPerIp.limit).fill(200), 429]);

    const owner = await actorOf("nansha-bureau@yaosu.demo");
    const { key } = await createApiKey(db, owner, owner.org!.id, "busy integration");
    let last: Response | null = null;
    for (let i = 0; i <= LIMITS.apiPerKey.limit; i++) last = await fetch(`${app.baseUrl}/api/v1/listings`, { headers: { authorization: `Bearer ${key}` } });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await last!.json()).error.code).toBe("rate_limited");
  });

  it("refuses a WebSocket handshake from a foreign origin, and accepts its own", async () => {
    const c = app.client("en");
    await c.signIn("scut@yaosu.demo", DEMO_PASSWORD);
    const { io } = await import("socket.io-client");
    const foreign = io(app.baseUrl, {
      transports: ["websocket"],
      extraHeaders: { cookie: c.cookieHeader, origin: "http://evil.example" },
      reconnection: false,
      forceNew: true,
    });
    await expect(connected(foreign)).rejects.toBeTruthy();
    foreign.close();
    const own = io(app.baseUrl, {
      transports: ["websocket"],
      extraHeaders: { cookie: c.cookieHeader, origin: app.baseUrl },
      reconnection: false,
      forceNew: true,
    });
    await connected(own);
    own.close();
  });
});
