import { beforeAll, describe, expect, it } from "vitest";
import { listDirectory } from "../app/models/accounts/organisations.server";
import { directoryQuerySchema } from "../app/models/accounts/account-schema";
import { GLOSSARY_PAIRS } from "../app/models/core/glossary-data";
import { documentTokens, matchTerms, normalise, queryGroups, singular } from "../app/models/core/search.server";
import { listingQuerySchema } from "../app/models/marketplace/listing-schema";
import { searchListings } from "../app/models/marketplace/listing-search.server";
import { seedDemo } from "../db/seed/index";
import { dbForSuite } from "./helpers/db";

/** The phrases a new member types first, against the demo listings. */
describe("search finds what people mean", () => {
  const t = dbForSuite();
  beforeAll(async () => {
    await seedDemo(t.db);
  });
  const search = (q: string) => searchListings(t.db, listingQuerySchema.parse({ q }));

  it("cuts a phrase into words: no bigram across two words is required", () => {
    expect(queryGroups("交通数据")).toEqual([[["交通"]], [["数据"]]]);
    expect(queryGroups("城市交通流量")).toEqual([[["城市"]], [["交通", "通流", "流量"]]]);
    // 企业信用 is one jieba word: its bigrams, or its parts written apart (企业 ... 信用).
    expect(queryGroups("企业信用")).toEqual([
      [
        ["企业", "业信", "信用"],
        ["企业", "信用"],
      ],
    ]);
  });

  it("a compound word finds its parts written apart: 企业信用 finds 企业公共信用, in both scripts, as 信用 does", async () => {
    const titles = async (q: string) => (await search(q)).hits.map((h) => h.title);
    const wanted = ["广州市企业公共信用信息查询接口", "投前尽调需要企业公共信用与知识产权数据", "大灣區中小企業跨境信貸風控需要企業公共信用數據"];
    for (const q of ["企业信用", "企業信用", "信用"]) expect(await titles(q), q).toEqual(expect.arrayContaining(wanted));
  });

  it("natural phrases find listings with both words first, in Simplified and Traditional", async () => {
    for (const [q, word] of [
      ["交通数据", "交通"],
      ["物流数据", "物流"],
      ["气象数据", "气象"],
      ["医疗影像", "影像"],
      ["醫療影像", "影像"],
    ] as const) {
      const r = await search(q);
      expect(r.total, q).toBeGreaterThanOrEqual(2);
      expect(normalise(r.hits[0].title + r.hits[0].snippet.map((s) => s.text).join("")), q).toContain(word);
      // Ranked: a listing with every word comes before one with only some.
      expect(r.hits[0].rank, q).toBeGreaterThanOrEqual(r.hits.at(-1)!.rank);
    }
    const [hans, hant] = await Promise.all([search("医疗影像"), search("醫療影像")]);
    expect(hant.hits.map((h) => h.id)).toEqual(hans.hits.map((h) => h.id));
  });

  it("a common word alone still finds, and only ranks when a rarer word is there", async () => {
    const data = await search("数据");
    const traffic = await search("交通数据");
    expect(data.total).toBeGreaterThan(traffic.total);
    const texts = await t.db
      .selectFrom("listings")
      .select(["title", "description", "tags"])
      .where(
        "id",
        "in",
        traffic.hits.map((h) => h.id),
      )
      .execute();
    expect(texts.every((l) => /交通/.test(normalise(`${l.title} ${l.description} ${l.tags.join(" ")}`)))).toBe(true);
  });

  it("English queries reach Chinese listings through the glossary", async () => {
    const typhoon = await search("typhoon");
    expect(typhoon.hits.some((h) => h.title.includes("台风"))).toBe(true);
    const forecast = await search("weather forecast");
    expect(forecast.total).toBeGreaterThanOrEqual(2);
    expect(normalise(forecast.hits[0].title)).toMatch(/气象|台风|预报/);
  });

  it("a plural is its singular, for the glossary and for matching; short words and -ss/-us/-is stay", () => {
    expect(["stations", "utilities", "boxes", "bus", "gas", "analysis", "process"].map(singular)).toEqual([
      "station",
      "utility",
      "box",
      "bus",
      "gas",
      "analysis",
      "process",
    ]);
    expect(queryGroups("typhoons")).toEqual(queryGroups("typhoon"));
  });

  it("matching compares words that mean something, each once, whatever the language", () => {
    const english = matchTerms(documentTokens("We need water quality readings from 45 stations of the Pearl River estuary"));
    // "pearl" and "river" are 珠江, "water quality" is 水质; "stations" is "station"; need/we/the say nothing.
    expect(english).toEqual(expect.arrayContaining(["w:珠江", "w:水质", "w:河口", "station"]));
    for (const gone of ["pearl", "river", "stations", "need", "we", "the"]) expect(english).not.toContain(gone);
    // A glossary compound meets the words a Chinese text is indexed with (热带气旋 = 热带 + 气旋).
    const chinese = new Set(matchTerms(documentTokens("华南地区热带气旋最佳路径")));
    expect(matchTerms(documentTokens("tropical cyclone tracks")).filter((t) => chinese.has(t))).toEqual(expect.arrayContaining(["w:热带", "w:气旋"]));
    expect(matchTerms(documentTokens("我们需要数据"))).toEqual([]);
  });

  it("the member directory folds Simplified and Traditional", async () => {
    const r = await listDirectory(t.db, directoryQuerySchema.parse({ q: "港湾" }));
    expect(r.organisations.map((o) => o.name_zh)).toContain("港灣數據資本");
  });

  it("the glossary is data of the right shape: hundreds of lower-case English terms of one or two words, each to Chinese", () => {
    expect(GLOSSARY_PAIRS.length).toBeGreaterThanOrEqual(300);
    // A term may stand for more than one Chinese word (weather: 气象 and 天气), but no pair twice.
    const pairs = GLOSSARY_PAIRS.map(([en, zh]) => `${en}=${zh}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const [en, zh] of GLOSSARY_PAIRS) {
      expect(en, en).toMatch(/^[a-z0-9][a-z0-9-]*( [a-z0-9-]+){0,2}$/);
      expect(zh, en).toMatch(/^[\u3400-\u9fff]+$/);
    }
  });
});
