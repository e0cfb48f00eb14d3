import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { advanceMatch, expressInterest, getMatchView } from "../app/models/marketplace/deals.server";
import { fileDeal, filingStateOf, filingYear, getFilingCertificate } from "../app/models/trust/filings.server";
import { filingInputSchema } from "../app/models/trust/filing-schema";
import { dbForSuite } from "./helpers/db";
import { auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status ?? 500,
  );

const filing = (matchId: string, over: Record<string, unknown> = {}) =>
  filingInputSchema.parse({ matchId, amount: 120000, termMonths: 12, deliveryMode: "api", pricingTerms: "按年订阅", ...over });

describe("deal filings (交易备案)", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let seller: Actor;
  let buyer: Actor;
  let outsider: Actor;
  let supplyId: string;
  let n = 0;

  /** An agreed deal between the seller's supply listing and a new demand listing of the buyer. */
  async function agreedDeal(): Promise<string> {
    const demandId = await publishListing(db, buyer, staff, { kind: "demand", title: `需要物流轨迹数据 ${++n}`, sectors: ["transport"] });
    const matchId = await expressInterest(db, buyer, { myListingId: demandId, otherListingId: supplyId });
    await advanceMatch(db, seller, matchId, "accept");
    await advanceMatch(db, buyer, matchId, "agree");
    await advanceMatch(db, seller, matchId, "agree");
    return matchId;
  }

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    seller = await (await makeApprovedOrg(db, staff)).owner.actor();
    buyer = await (await makeApprovedOrg(db, staff, { type: "user" })).owner.actor();
    outsider = await (await makeApprovedOrg(db, staff)).owner.actor();
    supplyId = await publishListing(db, seller, staff, { title: "物流车辆轨迹数据", sectors: ["transport"] });
  });

  it("a party files an agreed deal once; it takes a YS-BA number of this year; others cannot file it", async () => {
    const matchId = await agreedDeal();
    expect(filingStateOf(await getMatchView(db, buyer, matchId))).toEqual({ number: null, canFile: true });
    // The secretariat reads along but does not file.
    expect(filingStateOf(await getMatchView(db, staff, matchId))).toEqual({ number: null, canFile: false });
    expect(await status(fileDeal(db, outsider, filing(matchId)))).toBe(404);
    expect(await status(fileDeal(db, null, filing(matchId)))).toBe(403);
    const number = await fileDeal(db, buyer, filing(matchId));
    expect(number).toMatch(new RegExp(`^YS-BA-${filingYear()}-\\d{6}$`));
    expect(filingStateOf(await getMatchView(db, seller, matchId))).toEqual({ number, canFile: false });
    expect(await status(fileDeal(db, seller, filing(matchId)))).toBe(409);
    const [row] = await db.selectFrom("deal_filings").select(["id"]).where("number", "=", number).execute();
    expect((await auditRows(db, row.id)).map((a) => a.action)).toEqual(["deal.filed"]);
  });

  it("concurrent filings take consecutive numbers, without gaps or duplicates, even when some are refused", async () => {
    const deals = await Promise.all(Array.from({ length: 8 }, () => agreedDeal()));
    const before = await db.selectFrom("deal_filing_counters").select("last_number").where("year", "=", filingYear()).executeTakeFirst();
    // Each deal filed twice at once (one by each party): one wins, the other is a 409 that must not use up a number.
    const attempts = deals.flatMap((id) => [fileDeal(db, buyer, filing(id)), fileDeal(db, seller, filing(id, { amount: 5 }))]);
    const results = await Promise.allSettled(attempts);
    const numbers = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { status?: number }).status] : []));
    expect(refused).toEqual(Array(8).fill(409));
    const seq = numbers.map((x) => Number(x.slice(-6))).sort((a, b) => a - b);
    const first = (before?.last_number ?? 0) + 1;
    expect(seq).toEqual(Array.from({ length: 8 }, (_, i) => first + i));
    const stored = await db.selectFrom("deal_filings").select("number").where("match_id", "in", deals).execute();
    expect(new Set(stored.map((s) => s.number)).size).toBe(8);
  });

  it("the certificate shows anyone with the number that the filing exists; the parties, amount and record only to the parties and the secretariat", async () => {
    const matchId = await agreedDeal();
    const number = await fileDeal(db, seller, filing(matchId, { amount: 98765.43 }));
    const publicView = await getFilingCertificate(db, null, number);
    expect(publicView.number).toBe(number);
    expect(publicView.status).toBe("filed");
    expect(publicView.details).toBeNull();
    expect(JSON.stringify(publicView)).not.toContain("98765");
    expect(JSON.stringify(publicView)).not.toContain(seller.org!.id);
    expect((await getFilingCertificate(db, outsider, number)).details).toBeNull();
    const mine = (await getFilingCertificate(db, buyer, number)).details;
    expect(mine).toMatchObject({ amount: 98765.43, termMonths: 12, deliveryMode: "api" });
    expect(mine?.supply.id).toBe(seller.org!.id);
    expect(mine?.demand.id).toBe(buyer.org!.id);
    expect((await getFilingCertificate(db, staff, number)).details?.amount).toBe(98765.43);
    expect(await status(getFilingCertificate(db, null, `YS-BA-${filingYear()}-999999`))).toBe(404);
  });
});
