import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Db } from "../db/index";
import { SEARCH_CAP, WALK_MIN_HITS, searchListings } from "../app/models/marketplace/listing-search.server";
import { TOTAL_TERM } from "../app/models/marketplace/matching.server";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

const query = (q: Record<string, unknown> = {}) => ({ sort: "relevance" as const, page: 1, ...q });
/** Enough copies that a search for them walks the newest listings; the others outnumber them, so the word is no stop word. */
const MANY = WALK_MIN_HITS + 100;
const MORE = MANY + 500;

/**
 * Searches with many more hits than SEARCH_CAP take a different path (newest first, found by walking
 * the newest listings). Publishing thousands of listings through the model would take minutes, so
 * one published listing of each kind is copied in SQL, with term_stats raised as publishing would.
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

describe("search with more hits than the cap", () => {
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
  const other = { title: "港口集装箱吞吐量", description: "南沙港区集装箱吞吐量按月统计。", sectors: ["transport"], tags: ["港口"], scenario: "航运景气分析" };

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    owner = await (await makeApprovedOrg(db, staff)).owner.actor();
  });

  it("pages through the newest hits when they are recent, with the count capped", async () => {
    // The word must stay under the stop-word share (half of all listings), so other listings outnumber it.
    await cloneListing(db, await publishListing(db, owner, staff, other), MORE, 30);
    await cloneListing(db, await publishListing(db, owner, staff, perovskite), MANY, 0);

    const first = await searchListings(db, query({ q: "钙钛矿" }));
    expect(first.capped).toBe(true);
    expect(first.total).toBe(SEARCH_CAP);
    expect(first.hits).toHaveLength(first.pageSize);
    expect(first.hits.every((h) => h.title.startsWith("钙钛矿"))).toBe(true);
    const times = first.hits.map((h) => new Date(h.publishedAt!).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The copy made one minute ago is the newest of them (the original was published just now).
    expect(first.hits.map((h) => h.title)).toContain("钙钛矿电池衰减测试数据 #1");

    const second = await searchListings(db, query({ q: "钙钛矿", page: 2 }));
    expect(second.hits).toHaveLength(second.pageSize);
    expect(second.hits.filter((h) => first.hits.some((f) => f.id === h.id))).toEqual([]);
    expect(new Date(second.hits[0].publishedAt!).getTime()).toBeLessThanOrEqual(times[times.length - 1]);

    expect((await searchListings(db, query({ q: "钙钛矿", sector: "transport" }))).hits).toEqual([]);
  });

  it("still finds them when every newer listing is about something else", async () => {
    // Older hits: MANY perovskite listings from a year ago, then MORE port listings newer than all of them.
    await cloneListing(db, await publishListing(db, owner, staff, { ...perovskite, title: "旧钙钛矿组件老化数据" }), MANY, 365);
    await cloneListing(db, await publishListing(db, owner, staff, other), MORE, -1);
    const result = await searchListings(db, query({ q: "钙钛矿" }));
    expect(result.capped).toBe(true);
    expect(result.hits).toHaveLength(result.pageSize);
    expect(result.hits.every((h) => h.title.includes("钙钛矿"))).toBe(true);
    // Each original was published just now; the copies are older.
    expect(result.hits.slice(0, 3).map((h) => h.title)).toEqual(["旧钙钛矿组件老化数据", perovskite.title, `${perovskite.title} #1`]);
  });
});
