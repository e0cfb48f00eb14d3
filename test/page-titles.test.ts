import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../db/seed/index";
import { demoAppForSuite } from "./helpers/demo";
import type { HttpClient } from "./helpers/app";

/** Every page names itself in the tab, in the reader's language, and describes itself to search engines. */
describe("page titles and descriptions", () => {
  const site = demoAppForSuite();

  const head = async (client: HttpClient, path: string) => {
    const res = await client.get(path);
    expect(res.status, path).toBe(200);
    const html = await res.text();
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
    const description = /<meta name="description" content="([^"]*)"/.exec(html)?.[1] ?? "";
    const h1 = /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? "";
    return { title, description, h1 };
  };

  it("each main page has its own title that starts with what the page shows", async () => {
    const listing = await site().db.selectFrom("listings").select(["id", "title"]).where("status", "=", "published").executeTakeFirstOrThrow();
    const member = site().app.client();
    await member.signIn("baiyun-logistics@yaosu.demo", DEMO_PASSWORD);
    const pages = [
      "/listings",
      "/scenarios",
      "/catalog",
      "/groups",
      "/enterprises",
      "/providers",
      "/directory",
      "/stats",
      "/login",
      `/listings/${listing.id}`,
      `/groups/${site().ids.group}/drafts`,
      "/home",
      "/notifications",
    ];
    const titles = new Set<string>();
    for (const path of pages) {
      const { title, h1 } = await head(path === "/login" ? site().app.client() : member, path);
      expect(title, path).toMatch(/ · 要素/);
      // The dashboard greets by name; its tab says what it is (工作台).
      if (h1 && path !== "/home") expect(title.startsWith(h1) || title.includes(h1), `${path}: "${title}" vs h1 "${h1}"`).toBe(true);
      titles.add(title);
    }
    expect(titles.size).toBe(pages.length);
    expect((await head(member, `/listings/${listing.id}`)).title.startsWith(listing.title)).toBe(true);
  });

  it("titles and descriptions follow the reader's language, names included", async () => {
    const en = site().app.client("en");
    const { title, description } = await head(en, "/listings");
    expect(title).toMatch(/^Data supply and demand · Yaosu/);
    expect(description).toMatch(/[a-z]{4,}/);
    const org = await site()
      .db.selectFrom("organisations")
      .select(["id", "name_en"])
      .where("name_en", "is not", null)
      .where("status", "=", "approved")
      .executeTakeFirstOrThrow();
    expect((await head(en, `/orgs/${org.id}`)).title.startsWith(org.name_en!)).toBe(true);
    expect((await head(site().app.client("zh-HK"), "/stats")).title).toMatch(/數據/);
  });

  it("a page number past the end says so and leads back to the last page", async () => {
    const html = await (await site().app.client().get("/listings?page=99")).text();
    expect(html).toContain('data-testid="past-last-page"');
    const last = /前往第 (\d+) 页（最后一页）/.exec(html);
    expect(Number(last?.[1])).toBeGreaterThanOrEqual(1);
    expect(html).not.toContain("第 99 页 /");
  });

  it("English readers see organisations and groups by their English names where they have one", async () => {
    const en = site().app.client("en");
    const org = await site()
      .db.selectFrom("organisations")
      .select(["name_zh", "name_en"])
      .where("status", "=", "approved")
      .where("name_en", "is not", null)
      .executeTakeFirstOrThrow();
    const directory = await (await en.get("/directory")).text();
    expect(directory).toContain(`>${org.name_en}</a>`);
    const group = await site().db.selectFrom("working_groups").select(["name", "name_en"]).executeTakeFirstOrThrow();
    const groups = await (await en.get("/groups")).text();
    expect(groups).toContain(`>${group.name_en}</a>`);
    const zh = await (await site().app.client().get("/groups")).text();
    expect(zh).toContain(`>${group.name}</a>`);
  });
});
