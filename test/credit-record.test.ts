import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { answerIntroduction, requestIntroduction } from "../app/models/directory/introductions.server";
import { listProfiles, updateProfile } from "../app/models/directory/profiles.server";
import { directoryFilterSchema, profileInputSchema } from "../app/models/directory/profile-schema";
import { createListing, reviewListing } from "../app/models/marketplace/listings.server";
import { ANSWER_DAYS, type CreditFact } from "../app/models/trust/credit";
import { recomputeCredit, refreshAllCredit, refreshChangedCredit, storedCredit } from "../app/models/trust/credit.server";
import { creditRecord } from "../app/models/trust/record.server";
import { decideReport, fileReport } from "../app/models/trust/reports.server";
import { reportInputSchema } from "../app/models/trust/report-schema";
import { dbForSuite } from "./helpers/db";
import { startTestApp } from "./helpers/app";
import { makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { listingInput, publishListing } from "./helpers/listings";

type Entry = Awaited<ReturnType<typeof creditRecord>>["entries"][number];
const byFact = (entries: Entry[]) => Object.fromEntries(entries.map((e) => [e.fact, e])) as Record<CreditFact, Entry>;
const DAY = 86_400_000;

describe("the credit record: facts read from real rows, scores stored by the job, the directory sorting by them", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let seller: Actor;
  let returner: Actor;
  let investor: Actor;
  let reporter: Actor;
  let sellerOrgId: string;
  let returnerOrgId: string;
  let quietOrgId: string;
  let n = 0;

  async function returnedListing(owner: Actor) {
    const id = await createListing(db, owner, listingInput({ title: `退回的数据集 ${++n}` }), { submit: true });
    await reviewListing(db, staff, id, { decision: "return", reason: "请补充数据来源说明" });
  }

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    const s = await makeApprovedOrg(db, staff);
    sellerOrgId = s.orgId;
    seller = await s.owner.actor();
    const r = await makeApprovedOrg(db, staff);
    returnerOrgId = r.orgId;
    returner = await r.owner.actor();
    const q = await makeApprovedOrg(db, staff);
    quietOrgId = q.orgId;
    // Listed in the directory: an empty profile (0 %) is not (issue 29).
    for (const o of [s, r, q]) await updateProfile(db, await o.owner.actor(), profileInputSchema.parse({ introduction: "数据服务企业" }));
    investor = await (await makeApprovedOrg(db, staff, { type: "investor" })).owner.actor();
    reporter = await (await makeApprovedOrg(db, staff, { type: "research" })).owner.actor();
  });

  it("reads returned listings, introductions answered on time or not, and upheld complaints, and scores exactly those facts", async () => {
    const empty = await creditRecord(db, sellerOrgId);
    expect(empty.score).toBeNull();
    expect(empty.observed).toBe(0);
    expect(empty.entries.every((e) => e.count === 0 && e.points === 0 && e.evidence.length === 0)).toBe(true);

    await returnedListing(seller);
    const introId = await requestIntroduction(db, investor, sellerOrgId, "希望了解贵司的数据产品与融资计划。");
    await answerIntroduction(db, seller, introId, "accept", null);
    // A second request that nobody answers: late once ANSWER_DAYS have passed, not before.
    await requestIntroduction(db, investor, sellerOrgId, "再次联系：希望约一次线上交流。");
    const listingId = await publishListing(db, seller, staff, { title: "被举报的数据集" });
    const reportId = await fileReport(
      db,
      reporter,
      reportInputSchema.parse({ targetType: "listing", targetId: listingId, category: "misleading", description: "样例数据与描述的字段明显不符。" }),
    );
    await decideReport(db, staff, { reportId, decision: "hide", reason: "样例与描述不符" });

    const now = await creditRecord(db, sellerOrgId);
    const seen = byFact(now.entries);
    expect(seen.listingsReturned).toMatchObject({ count: 1, points: -1 });
    expect(seen.listingsReturned.lastAt).toBeInstanceOf(Date);
    expect(seen.introsOnTime).toMatchObject({ count: 1, points: 1 });
    expect(seen.introsLate.count).toBe(0);
    expect(seen.complaintsUpheld).toMatchObject({ count: 1, points: -6 });
    expect(seen.complaintsUpheld.evidence).toHaveLength(1);
    expect(now.observed).toBe(3);
    expect(now.score).toBe(50 - 1 + 1 - 6);

    const later = await creditRecord(db, sellerOrgId, new Date(Date.now() + (ANSWER_DAYS + 1) * DAY));
    expect(byFact(later.entries).introsLate).toMatchObject({ count: 1, points: -1 });
    expect(later.score).toBe(50 - 1 + 1 - 1 - 6);
    // Another organisation's record is its own.
    expect((await creditRecord(db, returnerOrgId)).observed).toBe(0);
  });

  it("stores every organisation's score on the first pass, then recomputes only those whose facts changed", async () => {
    const organisations = Number(
      (
        await db
          .selectFrom("organisations")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(await refreshChangedCredit(db)).toBe(organisations);
    expect((await storedCredit(db, sellerOrgId))?.score).toBe(44);
    expect((await storedCredit(db, quietOrgId))?.score).toBeNull();
    const sellerBefore = (await storedCredit(db, sellerOrgId))!.computedAt;

    for (let i = 0; i < 4; i++) await returnedListing(returner);
    // Only organisations with facts newer than the watermark (less its slack) are recomputed: the one
    // that just gained facts, and the seller, whose facts are a minute old; not the other four.
    expect(await refreshChangedCredit(db)).toBe(2);
    expect((await storedCredit(db, returnerOrgId))?.score).toBe(46);
    expect((await storedCredit(db, sellerOrgId))!.computedAt.getTime()).toBeGreaterThanOrEqual(sellerBefore.getTime());

    // The daily pass recomputes everyone, and an organisation deleted meanwhile is simply skipped.
    expect(await refreshAllCredit(db)).toBe(organisations);
    expect(await recomputeCredit(db, ["00000000-0000-4000-8000-000000000000"])).toBe(0);
  });

  it("lets the directory sort by the stored score and filter by a minimum, organisations without a score last", async () => {
    const filter = (q: Record<string, string>) => directoryFilterSchema.parse(q);
    const sorted = await listProfiles(db, investor, filter({ sort: "credit" }));
    const order = sorted.profiles.map((p) => [p.orgId, p.credit]);
    expect(order.slice(0, 2)).toEqual([
      [returnerOrgId, 46],
      [sellerOrgId, 44],
    ]);
    expect(order.slice(2).every(([, c]) => c === null)).toBe(true);
    const atLeast45 = await listProfiles(db, investor, filter({ sort: "credit", minCredit: "45" }));
    expect(atLeast45.profiles.map((p) => p.orgId)).toEqual([returnerOrgId]);
    expect(atLeast45.total).toBe(1);
    // A bad minimum is ignored, not a 500.
    expect(filter({ minCredit: "lots" }).minCredit).toBeUndefined();
    expect(filter({ minCredit: "101" }).minCredit).toBeUndefined();
    // The form's empty choice ("any") is no minimum, not 0 (which left out every unscored organisation).
    expect(filter({ minCredit: "" }).minCredit).toBeUndefined();
    expect((await listProfiles(db, investor, filter({ minCredit: "" }))).total).toBe((await listProfiles(db, investor, filter({}))).total);
  });

  describe("on the pages", () => {
    let app: Awaited<ReturnType<typeof startTestApp>>;
    beforeAll(async () => {
      app = await startTestApp(db);
    });
    afterAll(async () => {
      await app.close();
    });

    it("shows the credit column, its filter and sort in the directory, in three languages", async () => {
      const en = await (await app.client("en").get("/enterprises?sort=credit&minCredit=40")).text();
      expect(en).toContain("Credit 46 / 100");
      expect(en).toContain("Credit 44 / 100");
      expect(en).toContain("Credit score, highest first");
      expect(en).not.toContain("Not enough observed facts");
      const hans = await (await app.client("zh-Hans").get("/enterprises?sort=credit")).text();
      expect(hans).toContain("信用 46 / 100");
      expect(hans).toContain("观察到的事实不足");
      const hant = await (await app.client("zh-Hant").get("/enterprises?minCredit=45")).text();
      expect(hant).toContain("最低信用分");
      expect(hant).not.toContain("信用 44 / 100");
    });

    it("shows the record on the profile: each fact with its source and date, the score and how it is computed, and the way to appeal", async () => {
      const html = await (await app.client("en").get(`/enterprises/${sellerOrgId}`)).text();
      const section = /data-testid="credit-record"[\s\S]*?<\/section>/.exec(html)![0];
      expect(section).toContain("Verified by the platform");
      expect(section).toMatch(/data-testid="credit-score">Credit score <strong[^>]*>44 \/ 100<\/strong>/);
      expect(section).toContain("Source: Secretariat review");
      expect(section).toContain("How this score is computed");
      expect(section).toContain("Complaints upheld");
      expect(section).toMatch(/href="\/reports\/new\?type=organisation&amp;id=[0-9a-f-]{36}"/);
      const quiet = await (await app.client("zh-Hant").get(`/enterprises/${quietOrgId}`)).text();
      expect(quiet).toContain("觀察到的事實不足");
      expect(quiet).toContain("平台核驗");
    });
  });
});
