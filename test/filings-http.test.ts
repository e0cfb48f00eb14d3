import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { advanceMatch, expressInterest } from "../app/models/marketplace/deals.server";
import { dbForSuite } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

describe("deal filings over HTTP", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let seller: { email: string; actor: () => Promise<Actor> };
  let buyer: { email: string; actor: () => Promise<Actor> };
  let matchId: string;

  beforeAll(async () => {
    db = t.db;
    const staff = await (await makeUser(db, { role: "secretariat" })).actor();
    seller = (await makeApprovedOrg(db, staff)).owner;
    buyer = (await makeApprovedOrg(db, staff, { type: "user" })).owner;
    const supplyId = await publishListing(db, await seller.actor(), staff, { title: "园区能耗监测数据", sectors: ["energy"] });
    const demandId = await publishListing(db, await buyer.actor(), staff, { kind: "demand", title: "需要园区能耗数据", sectors: ["energy"] });
    matchId = await expressInterest(db, await buyer.actor(), { myListingId: demandId, otherListingId: supplyId });
    await advanceMatch(db, await seller.actor(), matchId, "accept");
    await advanceMatch(db, await buyer.actor(), matchId, "agree");
    await advanceMatch(db, await seller.actor(), matchId, "agree");
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close();
  });

  async function signedIn(who: { email: string }, lang = "en"): Promise<HttpClient> {
    const c = app.client(lang);
    await c.signIn(who.email, PASSWORD);
    return c;
  }

  it("a party files the agreed deal through the form; refusals come back in the reader's language", async () => {
    const c = await signedIn(buyer);
    expect(await (await c.get(`/matches/${matchId}`)).text()).toContain(`/filings/new?match=${matchId}`);
    expect((await c.get(`/filings/new?match=${matchId}`)).status).toBe(200);
    const bad = await c.post(`/filings/new?_data=${encodeURIComponent("routes/filings.new")}`, { matchId, amount: "-5", termMonths: "", deliveryMode: "" });
    expect(bad.status).toBe(400);
    const reply = (await bad.json()) as { error: Record<string, string[]> };
    expect(reply.error.amount).toEqual(["Enter a valid non-negative number"]);
    expect(reply.error.termMonths).toEqual(["This field is required"]);
    expect(reply.error.deliveryMode).toEqual(["Choose one of the options"]);

    const res = await c.post("/filings/new", { matchId, amount: "250000", termMonths: "24", deliveryMode: "privacy_computing", pricingTerms: "" });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/filings\/YS-BA-\d{4}-000001$/);
    const number = location.split("/").pop()!;
    expect(await (await c.get(`/matches/${matchId}`)).text()).toContain(`/filings/${number}`);
    expect((await c.get(`/filings/new?match=${matchId}`)).status).toBe(409);

    // The certificate: anyone with the number sees the parties; only the parties see the amount.
    const visitor = await app.client("en").get(`/filings/${number}`);
    expect(visitor.status).toBe(200);
    const publicHtml = await visitor.text();
    expect(publicHtml).toContain(number);
    expect(publicHtml).not.toContain('data-testid="filing-amount"');
    expect(await (await (await signedIn(seller)).get(`/filings/${number}`)).text()).toContain('data-testid="filing-amount"');
    expect((await app.client("en").get("/filings/YS-BA-2026-12")).status).toBe(404);
  });
});
