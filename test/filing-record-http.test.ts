import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PDFParse } from "pdf-parse";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { advanceMatch, expressInterest, rateCounterpart } from "../app/models/marketplace/deals.server";
import { fileDeal } from "../app/models/trust/filings.server";
import { filingInputSchema } from "../app/models/trust/filing-schema";
import { dbForSuite } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

const SELLER = "广州穗能数据服务有限公司";
const BUYER = "佛山智造园区运营有限公司";

async function pdfText(res: Response): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, "");
  } finally {
    await parser.destroy();
  }
}

describe("the filing record over HTTP: page, PDF and ratings on the organisations' pages", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let seller: { email: string; actor: () => Promise<Actor> };
  let buyer: { email: string; actor: () => Promise<Actor> };
  let sellerOrgId: string;
  let number: string;

  beforeAll(async () => {
    db = t.db;
    const staff = await (await makeUser(db, { role: "secretariat" })).actor();
    const s = await makeApprovedOrg(db, staff, { nameZh: SELLER });
    seller = s.owner;
    sellerOrgId = s.orgId;
    buyer = (await makeApprovedOrg(db, staff, { type: "user", nameZh: BUYER })).owner;
    const supplyId = await publishListing(db, await seller.actor(), staff, { title: "园区光伏发电数据", sectors: ["energy"] });
    const demandId = await publishListing(db, await buyer.actor(), staff, { kind: "demand", title: "需要园区光伏发电数据", sectors: ["energy"] });
    const matchId = await expressInterest(db, await buyer.actor(), { myListingId: demandId, otherListingId: supplyId });
    await advanceMatch(db, await seller.actor(), matchId, "accept");
    await advanceMatch(db, await buyer.actor(), matchId, "agree");
    await advanceMatch(db, await seller.actor(), matchId, "agree");
    number = await fileDeal(
      db,
      await buyer.actor(),
      filingInputSchema.parse({ matchId, amount: 480000, termMonths: 36, deliveryMode: "api", pricingTerms: null }),
    );
    await rateCounterpart(db, await buyer.actor(), matchId, 4, "接口稳定，文档清楚");
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close();
  });

  async function signedIn(who: { email: string }, lang = "zh-CN"): Promise<HttpClient> {
    const c = app.client(lang);
    await c.signIn(who.email, PASSWORD);
    return c;
  }

  it("a party downloads the PDF with the number and both names; the public PDF and page show only that the filing exists", async () => {
    const party = await signedIn(seller);
    const page = await (await party.get(`/filings/${number}`)).text();
    expect(page).toContain('data-testid="filing-record"');
    expect(page).toContain(`/filings/${number}/pdf`);
    const res = await party.get(`/filings/${number}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = await pdfText(res);
    expect(text).toContain(number);
    expect(text).toContain(SELLER);
    expect(text).toContain(BUYER);

    const visitor = app.client("zh-CN");
    const publicPage = await (await visitor.get(`/filings/${number}`)).text();
    expect(publicPage).toContain(number);
    expect(publicPage).not.toContain(SELLER);
    expect(publicPage).not.toContain('data-testid="filing-amount"');
    const publicPdf = await visitor.get(`/filings/${number}/pdf`);
    expect(publicPdf.status).toBe(200);
    const publicText = await pdfText(publicPdf);
    expect(publicText).toContain(number);
    expect(publicText).not.toContain(SELLER);
    expect((await visitor.get("/filings/YS-BA-2026-999999/pdf")).status).toBe(404);
    expect((await visitor.get("/filings/not-a-number/pdf")).status).toBe(404);
  });

  it("the rated organisation's page shows the rating with the filing number; the comment only to the parties", async () => {
    const publicPage = await (await app.client("en").get(`/orgs/${sellerOrgId}`)).text();
    expect(publicPage).toMatch(/data-testid="ratings-summary"[^>]*>Average 4\.0 of 5 from 1 ratings/);
    expect(publicPage).toContain(`/filings/${number}`);
    expect(publicPage).not.toContain("接口稳定");
    expect(await (await (await signedIn(buyer, "en")).get(`/orgs/${sellerOrgId}`)).text()).toContain("接口稳定，文档清楚");
    const profile = await app.client("en").get(`/enterprises/${sellerOrgId}`);
    expect(profile.status).toBe(200);
    const profileHtml = await profile.text();
    expect(profileHtml).toContain('data-testid="filing-ratings"');
    expect(profileHtml).toContain(`/filings/${number}`);
    expect(profileHtml).not.toContain("接口稳定");
  });
});
