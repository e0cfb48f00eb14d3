import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { scenarioInputSchema, scenarioQuerySchema, signoffSchema, stageRequestSchema } from "../app/models/scenarios/scenario-schema";
import { createScenario, getScenario, searchScenarios, updateScenario } from "../app/models/scenarios/scenarios.server";
import {
  answerInvitation,
  decideStageRequest,
  evidenceType,
  myParticipantInvitations,
  requestStageChange,
  scenarioConsent,
  stageEvidenceFile,
  stageRequestQueue,
} from "../app/models/scenarios/consent.server";
import { createEdition, getEditionByYear, publishEdition, setCatalogEntry } from "../app/models/scenarios/catalog.server";
import { toFieldErrors } from "../app/models/core/zod-fields";
import { dbForSuite } from "./helpers/db";
import { auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { recordingRealtime } from "./helpers/realtime";

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status ?? 500,
  );

const EVIDENCE = "试点协议已签署，参与单位已确认，首批数据已完成联调。";

describe("scenario consent and sign-off (issue 28)", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let publisher: Actor;
  let publisherColleague: Actor;
  let invited: Actor;
  let invitedMember: Actor;
  let invitedOrgId: string;
  let third: Actor;
  let thirdOrgId: string;
  let n = 0;

  const input = (participantOrgIds: string[]) =>
    scenarioInputSchema.parse({
      title: `智慧园区能耗优化场景 ${++n}`,
      sector: "energy",
      region: "nansha",
      problem: "园区企业能耗数据分散，难以统一调度和节能评估。",
      deliveryModes: ["privacy_computing"],
      participantOrgIds,
    });

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    const p = await makeApprovedOrg(db, staff);
    publisher = await p.owner.actor();
    const colleague = await makeUser(db);
    await db.insertInto("org_members").values({ org_id: p.orgId, user_id: colleague.id, role: "member" }).execute();
    publisherColleague = await colleague.actor();
    const i = await makeApprovedOrg(db, staff, { type: "university", nameZh: "华南数据科学研究院" });
    invitedOrgId = i.orgId;
    invited = await i.owner.actor();
    const m = await makeUser(db);
    await db.insertInto("org_members").values({ org_id: i.orgId, user_id: m.id, role: "member" }).execute();
    invitedMember = await m.actor();
    const o = await makeApprovedOrg(db, staff, { type: "government" });
    thirdOrgId = o.orgId;
    third = await o.owner.actor();
  });

  it("a named organisation is invited: shown nowhere until a manager of it confirms; a plain member or a third organisation cannot answer", async () => {
    const rt = recordingRealtime();
    const id = await createScenario(db, publisher, input([invitedOrgId]), rt.realtime);
    // The invitation reaches the invited organisation's managers (in-app, live; mailed by the notification job).
    const notes = await db
      .selectFrom("notifications")
      .select(["user_id", "kind"])
      .where("kind", "=", "scenario.invited")
      .where("user_id", "in", [invited.id, invitedMember.id])
      .execute();
    expect(notes.map((x) => x.user_id)).toEqual([invited.id]);
    expect(rt.sent.some((s) => s.userId === invited.id && (s.data as { kind: string }).kind === "scenario.invited")).toBe(true);

    expect((await getScenario(db, null, id)).participants).toEqual([]);
    expect((await searchScenarios(db, scenarioQuerySchema.parse({ orgType: "university" }))).hits.map((h) => h.id)).not.toContain(id);
    // Every member sees the invitation; only the managers may answer it (the page is told so).
    expect((await myParticipantInvitations(db, invitedMember)).canAnswer).toBe(false);
    expect((await myParticipantInvitations(db, invited)).invitations.map((x) => x.scenarioId)).toContain(id);
    const scenario = await getScenario(db, invited, id);
    expect((await scenarioConsent(db, invited, scenario)).can.answer).toBe(true);
    expect((await scenarioConsent(db, invitedMember, scenario)).can.answer).toBe(false);
    expect((await scenarioConsent(db, third, scenario)).can.answer).toBe(false);

    expect(await status(answerInvitation(db, invitedMember, id, "confirm"))).toBe(403);
    expect(await status(answerInvitation(db, third, id, "confirm"))).toBe(404);
    expect(await status(answerInvitation(db, publisher, id, "confirm"))).toBe(404);
    expect(await status(answerInvitation(db, null, id, "confirm"))).toBe(403);
    expect((await getScenario(db, null, id)).participants).toEqual([]);

    const rt2 = recordingRealtime();
    expect(await answerInvitation(db, invited, id, "confirm", rt2.realtime)).toBe("confirmed");
    expect(rt2.sent.map((s) => s.userId)).toContain(publisher.id);
    expect(await status(answerInvitation(db, invited, id, "decline"))).toBe(409);
    expect((await getScenario(db, null, id)).participants.map((x) => x.id)).toEqual([invitedOrgId]);
    expect((await searchScenarios(db, scenarioQuerySchema.parse({ orgType: "university" }))).hits.map((h) => h.id)).toContain(id);
    expect((await auditRows(db, id)).map((a) => a.action)).toEqual(["scenario.created", "scenario.participant_confirmed"]);
    // An edit keeps the answer given; the publisher's form still lists every organisation named.
    await updateScenario(db, publisher, id, input([invitedOrgId, thirdOrgId]));
    expect((await getScenario(db, null, id)).participants.map((x) => x.id)).toEqual([invitedOrgId]);
    expect((await getScenario(db, publisher, id)).namedOrgIds).toEqual([invitedOrgId, thirdOrgId]);
    expect((await getScenario(db, null, id)).namedOrgIds).toEqual([]);
  });

  it("a declined organisation never shows, in the page or the published catalog", async () => {
    const id = await createScenario(db, publisher, input([invitedOrgId, thirdOrgId]));
    await answerInvitation(db, invited, id, "decline");
    await answerInvitation(db, third, id, "confirm");
    expect((await getScenario(db, null, id)).participants.map((x) => x.id)).toEqual([thirdOrgId]);
    const view = await getScenario(db, publisher, id);
    expect((await scenarioConsent(db, publisher, view)).pendingParticipants).toEqual([{ id: invitedOrgId, name: "华南数据科学研究院", status: "declined" }]);
    const edition = await createEdition(db, staff, { year: 2031, title: "2031 年推荐目录", intro: "" });
    await setCatalogEntry(db, staff, edition, id, false);
    await publishEdition(db, staff, edition);
    const { entries } = await getEditionByYear(db, null, 2031);
    expect(entries.find((e) => e.scenarioId === id)?.participants).toEqual([third.org!.nameZh]);
  });

  it("the publisher asks with evidence; only the secretariat signs off or refuses with a reason", async () => {
    const id = await createScenario(db, publisher, input([]));
    const ask = (who: Actor | null, to: "pilot" | "demonstration" = "pilot") =>
      requestStageChange(db, who, id, stageRequestSchema.parse({ to, evidence: EVIDENCE, evidenceUrl: "https://example.org/pilot-report" }));
    expect(await status(ask(third))).toBe(403);
    expect(await status(ask(publisher, "demonstration"))).toBe(409);
    const rt = recordingRealtime();
    const requestId = await requestStageChange(db, publisherColleague, id, { to: "pilot", evidence: EVIDENCE, evidenceUrl: null }, null, rt.realtime);
    expect(rt.sent.map((s) => s.userId)).toContain(staff.id);
    expect(await status(ask(publisher))).toBe(409);
    expect((await getScenario(db, null, id)).stage).toBe("proposed");
    expect((await stageRequestQueue(db, staff)).map((r) => r.id)).toContain(requestId);
    expect(await status(stageRequestQueue(db, publisher))).toBe(403);
    const view = await getScenario(db, publisher, id);
    expect((await scenarioConsent(db, publisher, view)).can).toEqual({ answer: false, requestStage: false, signOff: false });
    expect((await scenarioConsent(db, staff, view)).can.signOff).toBe(true);
    expect((await scenarioConsent(db, third, view)).request).toBeNull();

    // Neither the publisher nor a moderator-less member signs off its own request.
    expect(await status(decideStageRequest(db, publisher, { requestId, decision: "approve", reason: null }))).toBe(403);
    expect(await status(decideStageRequest(db, third, { requestId, decision: "approve", reason: null }))).toBe(403);
    const refusal = signoffSchema.safeParse({ requestId, decision: "refuse", reason: "" });
    expect(refusal.success ? null : toFieldErrors(refusal.error)).toEqual({ reason: ["consent.v.reasonRequired"] });
    expect(signoffSchema.safeParse({ requestId, decision: "" }).success).toBe(false);

    expect(await decideStageRequest(db, staff, { requestId, decision: "refuse", reason: "缺少试点协议" })).toBe("refused");
    expect((await getScenario(db, null, id)).stage).toBe("proposed");
    const told = await db
      .selectFrom("notifications")
      .select(["kind", "payload"])
      .where("user_id", "=", publisher.id)
      .where("kind", "=", "scenario.stage_refused")
      .execute();
    expect(told.map((x) => (x.payload as { reason: string }).reason)).toEqual(["缺少试点协议"]);
    expect(await status(decideStageRequest(db, staff, { requestId, decision: "approve", reason: null }))).toBe(409);

    const again = await ask(publisher);
    expect(await decideStageRequest(db, staff, { requestId: again, decision: "approve", reason: null })).toBe("approved");
    expect((await getScenario(db, null, id)).stage).toBe("pilot");
    expect((await auditRows(db, id)).map((a) => a.action)).toEqual([
      "scenario.created",
      "scenario.stage_requested",
      "scenario.stage_refused",
      "scenario.stage_requested",
      "scenario.pilot",
    ]);
    const after = await getScenario(db, publisher, id);
    expect((await scenarioConsent(db, publisher, after)).can.requestStage).toBe(true);
  });

  it("evidence files are PDF, PNG or JPEG by their bytes, at most 5 MB, read by the publisher and the secretariat only", async () => {
    const id = await createScenario(db, publisher, input([]));
    const pdf = new TextEncoder().encode("%PDF-1.4\n% evidence\n");
    expect(evidenceType(pdf)).toBe("application/pdf");
    expect(evidenceType(new TextEncoder().encode("<html>"))).toBeNull();
    const body = { to: "pilot" as const, evidence: EVIDENCE, evidenceUrl: null };
    expect(await status(requestStageChange(db, publisher, id, body, { data: new TextEncoder().encode("MZ not a pdf"), name: "x.pdf" }))).toBe(400);
    expect(await status(requestStageChange(db, publisher, id, body, { data: new Uint8Array(5 * 1024 * 1024 + 1), name: "big.pdf" }))).toBe(400);
    const requestId = await requestStageChange(db, publisher, id, body, { data: pdf, name: "试点协议.pdf" });
    const file = await stageEvidenceFile(db, staff, requestId);
    expect(file.type).toBe("application/pdf");
    expect(file.name).toBe("试点协议.pdf");
    expect(Buffer.from(file.data).toString()).toContain("%PDF-1.4");
    expect(await status(stageEvidenceFile(db, publisher, requestId))).toBe(200);
    expect(await status(stageEvidenceFile(db, third, requestId))).toBe(404);
    expect(await status(stageEvidenceFile(db, null, requestId))).toBe(404);
  });
});
