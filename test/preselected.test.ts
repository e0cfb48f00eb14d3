import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { advanceMatch, expressInterest } from "../app/models/marketplace/deals.server";
import { createScenario } from "../app/models/scenarios/scenarios.server";
import { requestStageChange } from "../app/models/scenarios/consent.server";
import { scenarioInputSchema } from "../app/models/scenarios/scenario-schema";
import { dbForSuite } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

/**
 * Issue 28: no delivery mode or other choice is made for the user. Every post form of the pages
 * below is read as served: no radio is checked, no delivery mode ticked, and every select of a
 * post form starts on its empty "please choose" option; an empty choice is refused in words.
 */

interface Found {
  form: string;
  name: string;
  kind: "radio" | "checkbox" | "select";
  chosen: string | null;
}

/** What the served HTML of each post form has chosen before the user does anything. */
function presetChoices(html: string): Found[] {
  const out: Found[] = [];
  for (const [, attrs, inner] of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if (!/method="post"/i.test(attrs)) continue;
    const form = /action="([^"]*)"/.exec(attrs)?.[1] ?? "";
    for (const [tag] of inner.matchAll(/<input\b[^>]*>/gi)) {
      const type = /type="(radio|checkbox)"/i.exec(tag)?.[1] as "radio" | "checkbox" | undefined;
      if (!type || !/\schecked(=""|\s|>|\/)/i.test(tag)) continue;
      out.push({ form, name: /name="([^"]*)"/.exec(tag)?.[1] ?? "", kind: type, chosen: /value="([^"]*)"/.exec(tag)?.[1] ?? "on" });
    }
    for (const [, selAttrs, options] of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      if (/\smultiple/i.test(selAttrs)) continue;
      const all = [...options.matchAll(/<option\b([^>]*)>/gi)].map(([, a]) => ({
        value: /value="([^"]*)"/.exec(a)?.[1] ?? "",
        selected: /\sselected/i.test(a),
      }));
      // A browser shows the selected option, or the first one when none is marked.
      const shown = all.find((o) => o.selected) ?? all[0];
      out.push({ form, name: /name="([^"]*)"/.exec(selAttrs)?.[1] ?? "", kind: "select", chosen: shown?.value ?? null });
    }
  }
  return out;
}

/** The choices a page made for its reader: ticked radios, ticked delivery modes, selects not on "please choose". */
const madeForTheUser = (html: string) =>
  presetChoices(html).filter((f) => f.kind === "radio" || (f.kind === "select" && f.chosen !== "") || (f.kind === "checkbox" && f.name === "deliveryModes"));

describe("no choice is preselected for the user", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let staffUser: { email: string; actor: () => Promise<Actor> };
  let seller: { email: string; actor: () => Promise<Actor> };
  let buyer: { email: string; actor: () => Promise<Actor> };
  let sellerOrgId: string;
  let supplyId: string;
  let matchId: string;
  let scenarioId: string;

  beforeAll(async () => {
    db = t.db;
    staffUser = await makeUser(db, { role: "secretariat" });
    const staff = await staffUser.actor();
    const s = await makeApprovedOrg(db, staff);
    seller = s.owner;
    sellerOrgId = s.orgId;
    buyer = (await makeApprovedOrg(db, staff, { type: "user" })).owner;
    supplyId = await publishListing(db, await seller.actor(), staff, { title: "园区能耗监测数据", sectors: ["energy"] });
    const demandId = await publishListing(db, await buyer.actor(), staff, { kind: "demand", title: "需要园区能耗数据", sectors: ["energy"] });
    await publishListing(db, await buyer.actor(), staff, { kind: "demand", title: "需要园区用水数据", sectors: ["energy"] });
    matchId = await expressInterest(db, await buyer.actor(), { myListingId: demandId, otherListingId: supplyId });
    await advanceMatch(db, await seller.actor(), matchId, "accept");
    await advanceMatch(db, await buyer.actor(), matchId, "agree");
    await advanceMatch(db, await seller.actor(), matchId, "agree");
    scenarioId = await createScenario(
      db,
      await seller.actor(),
      scenarioInputSchema.parse({
        title: "园区能耗优化场景",
        sector: "energy",
        region: "nansha",
        problem: "园区企业能耗数据分散，难以统一调度。",
        deliveryModes: ["api"],
      }),
    );
    await requestStageChange(db, await seller.actor(), scenarioId, { to: "pilot", evidence: "试点协议已签署，首批数据已联调。", evidenceUrl: null });
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

  it("the detector sees a checked radio and a select left on a real option", () => {
    const html =
      '<form method="post"><input type="radio" name="mode" value="api" checked=""/><select name="grade"><option value="">Choose…</option><option value="general" selected="">General</option></select></form>';
    expect(madeForTheUser(html).map((f) => f.name)).toEqual(["mode", "grade"]);
    expect(madeForTheUser('<form method="post"><select name="kind"><option value="supply">Supply</option></select></form>')).toHaveLength(1);
    expect(
      madeForTheUser('<form method="post"><select name="kind"><option value="">Choose…</option><option value="supply">Supply</option></select></form>'),
    ).toEqual([]);
  });

  it("the new-listing, new-scenario, new-group, filing, invitation, interest, rating and sign-off forms start with nothing chosen", async () => {
    const member = await signedIn(seller);
    const other = await signedIn(buyer);
    const staff = await signedIn(staffUser);
    const pages: [HttpClient, string][] = [
      [member, "/listings/new"],
      [member, "/scenarios/new"],
      [staff, "/groups/new"],
      [member, `/filings/new?match=${matchId}`],
      [member, `/orgs/${sellerOrgId}`],
      [member, `/matches/${matchId}`],
      [other, `/listings/${supplyId}`],
      [staff, `/scenarios/${scenarioId}`],
    ];
    for (const [client, path] of pages) {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(presetChoices(html).length, `${path} offers a choice`).toBeGreaterThan(0);
      expect(madeForTheUser(html), path).toEqual([]);
    }
  });

  it("a required choice left empty is asked for in the user's language", async () => {
    const c = await signedIn(seller, "zh-CN");
    const res = await c.postData("/listings/new", { title: "园区能耗监测数据二期", intent: "draft" });
    expect(res.status).toBe(400);
    const body = res.body as { fieldErrors: Record<string, string> };
    expect(body.fieldErrors.kind).toBe("请从列表中选择");
    expect(body.fieldErrors.pricingModel).toBe("请从列表中选择");
    const en = await signedIn(seller);
    const filing = await en.post(`/filings/new?_data=${encodeURIComponent("routes/filings.new")}`, {
      matchId,
      amount: "100",
      termMonths: "12",
      deliveryMode: "",
    });
    expect(filing.status).toBe(400);
    expect(((await filing.json()) as { error: Record<string, string[]> }).error.deliveryMode).toEqual(["Choose one of the options"]);
  });
});
