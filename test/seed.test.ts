import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { ORG_TYPES, SECTORS } from "../app/models/core/enums";
import { findMatches } from "../app/models/marketplace/matching.server";
import { searchListings } from "../app/models/marketplace/listing-search.server";
import { listingQuerySchema } from "../app/models/marketplace/listing-schema";
import { DEMO_LISTINGS } from "../db/seed/listings";
import { signIn } from "../app/models/accounts/users.server";
import { DEMO_PASSWORD, SECRETARIAT_EMAIL, seedDemo } from "../db/seed/index";
import { dbForSuite } from "./helpers/db";
import { count } from "./helpers/fixtures";

describe("the demo seed", () => {
  const t = dbForSuite();
  const countRows = async (table: "listings" | "matches") =>
    (
      await t.db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow()
    ).n;

  it("creates at least 12 organisations of every type, including Hong Kong and Macau, with working logins", async () => {
    const result = await seedDemo(t.db);
    expect(result.created).toBe(true);
    const orgs = await t.db.selectFrom("organisations").select(["type", "region", "status"]).execute();
    expect(orgs.length).toBeGreaterThanOrEqual(12);
    expect(new Set(orgs.map((o) => o.type))).toEqual(new Set(ORG_TYPES));
    expect(orgs.map((o) => o.region)).toEqual(expect.arrayContaining(["hong_kong", "macau"]));
    expect(result.summary).toContain(SECRETARIAT_EMAIL);
    await expect(signIn(t.db, { email: SECRETARIAT_EMAIL, password: DEMO_PASSWORD }, "127.0.0.1")).resolves.toBeTypeOf("string");
    for (const login of result.logins) expect(result.summary).toContain(login.email);
  });

  it("posts at least 40 listings through the model, across every sector, in three languages", async () => {
    const rows = await t.db
      .selectFrom("listings")
      .select(["id", "kind", "status", "title", "description", "sectors", "grade", "data_category", "compliance", "external_id", "price_min", "price_max"])
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.length).toBe(DEMO_LISTINGS.length);
    expect(new Set(rows.flatMap((r) => r.sectors))).toEqual(new Set(SECTORS));
    // Stable external ids, one per listing.
    expect(new Set(rows.map((r) => r.external_id)).size).toBe(rows.length);
    expect(rows.every((r) => /^seed-\d{3}$/.test(r.external_id ?? ""))).toBe(true);
    // Both kinds published; some waiting for review; some drafts.
    const published = rows.filter((r) => r.status === "published");
    expect(published.some((r) => r.kind === "supply") && published.some((r) => r.kind === "demand")).toBe(true);
    expect(rows.filter((r) => r.status === "pending_review").length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.status === "draft").length).toBeGreaterThanOrEqual(1);
    // Compliance declarations are coherent.
    expect(rows.some((r) => r.grade === "core")).toBe(false);
    for (const r of rows) {
      const c = r.compliance as { personalInfo: boolean; legalBasis: string | null; importantData: boolean; declaration: string | null };
      if (r.data_category === "personal") expect(c.personalInfo && !!c.legalBasis, r.title).toBe(true);
      if (r.grade === "important") expect(c.importantData && !!c.declaration, r.title).toBe(true);
      if (r.price_min !== null && r.price_max !== null) expect(Number(r.price_min)).toBeLessThanOrEqual(Number(r.price_max));
    }
    // Traditional Chinese (characters that do not exist in Simplified), and English.
    const text = (r: (typeof rows)[number]) => `${r.title} ${r.description}`;
    expect(rows.filter((r) => /[數據醫療門澳灣與為會]/.test(text(r))).length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => /^[\x20-\x7e]+$/.test(r.title)).length).toBeGreaterThanOrEqual(2);
    // Every published listing counts in the term statistics.
    const total = await t.db.selectFrom("term_stats").select("df").where("term", "=", "").executeTakeFirstOrThrow();
    expect(total.df).toBe(published.length);
  });

  it("published demands find their counterparts, and search finds the seed in Simplified and Traditional", async () => {
    const byExternal = async (externalId: string) =>
      (await t.db.selectFrom("listings").select("id").where("external_id", "=", externalId).executeTakeFirstOrThrow()).id;
    // The hospital's imaging demand meets the imaging supply; the logistics demand meets the traffic data.
    const imaging = await findMatches(t.db, await byExternal("seed-021"));
    expect(imaging[0]?.listingId).toBe(await byExternal("seed-017"));
    const traffic = await findMatches(t.db, await byExternal("seed-032"));
    expect(traffic.slice(0, 3).map((m) => m.listingId)).toContain(await byExternal("seed-002"));
    const visitors = await findMatches(t.db, await byExternal("seed-035"));
    expect(visitors.slice(0, 3).map((m) => m.listingId)).toContain(await byExternal("seed-011"));
    const credit = await findMatches(t.db, await byExternal("seed-030"));
    expect(credit[0]?.listingId).toBe(await byExternal("seed-001"));
    // Strong matches were recorded at publication.
    expect(await countRows("matches")).toBeGreaterThan(0);
    const simplified = await searchListings(t.db, listingQuerySchema.parse({ q: "医学影像" }));
    const traditional = await searchListings(t.db, listingQuerySchema.parse({ q: "醫學影像" }));
    expect(simplified.total).toBeGreaterThanOrEqual(3);
    expect(traditional.total).toBe(simplified.total);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const users = await count(t.db, "users");
    const orgs = await count(t.db, "organisations");
    const listings = await countRows("listings");
    const again = await seedDemo(t.db);
    expect(again.created).toBe(false);
    expect(await count(t.db, "users")).toBe(users);
    expect(await count(t.db, "organisations")).toBe(orgs);
    expect(await countRows("listings")).toBe(listings);
  });
});
