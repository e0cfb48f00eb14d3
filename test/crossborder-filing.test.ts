import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { advanceMatch, expressInterest } from "../app/models/marketplace/deals.server";
import { fileDeal, filingDraft, getFilingCertificate } from "../app/models/trust/filings.server";
import { filingInputSchema } from "../app/models/trust/filing-schema";
import { dbForSuite } from "./helpers/db";
import { makeApprovedOrg, makeUser } from "./helpers/fixtures";
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
    buyer = await (await makeApprovedOrg(db, staff, { type: "research" })).owner.actor();
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

  it("the step is one of the known ones, or a 400 on the field", () => {
    expect(
      filingInputSchema.safeParse({ matchId: crypto.randomUUID(), amount: 1, termMonths: 1, deliveryMode: "api", crossBorderStep: "waved_through" }).success,
    ).toBe(false);
  });
});
