import { describe, expect, it } from "vitest";
import {
  markMatchListsCurrentIfNonePublished,
  rebuildMatchLists,
  rebuildMatchListsIfStale,
  refreshRecentMatchLists,
} from "../app/models/marketplace/reindex.server";
import { seedDemo } from "../db/seed/index";
import { dbForSuite } from "./helpers/db";

/** What a first `npm start` does before it listens (server/index.ts), and why it may skip a rebuild. */
describe("a first start", () => {
  const t = dbForSuite();
  const storedLists = async () =>
    (await t.db.selectFrom("match_candidates").select(["supply_id", "demand_id", "score", "reasons"]).orderBy("supply_id").orderBy("demand_id").execute()).map(
      (r) => ({ ...r, score: Number(r.score) }),
    );

  it("marks the match lists current on an empty database; the first tick's refresh of recent listings leaves the lists a rebuild would", async () => {
    expect(await markMatchListsCurrentIfNonePublished(t.db)).toBe(true);
    expect((await seedDemo(t.db)).created).toBe(true);
    // Nothing is scored a second time right after listen...
    expect(await rebuildMatchListsIfStale(t.db)).toBeNull();
    // ...the job runner's first tick re-scores the recent listings (every seeded one) under the final word statistics,
    expect(await refreshRecentMatchLists(t.db)).toBeGreaterThanOrEqual(40);
    const deferred = await storedLists();
    expect(deferred.length).toBeGreaterThan(40);
    // and ends where it would have ended after a rebuild at start.
    expect(await rebuildMatchLists(t.db)).toBeGreaterThanOrEqual(40);
    await refreshRecentMatchLists(t.db);
    expect(await storedLists()).toEqual(deferred);
  });

  it("leaves a database with published listings to the rebuild after listen", async () => {
    await t.db.updateTable("index_versions").set({ version: 0 }).where("name", "=", "match_lists").execute();
    expect(await markMatchListsCurrentIfNonePublished(t.db)).toBe(false);
    expect(await rebuildMatchListsIfStale(t.db)).toBeGreaterThanOrEqual(40);
  });
});
