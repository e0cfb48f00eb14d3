import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { conflict, forbidden, invalid, notFound } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime, type StoredNotification } from "../core/notifications.server";
import { approvedOrg, canManageOrg, isSecretariat, requireApprovedMember, requireSecretariat, type Actor } from "../core/permissions";
import { memberIdsOf } from "../core/org-members.server";
import { EVIDENCE_FILE_MAX_BYTES, type ScenarioStage, type SignoffInput, type StageRequestInput } from "./scenario-schema";

/**
 * Consent and sign-off (issue 28). A scenario names another organisation only once a manager of
 * that organisation (canManageOrg: owner or admin) confirmed; until then the organisation is
 * invited and appears nowhere public. Moving to 试点 / 示范 is a request with evidence that the
 * secretariat signs off or refuses with a reason; the publisher alone no longer moves it.
 */

type Db = Kysely<Database>;
type Tx = Transaction<Database> | Db;

const NEXT_STAGE: Record<ScenarioStage, "pilot" | "demonstration" | null> = { proposed: "pilot", pilot: "demonstration", demonstration: null };

export type ParticipantStatus = "invited" | "confirmed" | "declined";

/** The secretariat's accounts: they receive the sign-off requests. */
async function secretariatIds(db: Tx): Promise<string[]> {
  return (await db.selectFrom("users").select("id").where("platform_role", "=", "secretariat").execute()).map((r) => r.id);
}

/** Tells the managers of newly named organisations that they are invited (they alone can answer). */
export async function inviteParticipants(trx: Tx, actor: Actor, scenarioId: string, title: string, orgIds: string[]): Promise<StoredNotification[]> {
  if (!orgIds.length) return [];
  const from = actor.org?.nameZh ?? "";
  return storeNotifications(trx, await memberIdsOf(trx, orgIds, { except: actor.id, managersOnly: true }), "scenario.invited", { scenarioId, title, from });
}

/** What a reader may do about a scenario's consent and stage (pages show exactly this; actions check the same). */
export interface ConsentCan {
  /** A manager of an organisation named and still invited: confirm or decline. */
  answer: boolean;
  /** A member of the publishing organisation, with a next stage and no request waiting. */
  requestStage: boolean;
  /** The secretariat, while a request waits. */
  signOff: boolean;
}

export interface StageRequestView {
  id: string;
  toStage: "pilot" | "demonstration";
  evidence: string;
  evidenceUrl: string | null;
  evidenceName: string | null;
  hasFile: boolean;
  status: "pending" | "approved" | "refused";
  reason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/**
 * The consent part of a scenario page for this reader: the rights above, the reader's own
 * invitation, and (publisher and secretariat only) the latest stage request and the invited list.
 */
export async function scenarioConsent(
  db: Db,
  actor: Actor | null,
  scenario: { id: string; orgId: string; stage: ScenarioStage },
): Promise<{
  can: ConsentCan;
  myInvitation: ParticipantStatus | null;
  request: StageRequestView | null;
  pendingParticipants: { id: string; name: string; status: ParticipantStatus }[];
}> {
  const org = approvedOrg(actor);
  const own = org?.id === scenario.orgId;
  const staff = isSecretariat(actor);
  const [mine, latest, others] = await Promise.all([
    org && !own
      ? db.selectFrom("scenario_participants").select("status").where("scenario_id", "=", scenario.id).where("org_id", "=", org.id).executeTakeFirst()
      : undefined,
    own || staff ? latestRequest(db, scenario.id) : null,
    own || staff
      ? db
          .selectFrom("scenario_participants")
          .innerJoin("organisations", "organisations.id", "scenario_participants.org_id")
          .select(["organisations.id", "organisations.name_zh", "scenario_participants.status"])
          .where("scenario_participants.scenario_id", "=", scenario.id)
          .where("scenario_participants.status", "!=", "confirmed")
          .orderBy("scenario_participants.position")
          .execute()
      : [],
  ]);
  const pending = latest?.status === "pending";
  return {
    can: {
      answer: mine?.status === "invited" && canManageOrg(actor, org!.id),
      requestStage: own && NEXT_STAGE[scenario.stage] !== null && !pending,
      signOff: staff && pending,
    },
    myInvitation: mine?.status ?? null,
    request: latest,
    pendingParticipants: others.map((p) => ({ id: p.id, name: p.name_zh, status: p.status })),
  };
}

async function latestRequest(db: Db, scenarioId: string): Promise<StageRequestView | null> {
  const r = await db
    .selectFrom("scenario_stage_requests")
    .select(["id", "to_stage", "evidence", "evidence_url", "evidence_name", "evidence_type", "status", "reason", "created_at", "decided_at"])
    .where("scenario_id", "=", scenarioId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    toStage: r.to_stage,
    evidence: r.evidence,
    evidenceUrl: r.evidence_url,
    evidenceName: r.evidence_name,
    hasFile: r.evidence_type !== null,
    status: r.status,
    reason: r.reason,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  };
}

/** A manager of the invited organisation confirms or declines; anyone else is refused. */
export async function answerInvitation(
  db: Db,
  actor: Actor | null,
  scenarioId: string,
  answer: "confirm" | "decline",
  realtime: Realtime = noRealtime,
): Promise<ParticipantStatus> {
  const a = requireApprovedMember(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("scenario_participants")
      .innerJoin("scenarios", "scenarios.id", "scenario_participants.scenario_id")
      .select(["scenario_participants.status", "scenarios.org_id", "scenarios.title", "scenarios.title_en"])
      .where("scenario_participants.scenario_id", "=", scenarioId)
      .where("scenario_participants.org_id", "=", a.org.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound();
    if (!canManageOrg(a, a.org.id)) throw forbidden("consent.errors.managersOnly");
    if (row.status !== "invited") throw conflict("consent.errors.alreadyAnswered");
    const status = answer === "confirm" ? "confirmed" : "declined";
    await trx
      .updateTable("scenario_participants")
      .set({ status, decided_by: a.id, decided_at: sql`now()` })
      .where("scenario_id", "=", scenarioId)
      .where("org_id", "=", a.org.id)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: `scenario.participant_${status}`,
      entityType: "scenario",
      entityId: scenarioId,
      before: { orgId: a.org.id, status: "invited" },
      after: { orgId: a.org.id, status },
    });
    return storeNotifications(trx, await memberIdsOf(trx, row.org_id), `scenario.participant_${status}`, {
      scenarioId,
      title: row.title,
      titleEn: row.title_en,
      from: a.org.nameZh,
      fromEn: a.org.nameEn,
    });
  });
  deliver(realtime, notes);
  return answer === "confirm" ? "confirmed" : "declined";
}

/** The invitations waiting for the actor's organisation (every member sees them; managers answer). */
export async function myParticipantInvitations(db: Db, actor: Actor | null) {
  const a = requireApprovedMember(actor);
  const rows = await db
    .selectFrom("scenario_participants")
    .innerJoin("scenarios", "scenarios.id", "scenario_participants.scenario_id")
    .innerJoin("organisations", "organisations.id", "scenarios.org_id")
    .select([
      "scenarios.id",
      "scenarios.title",
      "scenarios.title_en",
      "scenarios.stage",
      "organisations.name_zh as org_name",
      "organisations.name_en as org_name_en",
      "scenario_participants.invited_at",
    ])
    .where("scenario_participants.org_id", "=", a.org.id)
    .where("scenario_participants.status", "=", "invited")
    .where("scenarios.hidden_at", "is", null)
    .orderBy("scenario_participants.invited_at", "desc")
    .limit(200)
    .execute();
  return {
    canAnswer: canManageOrg(a, a.org.id),
    invitations: rows.map((r) => ({
      scenarioId: r.id,
      title: r.title,
      titleEn: r.title_en,
      stage: r.stage,
      orgName: r.org_name,
      orgNameEn: r.org_name_en,
      invitedAt: r.invited_at,
    })),
  };
}

export interface EvidenceUpload {
  data: Uint8Array;
  name: string;
}

/** Evidence files are PDF, PNG or JPEG, told by their first bytes (not by the name or the browser's claim). */
export function evidenceType(data: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  return null;
}

/** A member of the publishing organisation asks the secretariat to sign off the next stage. */
export async function requestStageChange(
  db: Db,
  actor: Actor | null,
  scenarioId: string,
  input: StageRequestInput,
  file: EvidenceUpload | null = null,
  realtime: Realtime = noRealtime,
): Promise<string> {
  const a = requireApprovedMember(actor, "scenarios.errors.orgNotApproved");
  let type: string | null = null;
  if (file) {
    if (file.data.byteLength > EVIDENCE_FILE_MAX_BYTES) throw invalid("consent.v.fileTooLarge", "evidenceFile");
    type = evidenceType(file.data);
    if (!type) throw invalid("consent.v.fileType", "evidenceFile");
  }
  const { id, notes } = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("scenarios")
      .select(["id", "org_id", "stage", "title", "title_en"])
      .where("id", "=", scenarioId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound();
    if (row.org_id !== a.org.id) throw forbidden("scenarios.errors.notYours");
    if (NEXT_STAGE[row.stage] !== input.to) throw conflict("scenarios.errors.badStage");
    const waiting = await trx
      .selectFrom("scenario_stage_requests")
      .select("id")
      .where("scenario_id", "=", scenarioId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (waiting) throw conflict("consent.errors.requestWaiting");
    const { id } = await trx
      .insertInto("scenario_stage_requests")
      .values({
        scenario_id: scenarioId,
        from_stage: row.stage as "proposed" | "pilot",
        to_stage: input.to,
        evidence: input.evidence,
        evidence_url: input.evidenceUrl,
        evidence_file: file ? file.data : null,
        evidence_type: type,
        evidence_name: file ? file.name.slice(0, 200) || "evidence" : null,
        requested_by: a.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: a.id,
      action: "scenario.stage_requested",
      entityType: "scenario",
      entityId: scenarioId,
      before: { stage: row.stage },
      after: { requestId: id, to: input.to, evidenceUrl: input.evidenceUrl, file: type },
    });
    const notes = await storeNotifications(trx, await secretariatIds(trx), "scenario.stage_requested", {
      scenarioId,
      title: row.title,
      titleEn: row.title_en,
      stage: input.to,
      from: a.org.nameZh,
      fromEn: a.org.nameEn,
    });
    return { id, notes };
  });
  deliver(realtime, notes);
  return id;
}

/**
 * The secretariat signs off (the scenario moves to the requested stage; the publisher and the
 * confirmed participants hear of it) or refuses with a reason (the publisher reads it).
 */
export async function decideStageRequest(db: Db, actor: Actor | null, input: SignoffInput, realtime: Realtime = noRealtime): Promise<"approved" | "refused"> {
  const a = requireSecretariat(actor);
  const { status, notes } = await db.transaction().execute(async (trx) => {
    const req = await trx.selectFrom("scenario_stage_requests").selectAll().where("id", "=", input.requestId).forUpdate().executeTakeFirst();
    if (!req) throw notFound();
    if (req.status !== "pending") throw conflict("consent.errors.alreadyDecided");
    const scenario = await trx
      .selectFrom("scenarios")
      .select(["org_id", "stage", "title", "title_en"])
      .where("id", "=", req.scenario_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const status = input.decision === "approve" ? ("approved" as const) : ("refused" as const);
    if (status === "approved" && scenario.stage !== req.from_stage) throw conflict("scenarios.errors.badStage");
    await trx
      .updateTable("scenario_stage_requests")
      .set({ status, reason: input.reason, decided_by: a.id, decided_at: sql`now()` })
      .where("id", "=", req.id)
      .execute();
    const payload = { scenarioId: req.scenario_id, title: scenario.title, titleEn: scenario.title_en, stage: req.to_stage, reason: input.reason ?? "" };
    if (status === "approved") {
      await trx
        .updateTable("scenarios")
        .set({ stage: req.to_stage, updated_at: sql`now()` })
        .where("id", "=", req.scenario_id)
        .execute();
      await writeAudit(trx, {
        actorId: a.id,
        action: `scenario.${req.to_stage}`,
        entityType: "scenario",
        entityId: req.scenario_id,
        before: { stage: scenario.stage },
        after: { stage: req.to_stage, requestId: req.id, signedOff: true },
      });
      const confirmed = await trx
        .selectFrom("scenario_participants")
        .select("org_id")
        .where("scenario_id", "=", req.scenario_id)
        .where("status", "=", "confirmed")
        .execute();
      const recipients = await memberIdsOf(trx, [scenario.org_id, ...confirmed.map((r) => r.org_id)], { except: a.id });
      return { status, notes: await storeNotifications(trx, recipients, "scenario.stage", payload) };
    }
    await writeAudit(trx, {
      actorId: a.id,
      action: "scenario.stage_refused",
      entityType: "scenario",
      entityId: req.scenario_id,
      before: { stage: scenario.stage, requestId: req.id },
      after: { stage: scenario.stage, to: req.to_stage, reason: input.reason },
    });
    return { status, notes: await storeNotifications(trx, await memberIdsOf(trx, scenario.org_id), "scenario.stage_refused", payload) };
  });
  deliver(realtime, notes);
  return status;
}

/** The secretariat's queue of stage requests waiting for sign-off, oldest first. */
export async function stageRequestQueue(db: Db, actor: Actor | null) {
  requireSecretariat(actor);
  const rows = await db
    .selectFrom("scenario_stage_requests as r")
    .innerJoin("scenarios", "scenarios.id", "r.scenario_id")
    .innerJoin("organisations", "organisations.id", "scenarios.org_id")
    .select([
      "r.id",
      "r.scenario_id",
      "r.from_stage",
      "r.to_stage",
      "r.evidence",
      "r.created_at",
      "scenarios.title",
      "scenarios.title_en",
      "organisations.name_zh as org_name",
    ])
    .where("r.status", "=", "pending")
    .orderBy("r.created_at")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    scenarioId: r.scenario_id,
    fromStage: r.from_stage,
    toStage: r.to_stage,
    evidence: r.evidence,
    createdAt: r.created_at,
    title: r.title,
    titleEn: r.title_en,
    orgName: r.org_name,
  }));
}

/** The evidence file of a stage request: for the publishing organisation and the secretariat only. */
export async function stageEvidenceFile(db: Db, actor: Actor | null, requestId: string): Promise<{ data: Uint8Array; type: string; name: string }> {
  const r = await db
    .selectFrom("scenario_stage_requests as r")
    .innerJoin("scenarios", "scenarios.id", "r.scenario_id")
    .select(["r.evidence_file", "r.evidence_type", "r.evidence_name", "scenarios.org_id"])
    .where("r.id", "=", requestId)
    .executeTakeFirst();
  if (!r || !r.evidence_file || !r.evidence_type) throw notFound();
  if (approvedOrg(actor)?.id !== r.org_id && !isSecretariat(actor)) throw notFound();
  return { data: r.evidence_file, type: r.evidence_type, name: r.evidence_name ?? "evidence" };
}
