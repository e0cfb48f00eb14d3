import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";
import { expressInterest } from "../app/models/marketplace/deals.server";

/** Posts to a route's action as Remix's fetch does (`_data`), reading the JSON it answers. */
async function postData(c: HttpClient, path: string, routeId: string, fields: Record<string, string>) {
  const sep = path.includes("?") ? "&" : "?";
  const res = await c.post(`${path}${sep}_data=${encodeURIComponent(routeId)}`, fields);
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> & { error?: Record<string, string[]> } };
}

describe("reports and moderation over HTTP", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let staff: Actor;
  let owner: { email: string };
  let reporter: { email: string };
  let moderator: { email: string };
  let listingId: string;
  let ownerOrgId: string;
  let reporterOrgId: string;

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    moderator = await makeUser(db, { role: "moderator" });
    const o = await makeApprovedOrg(db, staff);
    owner = o.owner;
    ownerOrgId = o.orgId;
    const r = await makeApprovedOrg(db, staff, { type: "university" });
    const rep = await makeUser(db, { name: "举报人赵六" });
    await db.insertInto("org_members").values({ org_id: r.orgId, user_id: rep.id, role: "member" }).execute();
    reporter = rep;
    reporterOrgId = r.orgId;
    listingId = await publishListing(db, await o.owner.actor(), staff, { title: "网约车订单轨迹数据" });
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close();
  });

  async function signedIn(who: { email: string }, lang = "en"): Promise<HttpClient> {
    const c = app.client(lang);
    await c.signIn(who.email, PASSWORD);
    return c;
  }

  const fields = (over: Record<string, string> = {}) => ({
    targetType: "listing",
    targetId: listingId,
    category: "personal_info",
    description: "轨迹数据未脱敏，可以识别到具体乘客的住址。",
    ...over,
  });

  it("the organisation page and the deal page offer the report link to the other side, never about one's own organisation", async () => {
    const orgLink = `/reports/new?type=organisation&amp;id=${ownerOrgId}`;
    expect(await (await (await signedIn(reporter)).get(`/orgs/${ownerOrgId}`)).text()).toContain(orgLink);
    expect(await (await (await signedIn(owner)).get(`/orgs/${ownerOrgId}`)).text()).not.toContain(orgLink);

    const colleague = await makeUser(db);
    await db.insertInto("org_members").values({ org_id: reporterOrgId, user_id: colleague.id, role: "admin" }).execute();
    const demandId = await publishListing(db, await colleague.actor(), staff, { kind: "demand", title: "需要网约车轨迹数据用于交通研究" });
    const matchId = await expressInterest(db, await colleague.actor(), { myListingId: demandId, otherListingId: listingId });
    const dealLink = `/reports/new?type=match&amp;id=${matchId}`;
    expect(await (await (await signedIn(reporter)).get(`/matches/${matchId}`)).text()).toContain(dealLink);
    expect(await (await (await signedIn(owner)).get(`/matches/${matchId}`)).text()).toContain(dealLink);
    // A member of neither side never reaches the deal page at all.
    const stranger = await makeUser(db);
    expect((await (await signedIn(stranger)).get(`/matches/${matchId}`)).status).toBe(404);
  });

  it("the listing page offers the report link to another member, not to its owner nor to visitors", async () => {
    const link = `/reports/new?type=listing&amp;id=${listingId}`;
    expect(await (await (await signedIn(reporter)).get(`/listings/${listingId}`)).text()).toContain(link);
    expect(await (await (await signedIn(owner)).get(`/listings/${listingId}`)).text()).not.toContain(link);
    expect(await (await app.client("en").get(`/listings/${listingId}`)).text()).not.toContain(link);
  });

  it("the report form shows its target; visitors sign in first, the owner and unknown targets are refused", async () => {
    const c = await signedIn(reporter);
    const page = await c.get(`/reports/new?type=listing&id=${listingId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("网约车订单轨迹数据");
    const visitor = await app.client("en").get(`/reports/new?type=listing&id=${listingId}`);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/login\?next=/);
    expect((await (await signedIn(owner)).get(`/reports/new?type=listing&id=${listingId}`)).status).toBe(400);
    expect((await c.get(`/reports/new?type=nonsense&id=${listingId}`)).status).toBe(404);
    expect((await c.get(`/reports/new?type=listing&id=not-a-uuid`)).status).toBe(404);
  });

  it("a refused report answers in the reader's language with Conform's reply and keeps what was typed", async () => {
    const en = await signedIn(reporter, "en");
    const short = await postData(en, "/reports/new", "routes/reports.new", fields({ description: "太短", category: "" }));
    expect(short.status).toBe(400);
    expect(short.body.error?.description).toEqual(["At least 10 characters"]);
    expect(short.body.error?.category).toEqual(["Choose one of the options"]);
    expect((short.body.initialValue as Record<string, string>).description).toBe("太短");

    const zh = await signedIn(reporter, "zh-CN");
    const again = await postData(zh, "/reports/new", "routes/reports.new", fields({ description: "太短" }));
    expect(again.body.error?.description).toEqual(["至少需要 10 个字符"]);
  });

  it("a report is filed through the form, shows on the reporter's page, and a second one on the same target is a 409", async () => {
    const c = await signedIn(reporter);
    const res = await c.post("/reports/new", fields());
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/reports?filed=1");
    const mine = await (await c.get("/reports?filed=1")).text();
    expect(mine).toContain('data-testid="report-filed"');
    expect(mine).toContain("网约车订单轨迹数据");
    const twice = await postData(c, "/reports/new", "routes/reports.new", fields());
    expect(twice.status).toBe(409);
    expect(twice.body.error?.[""]).toEqual(["Your report on this is still open."]);
  });

  it("moderation is for moderators behind the staff gate; a decision hides the listing and the owner learns it without the reporter", async () => {
    expect((await (await signedIn(reporter)).get("/moderation")).status).toBe(403);
    const visitor = await app.client("en").get("/moderation");
    expect(visitor.status).toBe(302);

    const mod = await signedIn(moderator);
    const queue = await mod.get("/moderation");
    expect(queue.status).toBe(200);
    const html = await queue.text();
    expect(html).toContain("举报人赵六");
    const reportId = /<input[^>]*name="reportId"[^>]*value="([0-9a-f-]{36})"/.exec(html)![1];

    const noReason = await postData(mod, "/moderation", "routes/moderation._index", { reportId, decision: "hide", reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error?.reason).toEqual(["This field is required"]);
    const decided = await postData(mod, "/moderation", "routes/moderation._index", { reportId, decision: "hide", reason: "未脱敏的个人轨迹" });
    expect(decided.status).toBe(200);
    expect(decided.body.decided).toBe(reportId);

    expect((await app.client("en").get(`/listings/${listingId}`)).status).toBe(404);
    const ownerPage = await (await signedIn(owner)).get("/reports");
    const ownerHtml = await ownerPage.text();
    expect(ownerHtml).toContain("未脱敏的个人轨迹");
    expect(ownerHtml).not.toContain("举报人赵六");
    expect(ownerHtml).not.toContain(reporter.email);
  });
});
