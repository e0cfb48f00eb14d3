import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { advanceMatch, expressInterest } from "../app/models/marketplace/deals.server";
import { fileDeal, filingDraft, getFilingCertificate } from "../app/models/trust/filings.server";
import { filingInputSchema } from "../app/models/trust/filing-schema";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { startTestApp } from "./helpers/app";
import { publishListing } from "./helpers/listings";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { status?: number; messageKey?: string }) => `${e.status} ${e.messageKey}`,
  );

const filing = (matchId: string, over: Record<string, unknown> = {}) =>
  filingInputSchema.parse({ matchId, amount: 50000, termMonths: 12, deliveryMode: "api", ...over });

/** Issue 35: a deal on a cross-border listing names the step its route has reached before it is filed, and the record keeps it. */
describe("filing a cross-border deal", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let seller: Actor;
  let buyer: Actor;
  let buyerEmail: string;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let n = 0;

  async function agreedDeal(supplyId: string): Promise<string> {
    const demandId = await publishListing(db, buyer, staff, { kind: "demand", title: `需要港口作业数据 ${++n}`, sectors: ["transport"] });
    const matchId = await expressInterest(db, buyer, { myListingId: demandId, otherListingId: supplyId });
    await advanceMatch(db, seller, matchId, "accept");
    await advanceMatch(db, buyer, matchId, "agree");
    await advanceMatch(db, seller, matchId, "agree");
    return matchId;
  }

  const flow = {
    direction: "to_hong_kong",
    people: 0,
    sensitivePeople: 0,
    researchData: false,
    ciio: false,
    processorInGba: true,
    exemption: null,
    recipientKind: "research",
    purpose: "联合研究",
  };

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    seller = await (await makeApprovedOrg(db, staff)).owner.actor();
    const b = (await makeApprovedOrg(db, staff, { type: "research" })).owner;
    buyer = await b.actor();
    buyerEmail = b.email;
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close();
  });

  it("important data going to Hong Kong: the form asks for the assessment, filing without it is refused, with it the record keeps route and step", async () => {
    const supplyId = await publishListing(db, seller, staff, {
      title: "港口作业重要数据",
      sectors: ["transport"],
      compliance: { personalInfo: false, legalBasis: null, importantData: true, crossBorder: true, declaration: "已识别为重要数据" },
      crossBorderFlow: flow,
    });
    const stored = await db.selectFrom("crossborder_declarations").select("route").where("listing_id", "=", supplyId).executeTakeFirstOrThrow();
    expect(stored.route).toBe("security_assessment");
    const matchId = await agreedDeal(supplyId);
    expect((await filingDraft(db, buyer, matchId)).crossBorder).toEqual({ route: "security_assessment", steps: ["assessment_passed"] });

    expect(await refusal(fileDeal(db, buyer, filing(matchId)))).toBe("409 trust.errors.crossBorderStep");
    expect(await refusal(fileDeal(db, buyer, filing(matchId, { crossBorderStep: "contract_signed" })))).toBe("409 trust.errors.crossBorderStep");
    expect(await db.selectFrom("deal_filings").select("number").where("match_id", "=", matchId).executeTakeFirstOrThrow()).toEqual({ number: null });

    const number = await fileDeal(db, buyer, filing(matchId, { crossBorderStep: "assessment_passed" }));
    const cert = await getFilingCertificate(db, seller, number);
    expect(cert.details?.record?.crossBorder).toEqual({ route: "security_assessment", step: "assessment_passed" });
  });

  it("a deal on a listing without a cross-border flow files as before, and its record says so", async () => {
    const supplyId = await publishListing(db, seller, staff, { title: "本地物流数据", sectors: ["transport"] });
    const matchId = await agreedDeal(supplyId);
    expect((await filingDraft(db, buyer, matchId)).crossBorder).toBeNull();
    const number = await fileDeal(db, buyer, filing(matchId));
    expect((await getFilingCertificate(db, buyer, number)).details?.record?.crossBorder).toBeNull();
  });

  it("over HTTP, in Traditional Chinese: the form asks for the step, refuses without it on the field, and the certificate shows route and step", async () => {
    const supplyId = await publishListing(db, seller, staff, {
      title: "港口作業重要數據（表單）",
      sectors: ["transport"],
      compliance: { personalInfo: false, legalBasis: null, importantData: true, crossBorder: true, declaration: "已识别为重要数据" },
      crossBorderFlow: flow,
    });
    const matchId = await agreedDeal(supplyId);
    const c = app.client("zh-HK");
    await c.signIn(buyerEmail, PASSWORD);
    const form = await (await c.get(`/filings/new?match=${matchId}`)).text();
    expect(form).toContain("跨境路徑已完成的步驟");
    expect(form).toContain('value="assessment_passed"');
    const fields = { matchId, amount: "80000", termMonths: "12", deliveryMode: "api", pricingTerms: "" };
    const refused = await c.post(`/filings/new?_data=${encodeURIComponent("routes/filings.new")}`, fields);
    expect(refused.status).toBe(409);
    const reply = (await refused.json()) as { error: Record<string, string[]> };
    expect(reply.error.crossBorderStep).toEqual(["該交易涉及跨境數據：請先說明跨境路徑已完成的步驟，再行備案。"]);
    const filed = await c.post("/filings/new", { ...fields, crossBorderStep: "assessment_passed" });
    expect(filed.status).toBe(302);
    const certificate = await (await c.get(filed.headers.get("location")!)).text();
    expect(certificate).toContain("已通過數據出境安全評估");
  });

  it("the step is one of the known ones, or a 400 on the field", () => {
    expect(
      filingInputSchema.safeParse({ matchId: crypto.randomUUID(), amount: 1, termMonths: 1, deliveryMode: "api", crossBorderStep: "waved_through" }).success,
    ).toBe(false);
  });
});
