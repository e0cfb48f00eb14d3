import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Db } from "../db/index";
import { LISTINGS_PAGE_SIZE, SEARCH_CAP, searchListings } from "../app/models/marketplace/listing-search.server";
import { ALL_WORDS_BONUS, impactOf, isPosted } from "../app/models/marketplace/listing-topk.server";
import { TOTAL_TERM } from "../app/models/marketplace/matching.server";
import { queryGroups } from "../app/models/core/search.server";
import { TITLE_PREFIX } from "../app/models/core/tsquery";
import { changeListingStatus } from "../app/models/marketplace/listings.server";
import type { Actor } from "../app/models/core/permissions";
import { generate, load } from "../scripts/bench/synthetic-listings";
import { dbForSuite } from "./helpers/db";
import { makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

const query = (q: Record<string, unknown> = {}) => ({ sort: "relevance" as const, page: 1, ...q });
/** More copies than the old cap, at which search used to stop ranking and list the newest hits. */
const MANY = SEARCH_CAP + 200;
const MORE = MANY + 500;

/**
 * Publishing thousands of listings through the model would take minutes, so one published listing
 * is copied in SQL (the postings trigger indexes the copies as it does any write), with term_stats
 * raised as publishing would.
 */
async function cloneListing(db: Db, id: string, copies: number, daysAgoFrom: number) {
  await sql`
    insert into listings (org_id, kind, status, title, description, data_category, grade, rights, delivery_modes, pricing_model,
      sectors, regions, tags, scenario, compliance, contact_name, contact_email, search_vector, match_terms, published_at)
    select org_id, kind, status, title || ' #' || n, description, data_category, grade, rights, delivery_modes, pricing_model,
      sectors, regions, tags, scenario, compliance, contact_name, contact_email, search_vector, match_terms,
      now() - make_interval(days => ${daysAgoFrom}) - make_interval(mins => n)
    from listings, generate_series(1, ${copies}) as n where id = ${id}`.execute(db);
  await sql`
    update term_stats set df = df + ${copies}
    where term = ${TOTAL_TERM} or term in (select unnest(tsvector_to_array(search_vector)) from listings where id = ${id})`.execute(db);
}

describe("search with more hits than the old cap", () => {
  const t = dbForSuite();
  let db: Db;
  let owner: Actor;
  let staff: Actor;
  const perovskite = {
    title: "钙钛矿电池衰减测试数据",
    description: "钙钛矿光伏组件在湿热条件下的功率衰减测试记录。",
    sectors: ["energy"],
    tags: ["钙钛矿"],
    scenario: "组件寿命评估",
  };
  const mention = {
    title: "光伏电站发电量数据",
    description: "分布式光伏电站逐日发电量，含少量钙钛矿组件试点电站。",
    sectors: ["energy"],
    tags: ["光伏"],
    scenario: "发电量预测",
  };
  const other = { title: "港口集装箱吞吐量", description: "南沙港区集装箱吞吐量按月统计。", sectors: ["transport"], tags: ["港口"], scenario: "航运景气分析" };

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    owner = await (await makeApprovedOrg(db, staff)).owner.actor();
  });

  it("ranks the best match first, however many newer listings merely mention the word", async () => {
    // The best listing is the oldest; over a thousand newer ones mention the word in passing only.
    const best = await publishListing(db, owner, staff, perovskite);
    await sql`update listings set published_at = now() - interval '400 days' where id = ${best}`.execute(db);
    // The word must stay under the stop-word share (half of all listings), so other listings outnumber it.
    await cloneListing(db, await publishListing(db, owner, staff, other), MORE, 30);
    await cloneListing(db, await publishListing(db, owner, staff, mention), MANY, 0);

    const first = await searchListings(db, query({ q: "钙钛矿" }));
    expect(first.capped).toBe(true);
    expect(first.total).toBe(SEARCH_CAP);
    expect(first.ranked).toBe(true);
    expect(first.hits).toHaveLength(first.pageSize);
    expect(first.hits[0].id).toBe(best);
    expect(first.hits.slice(1).every((h) => h.title.startsWith(mention.title))).toBe(true);
    const ranks = first.hits.map((h) => h.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(ranks[0]).toBeGreaterThan(ranks[1]);
    // Equal scores go newest first: the copy made one minute ago leads the mentions (the original is newer still).
    expect(first.hits.slice(1, 3).map((h) => h.title)).toEqual([mention.title, `${mention.title} #1`]);

    // Pages continue the same order without overlap.
    const second = await searchListings(db, query({ q: "钙钛矿", page: 2 }));
    expect(second.ranked).toBe(true);
    expect(second.hits).toHaveLength(second.pageSize);
    expect(second.hits.filter((h) => first.hits.some((f) => f.id === h.id))).toEqual([]);
    expect(second.hits[0].rank).toBeLessThanOrEqual(ranks[ranks.length - 1]);

    // Filters work together with ranking; a filter nothing passes finds nothing.
    const energy = await searchListings(db, query({ q: "钙钛矿", sector: "energy" }));
    expect(energy.ranked).toBe(true);
    expect(energy.hits[0].id).toBe(best);
    expect((await searchListings(db, query({ q: "钙钛矿", sector: "transport" }))).hits).toEqual([]);
    expect((await searchListings(db, query({ q: "钙钛矿", sector: "energy", region: "gz_tianhe" }))).hits[0].id).toBe(best);

    // Withdrawn, the best listing leaves the postings and the results.
    await changeListingStatus(db, owner, best, "withdrawn");
    const after = await searchListings(db, query({ q: "钙钛矿" }));
    expect(after.hits.map((h) => h.id)).not.toContain(best);
    expect(after.hits[0].title).toBe(mention.title);
  }, 120_000);
});

describe("top-k from the postings equals ranking every hit", () => {
  const t = dbForSuite();
  let db: Db;

  beforeAll(async () => {
    db = t.db;
    const orgs = 8;
    const orgIds = Array.from({ length: orgs }, () => crypto.randomUUID());
    const userIds = Array.from({ length: orgs }, () => crypto.randomUUID());
    // A few hundred generated listings (bulk-loaded, postings rebuilt in one statement)...
    await load(db, generate(400, orgs), orgIds, userIds);
    // ...then changed row by row, as the trigger sees writes: some withdrawn, some rewritten with another listing's text.
    await sql`update listings set status = 'withdrawn' where id in (select id from listings where status = 'published' order by id limit 30)`.execute(db);
    await sql`
      update listings l set search_vector = o.search_vector, title = o.title
      from (select id, search_vector, title, row_number() over (order by id desc) as n from listings where status = 'published') o,
           (select id, row_number() over (order by id) as n from listings where status = 'published') m
      where m.id = l.id and o.n = m.n and m.n <= 40`.execute(db);
  });

  /** Every published listing scored in full, here in the test, by the documented rule (listing-topk.server.ts). */
  async function bruteForce(q: string, where = sql`true`) {
    const groups = queryGroups(q);
    const stats = await db.selectFrom("term_stats").select(["term", "df"]).execute();
    const df = new Map(stats.map((r) => [r.term, r.df]));
    const n = df.get(TOTAL_TERM) ?? 0;
    const gdf = (alts: string[][]) => Math.max(...alts.map((all) => Math.min(...all.map((tok) => df.get(tok) ?? 0))));
    const rare = groups.filter((g) => gdf(g) <= n / 2);
    // A one-character word (no postings) only ranks when the query has other rare words.
    const rarePosted = rare.filter((g) => g.every((all) => all.every(isPosted)));
    const narrowing = rarePosted.length ? rarePosted : rare.length ? rare : groups;
    const { rows } = await sql<{ id: string; published_at: Date; tokens: string[]; lexemes: number }>`
      select id, published_at, tsvector_to_array(search_vector) as tokens, length(search_vector) as lexemes
      from listings where status = 'published' and ${where}`.execute(db);
    const scored = rows.flatMap((r) => {
      const has = new Set(r.tokens);
      const inGroup = groups.map((alts) => {
        const present = alts.filter((all) => all.every((tok) => has.has(tok)));
        if (!present.length) return 0;
        return impactOf(
          present.some((all) => all.every((tok) => has.has(TITLE_PREFIX + tok))),
          Number(r.lexemes),
        );
      });
      if (!narrowing.some((g) => inGroup[groups.indexOf(g)] > 0)) return [];
      const score = groups.reduce((s, alts, i) => s + Math.log(1 + (n - gdf(alts) + 0.5) / (gdf(alts) + 0.5)) * inGroup[i], 0);
      return [{ id: r.id, at: new Date(r.published_at).getTime(), score: inGroup.every((x) => x > 0) ? score + ALL_WORDS_BONUS : score }];
    });
    return scored.sort((a, b) => b.score - a.score || b.at - a.at || (a.id < b.id ? 1 : -1));
  }

  async function pages(q: Record<string, unknown>, count: number) {
    const out: { id: string; rank: number }[] = [];
    for (let page = 1; page <= count; page++) {
      const result = await searchListings(db, query({ ...q, page }));
      expect(result.ranked).toBe(true);
      out.push(...result.hits.map((h) => ({ id: h.id, rank: h.rank })));
    }
    return out;
  }

  it.each(["交通 流量", "医疗影像", "港口 物流 数据", "traffic", "客流統計", "隐私计算 联合建模", "数据", "crop yield", "充电桩", "天河区 商圈 客流"])(
    "%s: three pages in the brute-force order",
    async (q) => {
      const expected = await bruteForce(q);
      expect(expected.length).toBeGreaterThan(0);
      const got = await pages({ q }, 3);
      const want = expected.slice(0, 3 * LISTINGS_PAGE_SIZE);
      expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
      got.forEach((h, i) => expect(h.rank).toBeCloseTo(want[i].score, 6));
    },
  );

  it("with filters, ranks the filtered listings in the same order", async () => {
    const expected = await bruteForce("交通 数据", sql`sectors @> array['transport']::text[] and kind = 'supply'`);
    expect(expected.length).toBeGreaterThan(5);
    const got = await pages({ q: "交通 数据", sector: "transport", kind: "supply" }, 2);
    expect(got.map((h) => h.id)).toEqual(expected.slice(0, 2 * LISTINGS_PAGE_SIZE).map((h) => h.id));
  });
});
