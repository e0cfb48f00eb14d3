import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { advanceMatch, expressInterest, rateCounterpart } from "../app/models/marketplace/deals.server";
import { createDraft } from "../app/models/standards/drafts.server";
import { draftInputSchema } from "../app/models/standards/draft-schema";
import { fileDeal } from "../app/models/trust/filings.server";
import { moveDispute, openDispute } from "../app/models/trust/disputes.server";
import { disputeMoveSchema, openDisputeSchema } from "../app/models/trust/dispute-schema";
import { filingInputSchema } from "../app/models/trust/filing-schema";
import { creditRecord } from "../app/models/trust/record.server";
import { decideReport, fileReport } from "../app/models/trust/reports.server";
import { reportInputSchema } from "../app/models/trust/report-schema";
import type { CreditFact } from "../app/models/trust/credit";
import { dbForSuite } from "./helpers/db";
import { startTestApp } from "./helpers/app";
import { makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";
import { makeGroup } from "./helpers/collab";

type Entry = Awaited<ReturnType<typeof creditRecord>>["entries"][number];
const platformRecord = async (db: Db, orgId: string) => (await creditRecord(db, orgId)).entries;
const byFact = (entries: Entry[]) => Object.fromEntries(entries.map((e) => [e.fact, e])) as Record<CreditFact, Entry>;

describe("the platform record: what the platform saw, apart from what an organisation declares", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let seller: Actor;
  let buyer: Actor;
  let reporter: Actor;
  let sellerOrgId: string;
  let supplyId: string;
  let n = 0;

  async function agreedDeal(): Promise<string> {
    const demandId = await publishListing(db, buyer, staff, { kind: "demand", title: `需要气象观测数据 ${++n}`, sectors: ["agriculture"] });
    const matchId = await expressInterest(db, buyer, { myListingId: demandId, otherListingId: supplyId });
    await advanceMatch(db, seller, matchId, "accept");
    await advanceMatch(db, buyer, matchId, "agree");
    await advanceMatch(db, seller, matchId, "agree");
    return matchId;
  }

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    const s = await makeApprovedOrg(db, staff);
    sellerOrgId = s.orgId;
    seller = await s.owner.actor();
    buyer = await (await makeApprovedOrg(db, staff, { type: "user" })).owner.actor();
    reporter = await (await makeApprovedOrg(db, staff, { type: "research" })).owner.actor();
    supplyId = await publishListing(db, seller, staff, { title: "农田气象观测数据", sectors: ["agriculture"] });
  });

  it("starts empty, then counts filed deals (not merely agreed ones), ratings received and moderation decisions, with their dates", async () => {
    const empty = byFact(await platformRecord(db, sellerOrgId));
    expect(Object.values(empty).every((e) => e.count === 0 && e.lastAt === null)).toBe(true);
    expect(empty.ratings.average).toBeNull();

    const filed = await agreedDeal();
    const unfiled = await agreedDeal();
    await fileDeal(db, buyer, filingInputSchema.parse({ matchId: filed, amount: 5000, termMonths: 6, deliveryMode: "dataset" }));
    await rateCounterpart(db, buyer, filed, 4, null);
    await rateCounterpart(db, buyer, unfiled, 5, "交付及时");
    await rateCounterpart(db, seller, filed, 3, null);

    const dismissed = await fileReport(
      db,
      reporter,
      reportInputSchema.parse({ targetType: "organisation", targetId: sellerOrgId, category: "spam", description: "主页内容与数据要素无关的广告。" }),
    );
    await decideReport(db, staff, { reportId: dismissed, decision: "dismiss", reason: "未发现问题" });
    const upheld = await fileReport(
      db,
      reporter,
      reportInputSchema.parse({ targetType: "listing", targetId: supplyId, category: "misleading", description: "观测站点数量与描述明显不符。" }),
    );
    await decideReport(db, staff, { reportId: upheld, decision: "warn", reason: "请更正站点数量" });

    const seen = byFact(await platformRecord(db, sellerOrgId));
    expect(seen.filedDeals.count).toBe(1);
    expect(seen.filedDeals.lastAt).toBeInstanceOf(Date);
    expect(seen.ratings).toMatchObject({ count: 2, average: 4.5 });
    // A warning is counted apart from a complaint upheld (content hidden, a listing or the organisation suspended).
    expect(seen.warnings.count).toBe(1);
    expect(seen.complaintsUpheld.count).toBe(0);
    expect(seen.filedDeals.evidence[0].href).toMatch(/^\/filings\/YS-BA-\d{4}-\d{6}$/);
    const other = byFact(await platformRecord(db, buyer.org!.id));
    expect(other.filedDeals.count).toBe(1);
    expect(other.ratings).toMatchObject({ count: 1, average: 3 });
    expect(other.warnings.count).toBe(0);
  });

  it("counts disputes against the respondent, as the disputes model reports them: opened, answered on time, upheld", async () => {
    const matchId = await agreedDeal();
    const disputeId = await openDispute(
      db,
      buyer,
      openDisputeSchema.parse({ matchId, title: "交付字段缺失", claim: "交付的数据缺少约定的字段，且更新频率低于约定。" }),
    );
    expect(byFact(await platformRecord(db, sellerOrgId)).disputesOpened.count).toBe(1);
    const move = (actor: Actor, input: Record<string, string>) => moveDispute(db, actor, disputeId, disputeMoveSchema.parse(input));
    await move(seller, { intent: "answer", body: "字段已补齐，更新频率按合同执行。" });
    await move(staff, { intent: "assign", mediator: "secretariat" });
    await move(staff, { intent: "decide", outcome: "upheld", reason: "交付与约定不符" });
    const seen = byFact(await platformRecord(db, sellerOrgId));
    expect(seen.disputesOpened).toMatchObject({ count: 1, points: -1 });
    expect(seen.disputesAnsweredOnTime).toMatchObject({ count: 1, points: 1 });
    expect(seen.disputesUpheld).toMatchObject({ count: 1, points: -8 });
    expect(seen.disputesUpheld.evidence).toHaveLength(1);
    // The claimant's record is untouched: only disputes against an organisation count.
    expect(byFact(await platformRecord(db, buyer.org!.id)).disputesOpened.count).toBe(0);
  });

  it("counts the standards work of an organisation's people: draft versions they wrote", async () => {
    const { groupId, convenor } = await makeGroup(db, []);
    const convenorOrg = (await convenor.actor()).org!.id;
    expect(byFact(await platformRecord(db, convenorOrg)).draftVersions.count).toBe(0);
    await createDraft(
      db,
      await convenor.actor(),
      groupId,
      draftInputSchema.parse({
        code: `T/REC 00${process.pid % 10}-2026`,
        title: "数据质量 评价方法",
        scope: "规定数据质量评价的指标和方法。",
        body: "## 1 范围\n\n本文件。",
      }),
    );
    const seen = byFact(await platformRecord(db, convenorOrg));
    expect(seen.draftVersions.count).toBe(1);
    expect(byFact(await platformRecord(db, sellerOrgId)).draftVersions.count).toBe(0);
  });

  describe("on the profile page", () => {
    let app: Awaited<ReturnType<typeof startTestApp>>;
    beforeAll(async () => {
      app = await startTestApp(db);
    });
    afterAll(async () => {
      await app.close();
    });

    it("shows the record in its own section, beside the self-declared profile, to a visitor", async () => {
      const html = await (await app.client("en").get(`/enterprises/${sellerOrgId}`)).text();
      const section = /data-testid="credit-record"[\s\S]*?<\/section>/.exec(html)![0];
      expect(section).toContain("Verified by the platform");
      expect(section).toMatch(/data-testid="credit-filedDeals"><strong>1<\/strong>/);
      expect(section).toContain("Average 4.5 stars from 2");
      expect(section).toContain("Source: Deal filings");
    });
  });
});
