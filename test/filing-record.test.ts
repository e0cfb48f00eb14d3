import { beforeAll, describe, expect, it } from "vitest";
import { PDFParse } from "pdf-parse";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { advanceMatch, expressInterest, rateCounterpart } from "../app/models/marketplace/deals.server";
import { fileDeal, getFilingCertificate, orgRatings } from "../app/models/trust/filings.server";
import { renderFilingPdf, type PdfLanguage } from "../app/models/trust/filing-pdf.server";
import { filingInputSchema } from "../app/models/trust/filing-schema";
import { getT } from "../app/i18n";
import { formatDate, formatDateTime, formatYuan } from "../app/lib/format";
import { dbForSuite } from "./helpers/db";
import { makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

const SELLER = "广州数链科技有限公司";
const BUYER = "南沙港航物流集团有限公司";

function language(locale: "zh-Hans" | "en"): PdfLanguage {
  const t = getT(locale);
  return {
    t: (key, options) => t(key, options),
    locale,
    name: (zh, en) => (locale === "en" && en ? en : zh),
    date: (d) => formatDate(d, locale),
    dateTime: (d) => formatDateTime(d, locale),
    yuan: (n) => formatYuan(n, locale),
  };
}

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe("the deal filing record (交易备案凭证)", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let seller: Actor;
  let buyer: Actor;
  let outsider: Actor;
  let matchId: string;
  let number: string;

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    seller = await (await makeApprovedOrg(db, staff, { nameZh: SELLER })).owner.actor();
    buyer = await (await makeApprovedOrg(db, staff, { type: "user", nameZh: BUYER, nameEn: "Nansha Port Logistics Group" })).owner.actor();
    outsider = await (await makeApprovedOrg(db, staff)).owner.actor();
    const supplyId = await publishListing(db, seller, staff, { title: "港区集卡轨迹数据", sectors: ["transport"] });
    const demandId = await publishListing(db, buyer, staff, { kind: "demand", title: "需要港区集卡轨迹数据", sectors: ["transport"] });
    matchId = await expressInterest(db, buyer, { myListingId: demandId, otherListingId: supplyId });
    await advanceMatch(db, seller, matchId, "accept");
    await advanceMatch(db, buyer, matchId, "agree");
    await advanceMatch(db, seller, matchId, "agree");
    number = await fileDeal(
      db,
      buyer,
      filingInputSchema.parse({ matchId, amount: 360000, termMonths: 24, deliveryMode: "privacy_computing", pricingTerms: "按季度结算" }),
    );
  });

  it("keeps both listings as agreed, their declarations, and each step's time, in order", async () => {
    const d = (await getFilingCertificate(db, seller, number)).details!;
    expect(d.record).not.toBeNull();
    const r = d.record!;
    expect(r.supplyListing).toMatchObject({ kind: "supply", title: "港区集卡轨迹数据", orgName: SELLER, version: 1 });
    expect(r.demandListing).toMatchObject({ kind: "demand", title: "需要港区集卡轨迹数据", orgName: BUYER });
    expect(Object.keys(r.supplyListing.compliance).sort()).toEqual(["crossBorder", "declaration", "importantData", "legalBasis", "personalInfo"]);
    const times = [r.steps.matched, r.steps.interested, r.steps.negotiating, r.steps.agreed, r.steps.filed];
    expect(times.every((x) => typeof x === "string")).toBe(true);
    const ms = times.map((x) => Date.parse(x!));
    expect([...ms].sort((a, b) => a - b)).toEqual(ms);
    // A later edit of a listing does not change what was filed.
    await db.updateTable("listings").set({ title: "改过的标题" }).where("id", "=", r.supplyListing.id).execute();
    expect((await getFilingCertificate(db, staff, number)).details!.record!.supplyListing.title).toBe("港区集卡轨迹数据");
  });

  it("the PDF, read back by a PDF parser, carries the number and the parties' Chinese names for a party; the public PDF only the number", async () => {
    const partyPdf = await renderFilingPdf(await getFilingCertificate(db, buyer, number), language("zh-Hans"));
    expect(partyPdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = (await pdfText(partyPdf)).replace(/\s+/g, "");
    expect(text).toContain(number);
    expect(text).toContain(SELLER);
    expect(text).toContain(BUYER);
    expect(text).toContain("交易备案凭证");
    expect(text).toContain("隐私计算");

    const publicText = (await pdfText(await renderFilingPdf(await getFilingCertificate(db, null, number), language("en")))).replace(/\s+/g, "");
    expect(publicText).toContain(number);
    expect(publicText).toContain("Dealfilingcertificate");
    expect(publicText).not.toContain(SELLER);
    expect(publicText).not.toContain("360");
    const outsiderText = await pdfText(await renderFilingPdf(await getFilingCertificate(db, outsider, number), language("zh-Hans")));
    expect(outsiderText).not.toContain(BUYER);
  });

  it("ratings after the filed deal show on both organisations' pages with the filing number; the comment only to the deal's parties and the secretariat", async () => {
    await rateCounterpart(db, buyer, matchId, 5, "数据质量很好，交付及时");
    await rateCounterpart(db, seller, matchId, 4, null);
    const sellerPage = await orgRatings(db, null, seller.org!.id);
    expect(sellerPage).toMatchObject({ count: 1, average: 5 });
    expect(sellerPage.recent).toEqual([expect.objectContaining({ score: 5, filingNumber: number, fromName: BUYER, comment: null, commentHidden: true })]);
    expect((await orgRatings(db, outsider, seller.org!.id)).recent[0].comment).toBeNull();
    expect((await orgRatings(db, seller, seller.org!.id)).recent[0].comment).toBe("数据质量很好，交付及时");
    expect((await orgRatings(db, buyer, seller.org!.id)).recent[0].comment).toBe("数据质量很好，交付及时");
    expect((await orgRatings(db, staff, seller.org!.id)).recent[0].comment).toBe("数据质量很好，交付及时");
    expect(await orgRatings(db, null, buyer.org!.id)).toMatchObject({ count: 1, average: 4 });

    // A rating of an agreed deal not yet filed does not count.
    const other = await makeApprovedOrg(db, staff, { type: "user" });
    const otherActor = await other.owner.actor();
    const demandId = await publishListing(db, otherActor, staff, { kind: "demand", title: "需要港区集卡数据二", sectors: ["transport"] });
    const supply = (await getFilingCertificate(db, seller, number)).details!.record!.supplyListing.id;
    const unfiled = await expressInterest(db, otherActor, { myListingId: demandId, otherListingId: supply });
    await advanceMatch(db, seller, unfiled, "accept");
    await advanceMatch(db, otherActor, unfiled, "agree");
    await advanceMatch(db, seller, unfiled, "agree");
    await rateCounterpart(db, otherActor, unfiled, 1, "不计入");
    expect(await orgRatings(db, null, seller.org!.id)).toMatchObject({ count: 1, average: 5 });
  });
});
