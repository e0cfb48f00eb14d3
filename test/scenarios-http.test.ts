import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { scenarioInputSchema } from "../app/models/scenarios/scenario-schema";
import { createEdition, publishEdition, setCatalogEntry } from "../app/models/scenarios/catalog.server";
import { createScenario } from "../app/models/scenarios/scenarios.server";
import { decideStageRequest, requestStageChange } from "../app/models/scenarios/consent.server";
import { dbForSuite } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";
import type { Wire } from "./helpers/wire";

/** The scenario form as a browser sends it: repeated fields for multi-selects and checkboxes. */
function form(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body;
}

const FORM = {
  title: "社区养老服务需求预测",
  sector: "health",
  region: "gz_haizhu",
  problem: "社区养老服务供给与老年人需求错配，需要结合人口与医疗数据预测需求。",
  dataDescription: "人口统计与门诊数据（聚合）",
  deliveryModes: ["privacy_computing", "report"],
  results: "服务覆盖老人 | 12,000 | 人\n需求预测准确率 | 85 | %",
  imageUrls: "/img/scenarios/imaging.svg",
};

/** Posts to a route's action and reads its JSON, with the route id Remix expects. */
async function postAction(c: HttpClient, path: string, routeId: string, fields: Record<string, string | string[]>) {
  const res = await c.request(`${path}?_data=${encodeURIComponent(routeId)}`, { method: "POST", body: form(fields) });
  return {
    status: res.status,
    location: res.headers.get("x-remix-redirect") ?? res.headers.get("location"),
    body: (await res.json().catch(() => null)) as Wire,
  };
}

describe("application scenarios over HTTP", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let staff: Actor;
  let staffUser: { email: string };
  let owner: { email: string; actor: () => Promise<Actor> };
  let rival: { email: string; actor: () => Promise<Actor> };
  let rivalOrgId: string;
  beforeAll(async () => {
    db = t.db;
    const s = await makeUser(db, { role: "secretariat" });
    staffUser = s;
    staff = await s.actor();
    owner = (await makeApprovedOrg(db, staff)).owner;
    const r = await makeApprovedOrg(db, staff, { type: "research" });
    rival = r.owner;
    rivalOrgId = r.orgId;
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

  it("a member publishes through the form; the page shows figures, participants, linked listings and images", async () => {
    const listingId = await publishListing(db, await rival.actor(), staff, { title: "海珠区人口结构统计数据" });
    const c = await signedIn(owner);
    expect((await c.get("/scenarios/new")).status).toBe(200);
    const res = await c.request("/scenarios/new", { method: "POST", body: form({ ...FORM, listingIds: listingId, participantOrgIds: rivalOrgId }) });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/").pop()!;
    // Named, the research institute is only invited: shown nowhere until a manager of it confirms.
    expect(await (await app.client("en").get(`/scenarios/${id}`)).text()).not.toContain('data-testid="participants"');
    const answered = await postAction(await signedIn(rival), `/scenarios/${id}`, "routes/scenarios.$id", { intent: "answer", answer: "confirm" });
    expect(answered.status).toBe(204);
    const html = await (await app.client("en").get(`/scenarios/${id}`)).text();
    expect(html).toContain("社区养老服务需求预测");
    expect(html).toMatch(/data-testid="figures"[\s\S]*12,000[\s\S]*服务覆盖老人/);
    expect(html).toMatch(/data-testid="participants"[\s\S]*Research institute/);
    expect(html).toMatch(/data-testid="scenario-listings"[\s\S]*海珠区人口结构统计数据/);
    expect(html).toContain('src="/img/scenarios/imaging.svg"');
    expect(html).toContain("Raw data stays in its domain");
    // Listed, searchable, filterable through the URL.
    const list = await (await app.client("en").get(`/scenarios?q=${encodeURIComponent("養老")}&sector=health&orgType=research`)).text();
    expect(list).toContain(`/scenarios/${id}`);
    expect(list).toMatch(/<mark>养老<\/mark>/);
    const none = await (await app.client("en").get("/scenarios?sector=agriculture")).text();
    expect(none).toContain("No scenario matches these filters; try fewer.");
  });

  it("refuses bad input with 400 and field messages in the user's language, keeping what was typed", async () => {
    const c = await signedIn(owner);
    const bad = await postAction(c, "/scenarios/new", "routes/scenarios.new", {
      ...FORM,
      sector: "moon",
      deliveryModes: ["teleport"],
      imageUrls: "http://example.com/insecure.jpg",
      title: "长".repeat(121),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.sector).toBe("Choose one of the options");
    expect(bad.body.fieldErrors["deliveryModes.0"]).toBe("Choose one of the options");
    expect(bad.body.fieldErrors["imageUrls.0"]).toBe("Upload the image instead of linking to another site");
    expect(bad.body.fieldErrors.title).toBe("At most 120 characters");
    expect(bad.body.values.problem).toBe(FORM.problem);
    const tooMany = await postAction(c, "/scenarios/new", "routes/scenarios.new", {
      ...FORM,
      imageUrls: Array.from({ length: 7 }, (_, i) => `/img/scenarios/s${i}.svg`),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fieldErrors.imageUrls).toBe("At most 6 items");
    const figures = await postAction(c, "/scenarios/new", "routes/scenarios.new", { ...FORM, results: "准确率 | 很高 | %" });
    expect(figures.status).toBe(400);
    expect(figures.body.fieldErrors["results.0.value"]).toBe("Enter a number");
    const zh = await signedIn(owner, "zh-CN");
    const zhBad = await postAction(zh, "/scenarios/new", "routes/scenarios.new", { ...FORM, imageUrls: "ftp://example.com/x.jpg" });
    expect(zhBad.status).toBe(400);
    expect(zhBad.body.fieldErrors["imageUrls.0"]).toBe("请上传图片，不要链接其他网站的图片");
    expect(await db.selectFrom("scenarios").select("id").where("title", "=", "长".repeat(121)).executeTakeFirst()).toBeUndefined();
  });

  it("only the owner organisation edits or asks for the next stage; other and unapproved organisations get 403; the secretariat signs off", async () => {
    const id = await createScenario(db, await owner.actor(), scenarioInputSchema.parse({ ...FORM, deliveryModes: ["model"], results: [], imageUrls: [] }));
    const other = await signedIn(rival);
    expect((await other.get(`/scenarios/${id}/edit`)).status).toBe(403);
    const edit = await postAction(other, `/scenarios/${id}/edit`, "routes/scenarios.$id_.edit", { ...FORM, title: "被篡改的标题" });
    expect(edit.status).toBe(403);
    expect(edit.body.formError).toBe("Only the organisation that published this scenario may change it");
    const evidence = "试点协议已签署，首批数据已联调完成。";
    const move = await postAction(other, `/scenarios/${id}`, "routes/scenarios.$id", { intent: "request", to: "pilot", evidence });
    expect(move.status).toBe(403);

    const loner = await signedIn(await makeUser(db));
    expect((await loner.get("/scenarios/new")).status).toBe(403);
    const posted = await postAction(loner, "/scenarios/new", "routes/scenarios.new", FORM);
    expect(posted.status).toBe(403);
    expect(posted.body.formError).toBe("Your organisation must be an approved member to publish scenarios");

    const mine = await signedIn(owner);
    expect((await mine.get(`/scenarios/${id}/edit`)).status).toBe(200);
    const saved = await postAction(mine, `/scenarios/${id}/edit`, "routes/scenarios.$id_.edit", { ...FORM, title: "社区养老服务需求预测（修订）" });
    expect(saved.status).toBe(204);
    const skip = await postAction(mine, `/scenarios/${id}`, "routes/scenarios.$id", { intent: "request", to: "demonstration", evidence });
    expect(skip.status).toBe(409);
    expect((skip.body as unknown as { error: Record<string, string[]> }).error[""]).toEqual([
      "A scenario moves forward one stage at a time: proposed, pilot, demonstration",
    ]);
    const step = await postAction(mine, `/scenarios/${id}`, "routes/scenarios.$id", { intent: "request", to: "pilot", evidence });
    expect(step.status).toBe(204);
    // Asked, not moved: the stage changes only with the secretariat's sign-off.
    expect((await db.selectFrom("scenarios").select("stage").where("id", "=", id).executeTakeFirstOrThrow()).stage).toBe("proposed");
    const { id: requestId } = await db.selectFrom("scenario_stage_requests").select("id").where("scenario_id", "=", id).executeTakeFirstOrThrow();
    const selfSigned = await postAction(mine, `/scenarios/${id}`, "routes/scenarios.$id", { intent: "signoff", requestId, decision: "approve" });
    expect(selfSigned.status).toBe(403);
    const signed = await postAction(await signedIn(staffUser), `/scenarios/${id}`, "routes/scenarios.$id", {
      intent: "signoff",
      requestId,
      decision: "approve",
    });
    expect(signed.status).toBe(204);
    const row = await db.selectFrom("scenarios").select(["title", "stage"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: "社区养老服务需求预测（修订）", stage: "pilot" });
    expect((await app.client().get("/scenarios/not-a-uuid")).status).toBe(404);
  });

  it("the secretariat curates the catalog; members cannot; the public page and the CSV export show the edition", async () => {
    const o = await owner.actor();
    const tricky = await createScenario(
      db,
      o,
      scenarioInputSchema.parse({
        ...FORM,
        title: '数据"可用不可见",示范',
        deliveryModes: ["verification"],
        results: [{ label: "效率", value: 30, unit: "%" }],
        imageUrls: [],
      }),
    );
    const plain = await createScenario(
      db,
      o,
      scenarioInputSchema.parse({ ...FORM, title: "普通推荐场景", deliveryModes: ["api"], results: [], imageUrls: [] }),
    );
    const requestId = await requestStageChange(db, o, tricky, { to: "pilot", evidence: "试点协议已签署，首批数据已联调完成。", evidenceUrl: null });
    await decideStageRequest(db, staff, { requestId, decision: "approve", reason: null });

    const member = await signedIn(owner);
    expect((await member.get("/admin/catalog")).status).toBe(403);
    const denied = await postAction(member, "/admin/catalog", "routes/admin.catalog", { intent: "create", year: "2024", title: "非法创建的目录" });
    expect(denied.status).toBe(403);
    expect(await db.selectFrom("catalog_editions").select("id").where("year", "=", 2024).executeTakeFirst()).toBeUndefined();

    const sec = await signedIn(staffUser);
    expect((await sec.get("/admin/catalog")).status).toBe(200);
    const badYear = await postAction(sec, "/admin/catalog", "routes/admin.catalog", { intent: "create", year: "abc", title: "2024 年目录" });
    expect(badYear.status).toBe(400);
    expect(badYear.body.fieldErrors.year).toBeTruthy();
    const created = await postAction(sec, "/admin/catalog", "routes/admin.catalog", {
      intent: "create",
      year: "2024",
      title: "2024 年应用场景推荐目录",
      intro: "年度推荐",
    });
    expect(created.status).toBe(200);
    const editionId = created.body.editionId as string;
    expect(
      (await postAction(sec, "/admin/catalog", "routes/admin.catalog", { intent: "add", editionId, scenarioId: tricky, demonstration: "on" })).status,
    ).toBe(200);
    expect((await postAction(sec, "/admin/catalog", "routes/admin.catalog", { intent: "add", editionId, scenarioId: plain })).status).toBe(200);
    const noScenario = await postAction(sec, "/admin/catalog", "routes/admin.catalog", { intent: "add", editionId, scenarioId: "" });
    expect(noScenario.status).toBe(400);
    expect(noScenario.body.fieldErrors.scenarioId).toBe("Choose a scenario");

    // Not public before publication.
    expect((await app.client().get("/catalog/2024")).status).toBe(404);
    expect((await app.client().get("/catalog/2024.csv")).status).toBe(404);
    expect((await postAction(sec, "/admin/catalog", "routes/admin.catalog", { intent: "publish", editionId })).status).toBe(200);

    const index = await (await app.client("en").get("/catalog")).text();
    expect(index).toContain("2024 年应用场景推荐目录");
    const page = await app.client("en").get("/catalog/2024");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/Demonstration cases[\s\S]*数据&quot;可用不可见&quot;,示范[\s\S]*Recommended scenarios[\s\S]*普通推荐场景/);

    const csv = await app.client("en").get("/catalog/2024.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("scenario-catalog-2024.csv");
    const text = (await csv.text()).replace(/^\uFEFF/, "");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("No.,Scenario,Organisation,Participants,Sector,Region,Stage,Delivery mode,Demonstration case,Results,Problem");
    expect(lines[1]).toContain(',"数据""可用不可见"",示范",');
    expect(lines[1]).toContain(",Health,Guangzhou · Haizhu,Pilot,Verification,Yes,效率: 30 %,");
    expect(lines[2]).toMatch(/^2,普通推荐场景,/);
    expect(lines).toHaveLength(4); // header, two rows, trailing empty after the last CRLF
    const zhCsv = (await (await app.client("zh-CN").get("/catalog/2024.csv")).text()).replace(/^\uFEFF/, "");
    expect(zhCsv.split("\r\n")[0]).toBe("序号,场景名称,发布单位,参与单位,行业,地区,阶段,交付方式,示范案例,成效,要解决的问题");

    // A published edition is final, also over HTTP.
    const late = await postAction(sec, "/admin/catalog", "routes/admin.catalog", { intent: "remove", editionId, scenarioId: plain });
    expect(late.status).toBe(409);
    expect(late.body.formError).toBe("This edition is published and can no longer change");
    // The scenario page names the catalog.
    expect(await (await app.client("en").get(`/scenarios/${tricky}`)).text()).toContain("Demonstration case 2024");
  });

  it("pages render for visitors and unknown years are 404", async () => {
    const o = await owner.actor();
    const s = await createScenario(db, o, scenarioInputSchema.parse({ ...FORM, title: "访客可见场景", results: [], imageUrls: [] }));
    const e = await createEdition(db, staff, { year: 2023, title: "2023 年目录", intro: "" });
    await setCatalogEntry(db, staff, e, s, false);
    await publishEdition(db, staff, e);
    const visitor = app.client("zh-HK");
    expect((await visitor.get("/scenarios")).status).toBe(200);
    expect(await (await visitor.get("/catalog/2023")).text()).toContain("推薦場景");
    expect((await visitor.get("/catalog/1999")).status).toBe(404);
    expect((await visitor.get("/catalog/abcd")).status).toBe(404);
    expect((await visitor.get("/scenarios/new")).status).toBe(302);
  });
});
