import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../db/seed/index";
import { startDemoApp } from "./helpers/demo";

/** The one search box: every kind of thing, grouped, in three languages, and only what the reader may see. */
describe("search everything", () => {
  let demo: Awaited<ReturnType<typeof startDemoApp>>;
  beforeAll(async () => {
    demo = await startDemoApp();
  });
  afterAll(() => demo.close());

  const found = async (q: string, lang = "zh-CN", client = demo.app.client(lang)) => {
    const res = await client.get(`/search?q=${encodeURIComponent(q)}&_data=routes%2Fsearch`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { groups: { kind: string; total: number; hits: { title: string; alt: string | null; href: string }[] }[] };
    return Object.fromEntries(body.groups.map((g) => [g.kind, g]));
  };

  it("groups listings, scenarios and organisations, Simplified finding Traditional names", async () => {
    const traffic = await found("交通");
    expect(traffic.listing.total).toBeGreaterThan(0);
    expect(traffic.listing.hits[0].href).toMatch(/^\/listings\//);
    expect(traffic.scenario.hits.length).toBeGreaterThan(0);
    const harbour = await found("港湾");
    expect(harbour.organisation.hits.map((h) => h.title)).toContain("港灣數據資本");
  });

  it("an English query reaches Chinese listings; the page speaks the reader's language", async () => {
    const typhoon = await found("typhoon", "en");
    expect(typhoon.listing.hits.some((h) => h.title.includes("台风"))).toBe(true);
    const page = await demo.app.client("en").get("/search?q=typhoon");
    const html = await page.text();
    expect(html).toContain("Search everything");
    expect(html).toContain("<mark>");
    const hant = await (await demo.app.client("zh-HK").get("/search?q=%E4%BA%A4%E9%80%9A")).text();
    expect(hant).toContain("全站搜尋");
  });

  it("a draft still in drafting is found by its group's members only", async () => {
    const draft = await demo.db.selectFrom("drafts").select(["title", "group_id"]).where("id", "=", demo.ids.drafting).executeTakeFirstOrThrow();
    const member = await demo.db
      .selectFrom("group_members")
      .innerJoin("users", "users.id", "group_members.user_id")
      .select("users.email")
      .where("group_members.group_id", "=", draft.group_id)
      .where("group_members.status", "=", "active")
      .where("users.platform_role", "=", "member")
      .executeTakeFirstOrThrow();
    expect((await found(draft.title)).draft.hits).toEqual([]);
    const c = demo.app.client("zh-CN");
    await c.signIn(member.email, DEMO_PASSWORD);
    expect((await found(draft.title, "zh-CN", c)).draft.hits.map((h) => h.title)).toContain(draft.title);
  });

  it("nothing found is an empty state, hostile text is a 400, an empty box asks for words", async () => {
    const none = await demo.app.client("zh-CN").get("/search?q=zzzqqqxxx");
    expect(await none.text()).toContain("没有找到");
    expect((await demo.app.client("en").get("/search?q=%00")).status).toBe(400);
    expect((await demo.app.client("zh-CN").get("/search")).status).toBe(200);
  });
});
