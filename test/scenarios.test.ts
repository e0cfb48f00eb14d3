import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { scenarioInputSchema, scenarioQuerySchema, type ScenarioInput } from "../app/models/scenarios/scenario-schema";
import { canAdvance, createScenario, getScenario, searchScenarios, updateScenario } from "../app/models/scenarios/scenarios.server";
import { answerInvitation, decideStageRequest, requestStageChange } from "../app/models/scenarios/consent.server";
import { createEdition, getEditionByYear, listEditions, publishEdition, removeCatalogEntry, setCatalogEntry } from "../app/models/scenarios/catalog.server";
import { csvCell, toCsv } from "../app/models/core/csv";
import { applyForMembership } from "../app/models/accounts/organisations.server";
import { toFieldErrors } from "../app/models/core/zod-fields";
import { dbForSuite } from "./helpers/db";
import { application, auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

function scenarioInput(overrides: Record<string, unknown> = {}): ScenarioInput {
  return scenarioInputSchema.parse({
    title: "港口集装箱调度优化场景",
    sector: "transport",
    region: "nansha",
    problem: "港区集装箱堆场翻箱率高，需要结合进出港计划优化堆存位置。",
    dataDescription: "码头作业数据与船期数据",
    deliveryModes: ["privacy_computing"],
    results: [{ label: "翻箱率下降", value: 15, unit: "%" }],
    imageUrls: ["/img/scenarios/logistics.svg"],
    ...overrides,
  });
}

const query = (q: Record<string, unknown> = {}) => scenarioQuerySchema.parse(q);

const EVIDENCE = "试点协议已签署，首批数据已联调完成。";

/** The one way a stage moves now: the publisher asks, the secretariat signs off (consent.server.ts). */
async function advanceSignedOff(db: Db, owner: Actor, staff: Actor, id: string, to: "pilot" | "demonstration") {
  const requestId = await requestStageChange(db, owner, id, { to, evidence: EVIDENCE, evidenceUrl: null });
  await decideStageRequest(db, staff, { requestId, decision: "approve", reason: null });
}

describe("application scenarios (model)", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let owner: Actor;
  let rival: Actor;
  let rivalOrgId: string;
  let universityOrgId: string;
  let university: Actor;
  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    owner = await (await makeApprovedOrg(db, staff)).owner.actor();
    const r = await makeApprovedOrg(db, staff, { type: "investor" });
    rival = await r.owner.actor();
    rivalOrgId = r.orgId;
    const u = await makeApprovedOrg(db, staff, { type: "university" });
    universityOrgId = u.orgId;
    university = await u.owner.actor();
  });

  const invalid = (overrides: Record<string, unknown>) => {
    const r = scenarioInputSchema.safeParse({ ...scenarioInput(), ...overrides });
    return r.success ? null : toFieldErrors(r.error);
  };

  it("validates: unknown enums, hotlinked or too many images, overlong text, figures without numbers", () => {
    expect(invalid({ sector: "moon" })).toEqual({ sector: ["v.choose"] });
    expect(invalid({ deliveryModes: ["teleport"] })?.["deliveryModes.0"]).toEqual(["v.choose"]);
    expect(invalid({ imageUrls: ["https://example.com/a.jpg"] })?.["imageUrls.0"]).toEqual(["scenarios.v.ownImage"]);
    expect(invalid({ imageUrls: ["/images/not-an-id.webp"] })?.["imageUrls.0"]).toEqual(["scenarios.v.ownImage"]);
    expect(invalid({ imageUrls: ["javascript:alert(1)"] })?.["imageUrls.0"]).toEqual(["scenarios.v.ownImage"]);
    expect(invalid({ imageUrls: Array.from({ length: 7 }, (_, i) => `/img/scenarios/s${i}.svg`) })).toEqual({ imageUrls: ["v.tooMany.6"] });
    expect(invalid({ title: "标".repeat(121) })).toEqual({ title: ["v.tooLong.120"] });
    expect(invalid({ results: [{ label: "x", value: "many" }] })?.["results.0.value"]).toEqual(["scenarios.v.number"]);
    expect(invalid({})).toBeNull();
  });

  it("only approved organisations publish; links must be published listings and other approved organisations", async () => {
    const loner = await makeUser(db);
    const pendingOwner = await makeUser(db);
    await applyForMembership(db, await pendingOwner.actor(), application() as never);
    await expect(createScenario(db, await loner.actor(), scenarioInput())).rejects.toMatchObject({ status: 403 });
    await expect(createScenario(db, await pendingOwner.actor(), scenarioInput())).rejects.toMatchObject({
      status: 403,
      messageKey: "scenarios.errors.orgNotApproved",
    });
    await expect(createScenario(db, owner, scenarioInput({ participantOrgIds: [owner.org!.id] }))).rejects.toMatchObject({
      status: 400,
      fieldErrors: { participantOrgIds: ["scenarios.errors.participantSelf"] },
    });
    await expect(createScenario(db, owner, scenarioInput({ listingIds: ["00000000-0000-4000-8000-000000000000"] }))).rejects.toMatchObject({ status: 400 });

    const listingId = await publishListing(db, rival, staff);
    const id = await createScenario(db, owner, scenarioInput({ listingIds: [listingId], participantOrgIds: [rivalOrgId] }));
    expect((await getScenario(db, null, id)).participants).toEqual([]);
    await answerInvitation(db, rival, id, "confirm");
    const view = await getScenario(db, null, id);
    expect(view.listings.map((l) => l.id)).toEqual([listingId]);
    expect(view.participants.map((p) => p.id)).toEqual([rivalOrgId]);
    expect(view.results).toEqual([{ label: "翻箱率下降", value: 15, unit: "%" }]);
    expect(view.stage).toBe("proposed");
    expect(view.own).toBe(false);
    expect((await getScenario(db, owner, id)).own).toBe(true);
    // The participant's managers are asked to confirm.
    const notes = await db.selectFrom("notifications").select("kind").where("user_id", "=", rival.id).execute();
    expect(notes.map((n) => n.kind)).toContain("scenario.invited");
  });

  it("only the owner organisation edits, and every edit is audited", async () => {
    const id = await createScenario(db, owner, scenarioInput());
    await expect(updateScenario(db, rival, id, scenarioInput({ title: "被别人改掉的标题" }))).rejects.toMatchObject({
      status: 403,
      messageKey: "scenarios.errors.notYours",
    });
    await expect(updateScenario(db, staff, id, scenarioInput({ title: "秘书处也不能改" }))).rejects.toMatchObject({ status: 403 });
    await updateScenario(db, owner, id, scenarioInput({ title: "港口集装箱调度优化场景（二期）", imageUrls: [] }));
    const view = await getScenario(db, null, id);
    expect(view.title).toBe("港口集装箱调度优化场景（二期）");
    expect(view.imageUrls).toEqual([]);
    expect(view.version).toBe(2);
    const audit = await auditRows(db, id);
    expect(audit.map((a) => a.action)).toEqual(["scenario.created", "scenario.edited"]);
    expect((audit[1].before as { title: string }).title).toBe("港口集装箱调度优化场景");
  });

  it("stages only move forward, one step at a time, asked by the owner and signed off by the secretariat", async () => {
    expect(canAdvance("proposed", "pilot")).toBe(true);
    expect(canAdvance("proposed", "demonstration")).toBe(false);
    expect(canAdvance("pilot", "proposed")).toBe(false);
    const id = await createScenario(db, owner, scenarioInput({ title: "阶段推进测试场景" }));
    const ask = (who: Actor, to: "pilot" | "demonstration") => requestStageChange(db, who, id, { to, evidence: EVIDENCE, evidenceUrl: null });
    await expect(ask(owner, "demonstration")).rejects.toMatchObject({ status: 409, messageKey: "scenarios.errors.badStage" });
    await expect(ask(rival, "pilot")).rejects.toMatchObject({ status: 403 });
    await advanceSignedOff(db, owner, staff, id, "pilot");
    await expect(ask(owner, "pilot")).rejects.toMatchObject({ status: 409 });
    await advanceSignedOff(db, owner, staff, id, "demonstration");
    await expect(ask(owner, "pilot")).rejects.toMatchObject({ status: 409 });
    expect((await getScenario(db, null, id)).stage).toBe("demonstration");
    const audit = await auditRows(db, id);
    expect(audit.map((a) => a.action)).toEqual([
      "scenario.created",
      "scenario.stage_requested",
      "scenario.pilot",
      "scenario.stage_requested",
      "scenario.demonstration",
    ]);
    expect(audit[4].before).toEqual({ stage: "pilot" });
  });

  it("searches in Simplified and Traditional alike, with highlights, and filters by sector, stage, region and participant type", async () => {
    const a = await createScenario(
      db,
      owner,
      scenarioInput({
        title: "醫療影像數據聯合建模",
        problem: "基層醫院缺少醫學影像標註數據，需要聯邦學習。",
        sector: "health",
        region: "hong_kong",
        participantOrgIds: [universityOrgId],
      }),
    );
    const b = await createScenario(
      db,
      owner,
      scenarioInput({ title: "农产品价格监测", problem: "批发市场农产品价格波动，需要价格行情数据。", sector: "agriculture", region: "gz_conghua" }),
    );
    // Named, the university is only invited: it counts for the participant-type filter once it confirms.
    expect((await searchScenarios(db, query({ orgType: "university" }))).hits.map((h) => h.id)).not.toContain(a);
    await answerInvitation(db, university, a, "confirm");
    const simplified = await searchScenarios(db, query({ q: "医学影像" }));
    const traditional = await searchScenarios(db, query({ q: "醫學影像" }));
    expect(simplified.hits.map((h) => h.id)).toEqual([a]);
    expect(traditional.hits.map((h) => h.id)).toEqual([a]);
    expect(simplified.hits[0].snippet.some((p) => p.marked && p.text === "醫學影像")).toBe(true);
    expect((await searchScenarios(db, query({ q: "農產品" }))).hits.map((h) => h.id)).toEqual([b]);
    expect((await searchScenarios(db, query({ q: "量子纠缠" }))).total).toBe(0);

    expect((await searchScenarios(db, query({ sector: "health" }))).hits.map((h) => h.id)).toEqual([a]);
    expect((await searchScenarios(db, query({ region: "gz_conghua" }))).hits.map((h) => h.id)).toEqual([b]);
    // The university takes part only in `a`; the owner organisation (an enterprise) in both.
    expect((await searchScenarios(db, query({ orgType: "university" }))).hits.map((h) => h.id)).toEqual([a]);
    const enterprise = (await searchScenarios(db, query({ orgType: "enterprise" }))).hits.map((h) => h.id);
    expect(enterprise).toEqual(expect.arrayContaining([a, b]));
    expect((await searchScenarios(db, query({ orgType: "government" }))).total).toBe(0);
    await advanceSignedOff(db, owner, staff, b, "pilot");
    expect((await searchScenarios(db, query({ stage: "pilot", sector: "agriculture" }))).hits.map((h) => h.id)).toEqual([b]);
    expect((await searchScenarios(db, query({ stage: "proposed", sector: "agriculture" }))).total).toBe(0);
    // Unknown filter values are dropped by the query schema, never passed to SQL.
    expect(query({ stage: "moon" }).stage).toBeUndefined();
  });

  it("the catalog is curated by the secretariat only, audited, and public once published", async () => {
    const s1 = await createScenario(db, owner, scenarioInput({ title: "目录场景一" }));
    const s2 = await createScenario(db, owner, scenarioInput({ title: "目录场景二" }));
    await expect(createEdition(db, owner, { year: 2025, title: "2025 年推荐目录", intro: "" })).rejects.toMatchObject({ status: 403 });
    const edition = await createEdition(db, staff, { year: 2025, title: "2025 年推荐目录", intro: "导语" });
    await expect(createEdition(db, staff, { year: 2025, title: "重复的年度", intro: "" })).rejects.toMatchObject({
      status: 409,
      messageKey: "scenarios.errors.yearTaken",
    });
    await expect(setCatalogEntry(db, owner, edition, s1, true)).rejects.toMatchObject({ status: 403 });
    await expect(publishEdition(db, staff, edition)).rejects.toMatchObject({ status: 409, messageKey: "scenarios.errors.editionEmpty" });

    await setCatalogEntry(db, staff, edition, s1, false);
    await setCatalogEntry(db, staff, edition, s2, false);
    await setCatalogEntry(db, staff, edition, s1, true);
    await removeCatalogEntry(db, staff, edition, s2);
    await expect(removeCatalogEntry(db, rival, edition, s1)).rejects.toMatchObject({ status: 403 });

    // A draft is not public.
    await expect(getEditionByYear(db, null, 2025)).rejects.toMatchObject({ status: 404 });
    expect((await listEditions(db, null)).map((e) => e.year)).not.toContain(2025);
    expect((await getEditionByYear(db, staff, 2025)).entries).toHaveLength(1);

    await publishEdition(db, staff, edition);
    const pub = await getEditionByYear(db, null, 2025);
    expect(pub.edition.status).toBe("published");
    expect(pub.entries.map((e) => [e.scenarioId, e.demonstration])).toEqual([[s1, true]]);
    expect((await getScenario(db, null, s1)).catalogs).toEqual([{ year: 2025, title: "2025 年推荐目录", demonstration: true }]);
    // Published editions are final.
    await expect(setCatalogEntry(db, staff, edition, s2, false)).rejects.toMatchObject({ status: 409, messageKey: "scenarios.errors.editionPublished" });
    const audit = await auditRows(db, edition);
    expect(audit.map((a) => a.action)).toEqual([
      "catalog.created",
      "catalog.entry_added",
      "catalog.entry_added",
      "catalog.entry_changed",
      "catalog.entry_removed",
      "catalog.published",
    ]);
    const notes = await db.selectFrom("notifications").select("payload").where("user_id", "=", owner.id).where("kind", "=", "scenario.recommended").execute();
    expect(notes.map((n) => (n.payload as { scenarioId: string }).scenarioId)).toEqual([s1]);
  });

  it("CSV cells are quoted and escaped, and formula-looking text is defused", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('数据,"可用"不可见')).toBe('"数据,""可用""不可见"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(null)).toBe("");
    expect(csvCell(3)).toBe("3");
    expect(
      toCsv([
        ["a", "b,c"],
        [1, '"'],
      ]),
    ).toBe('\uFEFFa,"b,c"\r\n1,""""\r\n');
  });
});
