import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { createApiKey } from "../app/models/accounts/api-keys.server";
import { moderationOfMine } from "../app/models/trust/moderation.server";
import { dbForSuite } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";
import { makeGroup } from "./helpers/collab";
import { postGroupMessage } from "../app/models/standards/group-channel.server";

/** Posts to a route's action as Remix's fetch does (`_data`), reading the JSON it answers. */
async function postData(c: HttpClient, path: string, routeId: string, fields: Record<string, string>) {
  const sep = path.includes("?") ? "&" : "?";
  const res = await c.post(`${path}${sep}_data=${encodeURIComponent(routeId)}`, fields);
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> & { error?: Record<string, string[]> } };
}

describe("moderation over HTTP: the hide form, the API, the owner's notice and appeal", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let staff: Actor;
  let owner: { email: string; actor: () => Promise<Actor> };
  let other: { email: string };
  let moderator: { email: string };
  let apiKey: string;
  let listingId: string;
  let mod: HttpClient;

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    moderator = await makeUser(db, { role: "moderator" });
    const o = await makeApprovedOrg(db, staff);
    owner = o.owner;
    const r = await makeApprovedOrg(db, staff, { type: "university" });
    other = r.owner;
    const otherActor = await r.owner.actor();
    apiKey = (await createApiKey(db, otherActor, otherActor.org!.id, "moderation test")).key;
    listingId = await publishListing(db, await o.owner.actor(), staff, { title: "港区集卡轨迹隐藏接口测试" });
    app = await startTestApp(db);
    // One staff sign-in for the file: a two-factor code is accepted once.
    mod = await signedIn(moderator);
  });
  afterAll(async () => {
    await app.close();
  });

  async function signedIn(who: { email: string }, lang = "en"): Promise<HttpClient> {
    const c = app.client(lang);
    await c.signIn(who.email, PASSWORD);
    return c;
  }
  const api = (path: string) => fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${apiKey}`, "accept-language": "en" } });
  const inApiList = async () => {
    const res = await api(`/api/v1/listings?q=${encodeURIComponent("港区集卡轨迹隐藏接口测试")}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data?: { id: string }[]; listings?: { id: string }[] };
    return JSON.stringify(body).includes(listingId);
  };

  it("a moderator hides a listing through the form: gone from the API (list and item) and its page for others; the owner reads the notice; restoring brings it back", async () => {
    expect(await inApiList()).toBe(true);
    expect((await api(`/api/v1/listings/${listingId}`)).status).toBe(200);

    // Members are refused the hide form; moderators fill it in (Conform: the reason is required).
    expect((await (await signedIn(other)).get(`/moderation/hide?type=listing&id=${listingId}`)).status).toBe(403);
    const form = await mod.get(`/moderation/hide?type=listing&id=${listingId}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("港区集卡轨迹隐藏接口测试");
    const fields = { targetType: "listing", targetId: listingId, kind: "hide", reason: "" };
    const refused = await postData(mod, "/moderation/hide", "routes/moderation.hide", fields);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.reason).toEqual(["This field is required"]);
    const hidden = await mod.post("/moderation/hide", { ...fields, reason: "轨迹含可识别个人信息" });
    expect(hidden.status).toBe(302);
    expect(hidden.headers.get("location")).toBe("/moderation/actions");

    expect(await inApiList()).toBe(false);
    expect((await api(`/api/v1/listings/${listingId}`)).status).toBe(404);
    expect((await (await signedIn(other)).get(`/listings/${listingId}`)).status).toBe(404);
    expect((await app.client("en").get(`/listings/${listingId}`)).status).toBe(404);
    const ownPage = await (await signedIn(owner, "zh-CN")).get(`/listings/${listingId}`);
    expect(ownPage.status).toBe(200);
    const ownHtml = await ownPage.text();
    expect(ownHtml).toContain('data-testid="hidden-notice"');
    expect(ownHtml).toContain("已被管理员隐藏：轨迹含可识别个人信息");

    // The owner appeals once through the reports page; a second appeal is a 409 in their language.
    const ownerClient = await signedIn(owner, "en");
    const [action] = await moderationOfMine(db, await owner.actor());
    const appeal = await postData(ownerClient, "/reports", "routes/reports._index", { actionId: action.id, statement: "已去除个人轨迹，仅保留聚合数据。" });
    expect(appeal.status).toBe(200);
    expect(appeal.body.sent).toBe("appeal");
    const again = await postData(ownerClient, "/reports", "routes/reports._index", { actionId: action.id, statement: "再次申诉，请尽快处理。" });
    expect(again.status).toBe(409);
    expect(again.body.error?.[""]).toEqual(["You have already appealed this decision; an appeal can be made once."]);
    // Another member cannot appeal what is not theirs.
    const stranger = await postData(await signedIn(other), "/reports", "routes/reports._index", { actionId: action.id, statement: "我想替他们申诉一下。" });
    expect(stranger.status).toBe(404);

    const appeals = await mod.get("/moderation/actions?view=appeals");
    expect(await appeals.text()).toContain("已去除个人轨迹，仅保留聚合数据。");
    const decided = await postData(mod, "/moderation/actions?intent=appeal", "routes/moderation.actions", {
      actionId: action.id,
      outcome: "restored",
      reason: "已核实为聚合数据",
    });
    expect(decided.status).toBe(200);
    expect(await inApiList()).toBe(true);
    expect((await api(`/api/v1/listings/${listingId}`)).status).toBe(200);
    expect((await app.client("en").get(`/listings/${listingId}`)).status).toBe(200);
  });

  it("the moderation pages are for moderators; members get 403 and visitors sign in", async () => {
    const member = await signedIn(other);
    for (const path of ["/moderation/actions", "/moderation/actions?view=appeals"]) {
      expect((await member.get(path)).status).toBe(403);
      expect((await app.client("en").get(path)).status).toBe(302);
      expect((await mod.get(path)).status).toBe(200);
    }
    expect((await mod.get(`/moderation/hide?type=listing&id=not-a-uuid`)).status).toBe(404);
  });

  it("a channel message offers the report link to other members, not to its author, and the report form names it", async () => {
    const { groupId, convenor, members } = await makeGroup(db, ["member"]);
    const msg = await postGroupMessage(db, await members[0].actor(), groupId, "样例数据请私信 13900000000 索取");
    const link = `/reports/new?type=group_message&amp;id=${msg.id}`;
    const reader = await signedIn(convenor);
    expect(await (await reader.get(`/groups/${groupId}/channel`)).text()).toContain(link);
    expect(await (await (await signedIn(members[0])).get(`/groups/${groupId}/channel`)).text()).not.toContain(link);
    const form = await reader.get(`/reports/new?type=group_message&id=${msg.id}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("样例数据请私信");
  });
});
