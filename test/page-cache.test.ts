import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../db/seed/index";
import { demoAppForSuite } from "./helpers/demo";
import { HttpClient } from "./helpers/app";

/** Rendered pages reused while the database is unchanged (server/page-cache.ts), seen from outside. */
describe("page cache", () => {
  const site = demoAppForSuite();
  const MEMBER = "baiyun-logistics@yaosu.demo";
  const OTHER = "macau-tourism@yaosu.demo";

  async function view(client: HttpClient, path: string) {
    const res = await client.get(path);
    return { status: res.status, cache: res.headers.get("x-page-cache"), csp: res.headers.get("content-security-policy") ?? "", html: await res.text() };
  }
  const publishedListing = () =>
    site().db.selectFrom("listings").select(["id", "title"]).where("status", "=", "published").orderBy("published_at", "desc").executeTakeFirstOrThrow();

  /** A page is kept from its second request on: after this, the next view can be a hit. */
  async function warm(client: HttpClient, path: string) {
    await view(client, path);
    return view(client, path);
  }

  it("keeps a page from its second request and serves it again with this response's own nonce, otherwise the same bytes", async () => {
    const visitor = site().app.client();
    const once = await view(visitor, "/listings");
    const first = await view(visitor, "/listings");
    const again = await view(visitor, "/listings");
    expect([once.cache, first.cache, again.cache]).toEqual(["miss", "miss", "hit"]);
    const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)![1];
    const [n1, n2] = [nonceOf(first.csp), nonceOf(again.csp)];
    expect(n1).not.toBe(n2);
    // Every script the page runs carries the nonce its CSP header allows, none the stored one.
    const scriptNonces = [...again.html.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1]);
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([n2]));
    expect(again.html).not.toContain(n1);
    expect(again.html.split(n2).join("N")).toBe(first.html.split(n1).join("N"));
  });

  it("shows a write committed outside any request (a job, another node, psql) on the next view", async () => {
    const visitor = site().app.client();
    const listing = await publishedListing();
    const page = `/listings/${listing.id}`;
    await warm(visitor, page);
    expect((await view(visitor, page)).cache).toBe("hit");
    const title = `${listing.title}（修订版）`;
    await site().db.updateTable("listings").set({ title }).where("id", "=", listing.id).execute();
    const after = await view(visitor, page);
    expect(after.cache).toBe("miss");
    expect(after.html).toContain(title);
  });

  it("shows a member's own change at once, to them and to visitors", async () => {
    const member = site().app.client();
    await member.signIn(MEMBER, DEMO_PASSWORD);
    const visitor = site().app.client();
    await warm(visitor, "/listings");
    await warm(member, "/my/listings");
    const { id: mine } = await site()
      .db.selectFrom("listings as l")
      .innerJoin("org_members as om", "om.org_id", "l.org_id")
      .innerJoin("users as u", "u.id", "om.user_id")
      .select("l.id")
      .where("u.email", "=", MEMBER)
      .where("l.status", "=", "published")
      .executeTakeFirstOrThrow();
    const before = await view(visitor, "/listings");
    expect(before.cache).toBe("hit");
    expect(before.html).toContain(mine);
    const res = await member.post(`/listings/${mine}`, { intent: "withdrawn" });
    expect(res.status).toBeLessThan(400);
    const status = (await site().db.selectFrom("listings").select("status").where("id", "=", mine).executeTakeFirstOrThrow()).status;
    expect(status).not.toBe("published");
    expect((await view(visitor, "/listings")).html).not.toContain(mine);
  });

  it("keeps signed-in pages per session and language", async () => {
    const member = site().app.client();
    await member.signIn(MEMBER, DEMO_PASSWORD);
    const other = site().app.client();
    await other.signIn(OTHER, DEMO_PASSWORD);
    await warm(member, "/home");
    const mine = await view(member, "/home");
    expect(mine.cache).toBe("hit");
    const theirs = await view(other, "/home");
    expect(theirs.cache).toBe("miss");
    const nameOf = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)![1];
    expect(nameOf(theirs.html)).not.toBe(nameOf(mine.html));

    const english = new HttpClient(site().app.baseUrl, "en");
    await view(site().app.client(), "/scenarios");
    const en = await view(english, "/scenarios");
    expect(en.cache).toBe("miss");
    expect(en.html).toContain('lang="en"');
  });

  it("never serves a signed-out session its cached page", async () => {
    const member = site().app.client();
    await member.signIn(MEMBER, DEMO_PASSWORD);
    await warm(member, "/home");
    expect((await view(member, "/home")).cache).toBe("hit");
    const oldCookie = member.cookieHeader;
    expect((await member.post("/logout", {})).status).toBe(302);
    const replay = await site()
      .app.client()
      .request("/home", { headers: { cookie: oldCookie } });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("x-page-cache")).toBe("miss");
  });

  it("does not keep answers that set a cookie, are not found, or answer an API key", async () => {
    const stale = () =>
      site()
        .app.client()
        .request("/listings", { headers: { cookie: "yaosu_session=AAAAAAAAAAAAAAAAAAAAAAAA" } });
    for (let i = 0; i < 2; i++) {
      const res = await stale();
      expect(res.headers.getSetCookie().length).toBeGreaterThan(0);
      expect(res.headers.get("x-page-cache")).toBe("miss");
    }
    const visitor = site().app.client();
    for (let i = 0; i < 2; i++) {
      const res = await visitor.get("/listings/00000000-0000-4000-8000-000000000000");
      expect(res.status).toBe(404);
      expect(res.headers.get("x-page-cache")).toBe("miss");
    }
    const api = await visitor.request("/api/v1/listings", { headers: { authorization: "Bearer not-a-key" } });
    expect(api.headers.get("x-page-cache")).toBeNull();
  });
});
