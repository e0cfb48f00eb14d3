import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { Db } from "../db/index";
import { advanceMatch, expressInterest } from "../app/models/marketplace/deals.server";
import { reviewListing } from "../app/models/marketplace/listings.server";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";
import { ack, connected, nextEvent } from "./helpers/sockets";

const FORM = {
  kind: "supply",
  title: "脚本注入测试数据集",
  description: "正常的描述文字 <script>window.pwned = 1</script> **加粗** [链接](javascript:alert(1))",
  dataCategory: "public",
  grade: "general",
  rights: "processing",
  deliveryModes: "api",
  pricingModel: "negotiated",
  sectors: "transport",
  regions: "gz_tianhe",
  tags: "交通, 测试",
  scenario: "交通规划",
  contactName: "联系人",
  contactEmail: "c@example.test",
};

describe("supply and demand over HTTP and sockets", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let staff: Actor;
  let seller: { email: string; actor: () => Promise<Actor> };
  let buyer: { email: string; actor: () => Promise<Actor> };
  const sockets: Socket[] = [];
  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    seller = (await makeApprovedOrg(db, staff)).owner;
    buyer = (await makeApprovedOrg(db, staff, { type: "user" })).owner;
    app = await startTestApp(db);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  async function signedIn(who: { email: string }, lang = "en"): Promise<HttpClient> {
    const c = app.client(lang);
    await c.signIn(who.email, PASSWORD);
    return c;
  }

  it("a member posts through the form; script tags and javascript: links in markdown come out inert", async () => {
    const c = await signedIn(seller);
    const res = await c.post("/listings/new", { ...FORM, intent: "submit" });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/").pop()!;
    await reviewListing(db, staff, id, { decision: "approve", reason: null });
    const html = await (await app.client().get(`/listings/${id}`)).text();
    const description = /data-testid="description">([\s\S]*?)<\/div>/.exec(html)![1];
    expect(description).toContain("<strong>加粗</strong>");
    expect(description).not.toContain("<script");
    // The link is not a link: no href carries the script, the text stays readable as text.
    expect(description).not.toMatch(/href="\s*javascript:/i);
    expect(description).not.toContain("<a");
    expect(html).not.toContain("window.pwned = 1</script>");
  });

  it("a 10 MB form is a 413 before it is read; a long description, a reversed price range and an unknown sector are 400s with field messages, never 500s", async () => {
    const c = await signedIn(seller);
    const huge = await c.postData("/listings/new", { ...FORM, description: "数".repeat((10 * 1024 * 1024) / 3), intent: "draft" });
    expect(huge.status).toBe(413);
    expect(huge.body.message).toBe("The submission is too large: the limit is 1 MB.");
    const long = await c.postData("/listings/new", { ...FORM, description: "数".repeat(20_001), intent: "draft" });
    expect(long.status).toBe(400);
    expect(long.body.fieldErrors.description).toBe("At most 20000 characters");
    const price = await c.postData("/listings/new", { ...FORM, priceMin: "900", priceMax: "100", intent: "draft" });
    expect(price.body.fieldErrors.priceMax).toBe("The maximum price cannot be below the minimum");
    const sector = await c.postData("/listings/new", { ...FORM, sectors: "moon", intent: "draft" });
    expect(sector.status).toBe(400);
    const core = await c.postData("/listings/new", { ...FORM, grade: "core", intent: "draft" });
    expect(core.body.fieldErrors.grade).toBe("Core data may not be published on the platform");
  });

  it("a member whose organisation is not approved cannot post, and another organisation cannot edit", async () => {
    const loner = await makeUser(db);
    const c = await signedIn(loner);
    expect((await c.get("/listings/new")).status).toBe(403);
    const posted = await c.postData("/listings/new", { ...FORM, intent: "submit" });
    expect(posted.status).toBe(403);
    expect(posted.body.formError).toBe("Your organisation must be an approved member to post listings");

    const id = await publishListing(db, await seller.actor(), staff);
    const rival = await signedIn(buyer);
    const edit = await rival.postData(`/listings/${id}/edit`, { ...FORM, intent: "save" });
    expect(edit.status).toBe(403);
    expect(edit.body.formError).toBe("Only the organisation that posted this listing may change it");
  });

  it("the marketplace searches across scripts and marks the words found", async () => {
    await publishListing(db, await seller.actor(), staff, {
      title: "醫療影像數據庫",
      description: "醫院放射科的醫學影像數據。",
      sectors: ["health"],
      tags: ["醫療"],
      scenario: "輔助診斷",
    });
    const html = await (await app.client().get(`/listings?q=${encodeURIComponent("医学影像")}`)).text();
    expect(html).toContain("醫療影像數據庫");
    expect(html).toMatch(/<mark>醫學影像<\/mark>/);
    const none = await (await app.client("en").get(`/listings?q=${encodeURIComponent("量子纠缠")}`)).text();
    expect(none).toContain("No listings match.");
  });

  it("the negotiation page offers each side the buttons the model allows, nothing more", async () => {
    const supply = await publishListing(db, await seller.actor(), staff, { title: "按钮测试供给" });
    const demand = await publishListing(db, await buyer.actor(), staff, { kind: "demand", title: "按钮测试需求" });
    const matchId = await expressInterest(db, await buyer.actor(), { myListingId: demand, otherListingId: supply });
    const page = async (who: typeof seller) => (await (await signedIn(who)).get(`/matches/${matchId}`)).text();
    const buttons = (html: string) => [...html.matchAll(/name="intent" value="(accept|agree|decline)"/g)].map((m) => m[1]);
    const asker = await page(buyer);
    expect(buttons(asker)).toEqual(["decline"]);
    expect(asker).toContain("Interest sent; waiting for an answer");
    expect(buttons(await page(seller))).toEqual(["accept", "decline"]);
  });

  it("a negotiation channel refuses outsiders with an error ack and keeps the connection; a reconnecting client gets what it missed", async () => {
    const s = await seller.actor();
    const b = await buyer.actor();
    const supply = await publishListing(db, s, staff, { title: "渠道测试供给" });
    const demand = await publishListing(db, b, staff, { kind: "demand", title: "渠道测试需求" });
    const matchId = await expressInterest(db, b, { myListingId: demand, otherListingId: supply });
    await advanceMatch(db, s, matchId, "accept");

    const outsider = await signedIn(await makeUser(db));
    const os = outsider.socket();
    sockets.push(os);
    await connected(os);
    const refused = await ack(os, "match:join", { matchId });
    expect(refused).toEqual({ ok: false, status: 404, error: "What you are looking for does not exist, or you may not see it.", retryable: false });
    expect(await ack(os, "match:join", { matchId: "not-a-uuid" })).toMatchObject({ ok: false });
    expect(os.connected).toBe(true);

    const sellerClient = await signedIn(seller);
    const buyerClient = await signedIn(buyer);
    const ss = sellerClient.socket();
    const bs = buyerClient.socket();
    sockets.push(ss, bs);
    await Promise.all([connected(ss), connected(bs)]);
    expect(await ack(ss, "match:join", { matchId })).toEqual({ ok: true, messages: [] });
    expect((await ack(bs, "match:join", { matchId })).ok).toBe(true);

    const live = nextEvent(bs, "match:message");
    const sent = await ack(ss, "match:message", { matchId, body: "第一条消息" });
    expect(sent.ok).toBe(true);
    expect((await live).id).toBe(sent.message.id);

    bs.disconnect();
    await ack(ss, "match:message", { matchId, body: "离线时的第二条" });
    await sellerClient.post(`/matches/${matchId}`, { intent: "message", body: "离线时的第三条" });
    const back = buyerClient.socket();
    sockets.push(back);
    await connected(back);
    const caughtUp = await ack(back, "match:join", { matchId, afterId: sent.message.id });
    expect(caughtUp.messages.map((m: { body: string }) => m.body)).toEqual(["离线时的第二条", "离线时的第三条"]);
    expect((await ack(back, "match:message", { matchId, body: "x".repeat(5000) })).ok).toBe(false);
  });
});
