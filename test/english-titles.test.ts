import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../db/seed/index";
import { demoAppForSuite } from "./helpers/demo";

/** Listings and scenarios may carry an English title: English readers see it, others the Chinese one, search finds both. */
describe("English titles of listings and scenarios", () => {
  const site = demoAppForSuite();
  const html = async (lang: string, path: string) => (await site().app.client(lang).get(path)).text();

  it("the browse page, the listing page and its tab show the title in the reader's language", async () => {
    const listing = await site()
      .db.selectFrom("listings")
      .select(["id", "title", "title_en"])
      .where("status", "=", "published")
      .where("title_en", "is not", null)
      .executeTakeFirstOrThrow();
    const en = await html("en", `/listings/${listing.id}`);
    expect(en).toContain(`<h1>${listing.title_en}</h1>`);
    expect(/<title>([^<]*)<\/title>/.exec(en)?.[1]).toMatch(new RegExp(`^${listing.title_en!.replace(/[()]/g, ".")}`));
    expect(await html("zh-Hans", `/listings/${listing.id}`)).toContain(`<h1>${listing.title}</h1>`);
    expect(await html("en", "/listings?kind=" + "supply")).toContain(listing.title_en!);
  });

  it("an English word of an English title finds a Chinese listing", async () => {
    const page = await html("en", `/listings?q=${encodeURIComponent("congestion index")}`);
    expect(page).toContain("Guangzhou road traffic flow and congestion index");
  });

  it("a member gives a scenario an English title through the form, and English readers see it", async () => {
    const member = site().app.client("en");
    await member.signIn("baiyun-logistics@yaosu.demo", DEMO_PASSWORD);
    const res = await member.post("/scenarios/new", {
      title: "冷链配送温控数据降低生鲜损耗",
      titleEn: "Cold-chain temperature data to cut fresh food losses",
      sector: "transport",
      region: "gz_baiyun",
      problem: "生鲜配送途中温度失控导致损耗，需要全程温控数据定位问题环节。",
      deliveryModes: "api",
    });
    expect(res.status).toBe(302);
    const path = res.headers.get("location")!;
    expect(await (await member.get(path)).text()).toContain("<h1>Cold-chain temperature data to cut fresh food losses</h1>");
    expect(await html("zh-Hans", path)).toContain("<h1>冷链配送温控数据降低生鲜损耗</h1>");
  });
});
