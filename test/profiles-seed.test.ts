import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../db/seed/index";
import { loadActor } from "../app/models/accounts/auth.server";
import { listIntroductions } from "../app/models/directory/introductions.server";
import { listWatchlist } from "../app/models/directory/watchlist.server";
import { directoryFilterSchema } from "../app/models/directory/profile-schema";
import { getOwnProfile, listProfiles, profileInterest } from "../app/models/directory/profiles.server";
import { dbForSuite } from "./helpers/db";

describe("the demo profiles seed", () => {
  const t = dbForSuite();
  let summary = "";
  beforeAll(async () => {
    summary = (await seedDemo(t.db)).summary;
  });
  const actor = async (slug: string) => {
    const u = await t.db.selectFrom("users").select("id").where("email", "=", `${slug}@yaosu.demo`).executeTakeFirstOrThrow();
    return (await loadActor(t.db, u.id))!;
  };

  it("profiles of varied completeness, investor profiles, a watchlist with notes and one pending introduction", async () => {
    expect(summary).toMatch(/Demo profiles: 4 enterprise\/provider profiles, 2 investor profiles, 3 watched, 1 pending introduction/);
    const full = await getOwnProfile(t.db, await actor("yuecheng-tech"));
    const thin = await getOwnProfile(t.db, await actor("gba-valuation"));
    expect(full.meter.percent).toBe(100);
    expect(thin.meter.percent).toBeLessThan(50);
    const pearl = await actor("pearl-capital");
    const watched = await listWatchlist(t.db, pearl);
    expect(watched.length).toBe(2);
    expect(watched.every((w) => !!w.note)).toBe(true);
    const lingnan = await listIntroductions(t.db, await actor("lingnan-health"));
    expect(lingnan.incoming.map((i) => i.status)).toEqual(["pending"]);
    const providers = await listProfiles(t.db, null, directoryFilterSchema.parse({ type: "service_provider" }));
    expect(providers.total).toBe(2);
    const interest = await profileInterest(t.db, await actor("yuecheng-tech"));
    expect(interest.weeks.some((w) => w.views > 0)).toBe(true);
  });
});
