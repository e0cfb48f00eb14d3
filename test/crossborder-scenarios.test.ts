import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { CROSSBORDER_AREAS } from "../db/vocabulary/crossborder-areas";
import { scenarioInputSchema } from "../app/models/scenarios/scenario-schema";
import { createEdition, publishEdition, setCatalogEntry } from "../app/models/scenarios/catalog.server";
import { createScenario } from "../app/models/scenarios/scenarios.server";
import { listCrossBorderScenarios } from "../app/models/crossborder/scenarios.server";
import { dbForSuite } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";

/**
 * Issue 35, scenarios of mutual recognition: a scenario is tagged with the areas of the Nansha
 * cross-border pilot (policy item 二十) on its form; its page, the scenario list and the catalogue
 * show the tags in three languages; the secretariat's monitoring view and its CSV list them.
 */
function form(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body;
}

const FORM = {
  title: "粤港食品安全追溯数据互认",
  titleEn: "Guangdong-Hong Kong mutual recognition of food safety tracing data",
  sector: "agriculture",
  region: "nansha",
  problem: "供港食品在两地重复抽检、重复提交溯源证明，通关慢。需要两地食品安全与产品溯源数据按统一规则互认。",
  deliveryModes: ["verification"],
  crossborderAreas: ["food_safety", "product_tracing"],
};

describe("scenarios of cross-border mutual recognition", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let staff: Actor;
  let staffUser: { email: string; actor: () => Promise<Actor> };
  let owner: { email: string; actor: () => Promise<Actor> };
  let scenarioId: string;
  beforeAll(async () => {
    db = t.db;
    staffUser = await makeUser(db, { role: "secretariat" });
    staff = await staffUser.actor();
    owner = (await makeApprovedOrg(db, staff, { region: "nansha" })).owner;
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close();
  });

  async function signedIn(who: { email: string }, lang: string): Promise<HttpClient> {
    const c = app.client(lang);
    await c.signIn(who.email, PASSWORD);
    return c;
  }

  it("the database holds the column to the six areas of the vocabulary, never an empty list", async () => {
    const { rows } = await sql<{ def: string }>`
      select pg_get_constraintdef(c.oid) as def from pg_constraint c
      where c.conrelid = 'scenarios'::regclass and c.contype = 'c' and pg_get_constraintdef(c.oid) like '%crossborder_areas%'`.execute(db);
    expect(rows).toHaveLength(1);
    expect([...rows[0].def.matchAll(/'([^']*)'/g)].map((m) => m[1]).sort()).toEqual([...CROSSBORDER_AREAS].sort());
    const id = await createScenario(db, await owner.actor(), scenarioInputSchema.parse({ ...FORM, title: "约束检查用场景", crossborderAreas: [] }));
    expect((await db.selectFrom("scenarios").select("crossborder_areas").where("id", "=", id).executeTakeFirstOrThrow()).crossborder_areas).toBeNull();
    for (const bad of [sql`'{}'::text[]`, sql`array['tourism']::text[]`]) {
      await expect(sql`update scenarios set crossborder_areas = ${bad} where id = ${id}`.execute(db)).rejects.toThrow(/check/i);
    }
  });

  it("the form offers the six areas, none ticked; a member tags a scenario and its page shows the tags in three languages", async () => {
    for (const [lang, label, area] of [
      ["zh-CN", "跨境互认领域", "商事登记"],
      ["zh-HK", "跨境互認領域", "商事登記"],
      ["en", "Cross-border mutual recognition", "Business registration"],
    ]) {
      const html = await (await (await signedIn(owner, lang)).get("/scenarios/new")).text();
      expect(html).toContain(label);
      expect(html).toContain(area);
      expect(html.match(/name="crossborderAreas"/g)).toHaveLength(CROSSBORDER_AREAS.length);
      expect(html).not.toMatch(/<input[^>]*name="crossborderAreas"[^>]*checked/);
    }
    const res = await (await signedIn(owner, "zh-CN")).request("/scenarios/new", { method: "POST", body: form(FORM) });
    expect(res.status).toBe(302);
    scenarioId = res.headers.get("location")!.split("/").pop()!;
    const row = await db.selectFrom("scenarios").select("crossborder_areas").where("id", "=", scenarioId).executeTakeFirstOrThrow();
    expect(row.crossborder_areas).toEqual(["food_safety", "product_tracing"]);

    const pages = {
      "zh-CN": ["跨境互认领域", "食品安全", "产品溯源"],
      "zh-HK": ["跨境互認領域", "食品安全", "產品溯源"],
      en: ["Cross-border mutual recognition", "Food safety", "Product tracing"],
    };
    for (const [lang, words] of Object.entries(pages)) {
      const html = await (await app.client(lang).get(`/scenarios/${scenarioId}`)).text();
      const tags = /data-testid="crossborder-areas"[\s\S]*?<\/dd>/.exec(html)?.[0] ?? "";
      for (const w of words.slice(1)) expect(tags).toContain(w);
      expect(html).toContain(words[0]);
      const list = await (await app.client(lang).get("/scenarios?region=nansha")).text();
      expect(list).toMatch(new RegExp(`/scenarios/${scenarioId}[\\s\\S]*data-testid="crossborder-areas"[\\s\\S]*${words[1]}`));
    }
  });

  it("refuses an area outside the policy's six with a message in the user's language; untagging empties the column", async () => {
    for (const [lang, message] of [
      ["en", "Choose one of the options"],
      ["zh-CN", "请从列表中选择"],
    ]) {
      const c = await signedIn(owner, lang);
      const res = await c.request(`/scenarios/new?_data=${encodeURIComponent("routes/scenarios.new")}`, {
        method: "POST",
        body: form({ ...FORM, crossborderAreas: ["food_safety", "tourism"] }),
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(message);
    }
    const other = await createScenario(db, await owner.actor(), scenarioInputSchema.parse({ ...FORM, title: "先跨境后取消的场景" }));
    const edit = await (
      await signedIn(owner, "en")
    ).request(`/scenarios/${other}/edit`, {
      method: "POST",
      body: form({ ...FORM, title: "先跨境后取消的场景", crossborderAreas: [] }),
    });
    expect(edit.status).toBe(302);
    expect((await db.selectFrom("scenarios").select("crossborder_areas").where("id", "=", other).executeTakeFirstOrThrow()).crossborder_areas).toBeNull();
    const html = await (await app.client("en").get(`/scenarios/${other}`)).text();
    expect(html).not.toContain('data-testid="crossborder-areas"');
  });

  it("the catalogue shows the tags of a cross-border scenario", async () => {
    const editionId = await createEdition(db, staff, { year: 2031, title: "2031 年场景推荐目录", intro: "跨境互认场景的推荐目录。" });
    await setCatalogEntry(db, staff, editionId, scenarioId, true);
    await publishEdition(db, staff, editionId);
    const hant = await (await app.client("zh-HK").get("/catalog/2031")).text();
    expect(hant).toMatch(/data-testid="crossborder-areas"[\s\S]*食品安全[\s\S]*產品溯源/);
    const en = await (await app.client("en").get("/catalog/2031")).text();
    expect(en).toMatch(/data-testid="crossborder-areas"[\s\S]*Food safety[\s\S]*Product tracing/);
  });

  it("the secretariat's monitoring view and its CSV list the cross-border scenarios; members are refused", async () => {
    const rows = await listCrossBorderScenarios(db, staff);
    expect(rows.map((r) => r.scenarioId)).toContain(scenarioId);
    expect(rows.every((r) => r.areas.length > 0)).toBe(true);
    const en = await signedIn(staffUser, "en");
    const page = await (await en.get("/admin/crossborder")).text();
    expect(page).toMatch(
      /data-testid="crossborder-scenarios"[\s\S]*Guangdong-Hong Kong mutual recognition of food safety tracing data[\s\S]*Food safety、Product tracing/,
    );
    const csv = await en.get("/admin/crossborder.csv?of=scenarios");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain("crossborder-scenarios.csv");
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toContain("Scenario,Organisation,Cross-border mutual recognition,Stage");
    expect(text).toContain(`Food safety; Product tracing`);
    expect(text).toContain(scenarioId);
    const hant = await (await (await signedIn(staffUser, "zh-HK")).get("/admin/crossborder.csv?of=scenarios")).text();
    expect(hant).toContain("食品安全; 產品溯源");
    for (const path of ["/admin/crossborder", "/admin/crossborder.csv?of=scenarios"]) {
      expect((await (await signedIn(owner, "en")).get(path)).status).toBe(403);
    }
  });
});
