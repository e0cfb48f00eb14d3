import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { conflict, forbidden, invalid, notFound, refusingDuplicates } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { memberIdsOf } from "../core/org-members.server";
import { approvedOrg, isSecretariat, requireApprovedMember, requireUser, type Actor } from "../core/permissions";
import { getMatchView } from "../marketplace/deals.server";
import { disputeRoom, requireDisputeReader, roleIn, type DisputeRow } from "./dispute-access.server";
import type { DisputeMoveInput, OpenDisputeInput } from "./dispute-schema";
import type { DisputeOutcome, DisputeRole, DisputeStatus, StatementKind } from "./dispute-vocabulary";
import { DISPUTE_OUTCOMES } from "./dispute-vocabulary";
import { groupFiles, storeEvidence, type CheckedEvidence } from "./evidence.server";

type Db = Kysely<Database>;
type Executor = Db | Transaction<Database>;

/**
 * Disputes on deals (争议处理). Either party of a negotiating or agreed deal opens one against the
 * other; the respondent answers within ANSWER_DAYS (the job runner reminds and marks it overdue);
 * the secretariat assigns a mediator (itself, or a member organisation offering dispute
 * resolution), who records notes and the outcome with a reason. Both parties follow the timeline
 * live (the `dispute:<id>` room, joined after requireDisputeReader) and are notified of each step.
 */

export { disputeRoom } from "./dispute-access.server";

/** The respondent answers within this many days of the opening. */
export const ANSWER_DAYS = 7;
const DAY_MS = 86_400_000;
/** The respondent is reminded once, this long before the answer is due. */
export const REMINDER_LEAD_MS = 2 * DAY_MS;

export type DisputeMove = "answer" | "statement" | "assign" | "note" | "decide";

/**
 * The dispute state machine, stated once: the moves each status allows and where they lead.
 * A move not listed for the status is a 409.
 */
export const TRANSITIONS: Record<DisputeStatus, Partial<Record<DisputeMove, readonly DisputeStatus[]>>> = {
  open: { answer: ["answered"], assign: ["mediating"] },
  answered: { statement: ["answered"], assign: ["mediating"] },
  mediating: { statement: ["mediating"], note: ["mediating"], assign: ["mediating"], decide: DISPUTE_OUTCOMES },
  settled: {},
  upheld: {},
  rejected: {},
};

/** Who makes each move ("staff": the secretariat, whatever its part). Anyone else is refused with a 403. */
export const MOVERS: Record<DisputeMove, readonly (DisputeRole | "staff")[]> = {
  answer: ["respondent"],
  statement: ["claimant", "respondent"],
  note: ["mediator"],
  decide: ["mediator"],
  assign: ["staff"],
};

const FINAL: readonly DisputeStatus[] = DISPUTE_OUTCOMES;
/** Moves whose statement may carry evidence files. */
const WITH_EVIDENCE: readonly DisputeMove[] = ["answer", "statement", "note"];

function mayMake(move: DisputeMove, role: DisputeRole, staff: boolean): boolean {
  return MOVERS[move].some((r) => r === role || (r === "staff" && staff));
}

export interface DisputeMoves {
  answer: boolean;
  statement: boolean;
  note: boolean;
  assign: boolean;
  /** The outcomes the reader may record now (none unless mediating and the mediator). */
  decide: DisputeOutcome[];
}

/** What the reader may do on this dispute now; the page renders it and moveDispute enforces it. */
export function disputeCan(status: DisputeStatus, role: DisputeRole | null, staff: boolean): DisputeMoves {
  const allowed = (m: DisputeMove) => !!role && !!TRANSITIONS[status][m] && mayMake(m, role, staff);
  return {
    answer: allowed("answer"),
    statement: allowed("statement"),
    note: allowed("note"),
    assign: allowed("assign"),
    decide: allowed("decide") ? [...DISPUTE_OUTCOMES] : [],
  };
}

async function secretariatIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom("users").select("id").where("platform_role", "=", "secretariat").execute()).map((r) => r.id);
}

/** Everyone who follows the dispute: both parties' members, the mediating organisation's, or the secretariat when it mediates. */
async function participantsOf(db: Executor, d: DisputeRow, except?: string): Promise<string[]> {
  const orgs = [d.claimant_org_id, d.respondent_org_id, ...(d.mediator_org_id ? [d.mediator_org_id] : [])];
  const ids = new Set(await memberIdsOf(db, orgs, { except }));
  if (d.mediator_kind === "secretariat") for (const id of await secretariatIds(db)) if (id !== except) ids.add(id);
  return [...ids];
}

/** A deal's disputes as its page shows them, and whether the reader may open one now. */
export async function disputesOfMatch(db: Db, actor: Actor | null, view: { id: string; status: string; side: string | null }) {
  const rows = await db.selectFrom("disputes").select(["id", "title", "status"]).where("match_id", "=", view.id).orderBy("created_at", "desc").execute();
  const active = rows.some((r) => !FINAL.includes(r.status));
  const canOpen = view.side !== null && !!approvedOrg(actor) && (view.status === "negotiating" || view.status === "agreed") && !active;
  return { canOpen, disputes: view.side !== null || isSecretariat(actor) ? rows : [] };
}

/** The open-a-dispute form: the deal as its party sees it, refused as the opening would be. */
export async function disputeDraft(db: Db, actor: Actor | null, matchId: string) {
  const a = requireApprovedMember(actor, "disputes.errors.memberOnly");
  const view = await getMatchView(db, a, matchId);
  if (!view.side) throw notFound();
  if (view.status !== "negotiating" && view.status !== "agreed") throw conflict("disputes.errors.dealNotOpen");
  const other = view.side === "supply" ? view.demand : view.supply;
  return { matchId, supplyTitle: view.supply.title, demandTitle: view.demand.title, respondent: { id: other.orgId, name: other.orgName } };
}

/** A party opens a dispute against the other side of the deal, with its claim and evidence. */
export async function openDispute(
  db: Db,
  actor: Actor | null,
  input: OpenDisputeInput,
  evidence: readonly CheckedEvidence[] = [],
  realtime: Realtime = noRealtime,
): Promise<string> {
  const a = requireApprovedMember(actor, "disputes.errors.memberOnly");
  const draft = await disputeDraft(db, a, input.matchId);
  const { id, notes } = await db.transaction().execute(async (trx) => {
    const row = await refusingDuplicates({ disputes_one_active_per_match: ["disputes.errors.alreadyOpen"] }, () =>
      trx
        .insertInto("disputes")
        .values({
          match_id: input.matchId,
          title: input.title,
          claimant_org_id: a.org.id,
          respondent_org_id: draft.respondent.id,
          opened_by: a.id,
          answer_due_at: sql<Date>`now() + make_interval(days => ${ANSWER_DAYS})`,
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    const statement = await addStatement(trx, row.id, a, "claimant", "claim", input.claim);
    await storeEvidence(trx, a, { type: "dispute_statement", id: statement }, evidence);
    await writeAudit(trx, {
      actorId: a.id,
      action: "dispute.opened",
      entityType: "dispute",
      entityId: row.id,
      after: { match: input.matchId, respondent: draft.respondent.id, evidence: evidence.length },
    });
    const about = { disputeId: row.id, title: input.title, from: a.org.nameZh, fromEn: a.org.nameEn ?? "" };
    const notes = [
      ...(await storeNotifications(trx, await memberIdsOf(trx, draft.respondent.id), "dispute.opened", about)),
      ...(await storeNotifications(trx, await secretariatIds(trx), "dispute.toAssign", about)),
    ];
    return { id: row.id, notes };
  });
  deliver(realtime, notes);
  return id;
}

async function addStatement(
  trx: Transaction<Database>,
  disputeId: string,
  author: Actor | null,
  role: DisputeRole,
  kind: StatementKind,
  body: string,
  outcome: DisputeOutcome | null = null,
): Promise<string> {
  const row = await trx
    .insertInto("dispute_statements")
    .values({
      dispute_id: disputeId,
      author_id: author?.id ?? null,
      author_org_id: role === "secretariat" || !author ? null : (approvedOrg(author)?.id ?? null),
      role,
      kind,
      body,
      outcome,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/** Member organisations that may mediate: approved service providers offering dispute resolution. */
export async function mediatorOptions(db: Executor, exceptOrgs: readonly string[] = []) {
  let q = db
    .selectFrom("organisations")
    .innerJoin("org_profiles", "org_profiles.org_id", "organisations.id")
    .select(["organisations.id", "organisations.name_zh", "organisations.name_en"])
    .where("organisations.status", "=", "approved")
    .where("organisations.type", "=", "service_provider")
    .where(sql<boolean>`org_profiles.service_types @> array['dispute_resolution']::text[]`);
  if (exceptOrgs.length) q = q.where("organisations.id", "not in", [...exceptOrgs]);
  return q.orderBy("organisations.name_zh").execute();
}

/**
 * One move on a dispute, as disputeCan allows it: the respondent's answer, a party's further
 * statement, the secretariat's assignment of a mediator, the mediator's note or outcome. Each is a
 * statement on the timeline, audited, told to the other participants and to the dispute's room.
 */
export async function moveDispute(
  db: Db,
  actor: Actor | null,
  disputeId: string,
  input: DisputeMoveInput,
  evidence: readonly CheckedEvidence[] = [],
  realtime: Realtime = noRealtime,
): Promise<DisputeStatus> {
  const a = requireUser(actor);
  if (evidence.length && !WITH_EVIDENCE.includes(input.intent)) throw invalid("disputes.evidence.notHere", "evidence");
  const { status, notes } = await db.transaction().execute(async (trx) => {
    const { dispute: d, role } = await requireDisputeReader(trx, a, disputeId, { lock: true });
    const move = input.intent;
    if (!mayMake(move, role, isSecretariat(a))) throw forbidden("disputes.errors.notYourMove");
    const leads = TRANSITIONS[d.status][move];
    if (!leads) throw conflict("disputes.errors.badTransition");
    const set: Record<string, unknown> = { updated_at: sql`now()` };
    let next: DisputeStatus = leads[0];
    let body: string;
    let outcome: DisputeOutcome | null = null;
    let updated: DisputeRow = d;
    if (input.intent === "assign") {
      if (input.mediator === "secretariat") {
        Object.assign(set, { mediator_kind: "secretariat", mediator_org_id: null });
        body = "secretariat";
      } else {
        const [org] = await mediatorOptions(trx, [d.claimant_org_id, d.respondent_org_id]).then((all) => all.filter((o) => o.id === input.mediator));
        if (!org) throw invalid("disputes.errors.notAMediator", "mediator");
        Object.assign(set, { mediator_kind: "organisation", mediator_org_id: org.id });
        body = org.name_zh;
      }
      Object.assign(set, { assigned_by: a.id, assigned_at: sql`now()` });
      updated = { ...d, mediator_kind: set.mediator_kind as DisputeRow["mediator_kind"], mediator_org_id: set.mediator_org_id as string | null };
    } else if (input.intent === "decide") {
      next = input.outcome;
      outcome = input.outcome;
      body = input.reason;
      Object.assign(set, { outcome_reason: input.reason, decided_by: a.id, decided_at: sql`now()` });
    } else {
      body = input.body;
      if (input.intent === "answer") set.answered_at = sql`now()`;
    }
    set.status = next;
    await trx.updateTable("disputes").set(set).where("id", "=", d.id).execute();
    const kind: StatementKind = input.intent === "assign" ? "assignment" : input.intent === "decide" ? "outcome" : input.intent;
    const statementRole: DisputeRole = input.intent === "assign" ? "secretariat" : role;
    const statement = await addStatement(trx, d.id, a, statementRole, kind, body, outcome);
    await storeEvidence(trx, a, { type: "dispute_statement", id: statement }, evidence);
    await writeAudit(trx, {
      actorId: a.id,
      action: `dispute.${kind === "outcome" ? "decided" : kind === "assignment" ? "assigned" : kind}`,
      entityType: "dispute",
      entityId: d.id,
      before: { status: d.status, mediator: d.mediator_org_id ?? d.mediator_kind },
      after: {
        status: next,
        ...(outcome ? { outcome, reason: body } : {}),
        ...(input.intent === "assign" ? { mediator: input.mediator } : {}),
        evidence: evidence.length,
      },
    });
    const about = { disputeId: d.id, title: d.title, ...(outcome ? { outcome } : {}), ...(input.intent === "assign" ? { mediator: body } : {}) };
    const notes = await storeNotifications(trx, await participantsOf(trx, updated, a.id), `dispute.${kind}`, about);
    return { status: next, notes };
  });
  deliver(realtime, notes);
  realtime.toRoom(disputeRoom(disputeId), "dispute:changed", { disputeId, status });
  return status;
}

/** Everything the dispute page shows, for a reader of it (404 for anyone else). */
export async function getDispute(db: Db, actor: Actor | null, disputeId: string) {
  const { dispute: d, role, actor: a } = await requireDisputeReader(db, actor, disputeId);
  const staff = isSecretariat(a);
  const [deal, orgs, statements, options] = await Promise.all([
    db
      .selectFrom("matches")
      .innerJoin("listings as s", "s.id", "matches.supply_id")
      .innerJoin("listings as dd", "dd.id", "matches.demand_id")
      .select(["matches.id", "matches.status", "s.title as supply_title", "dd.title as demand_title"])
      .where("matches.id", "=", d.match_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("organisations")
      .select(["id", "name_zh", "name_en"])
      .where("id", "in", [d.claimant_org_id, d.respondent_org_id, ...(d.mediator_org_id ? [d.mediator_org_id] : [])])
      .execute(),
    db
      .selectFrom("dispute_statements")
      .leftJoin("users", "users.id", "dispute_statements.author_id")
      .leftJoin("organisations", "organisations.id", "dispute_statements.author_org_id")
      .select([
        "dispute_statements.id",
        "dispute_statements.role",
        "dispute_statements.kind",
        "dispute_statements.outcome",
        "dispute_statements.body",
        "dispute_statements.created_at",
        "users.display_name as author_name",
        "organisations.name_zh as org_name",
      ])
      .where("dispute_id", "=", d.id)
      .orderBy("dispute_statements.id")
      .execute(),
    staff && !FINAL.includes(d.status) ? mediatorOptions(db, [d.claimant_org_id, d.respondent_org_id]) : Promise.resolve([]),
  ]);
  const files = await groupFiles(
    db,
    "dispute_statement",
    statements.map((s) => String(s.id)),
  );
  const org = (id: string | null) => {
    const o = orgs.find((x) => x.id === id);
    return o ? { id: o.id, name: o.name_zh, nameEn: o.name_en } : null;
  };
  return {
    id: d.id,
    title: d.title,
    status: d.status,
    role,
    deal: { id: deal.id, supplyTitle: deal.supply_title, demandTitle: deal.demand_title },
    claimant: org(d.claimant_org_id)!,
    respondent: org(d.respondent_org_id)!,
    mediator: d.mediator_kind === "secretariat" ? ("secretariat" as const) : org(d.mediator_org_id),
    answerDueAt: d.answer_due_at,
    answeredAt: d.answered_at,
    overdue: !!d.overdue_at,
    /** Answered after the deadline (the job marked it overdue, or the answer came later). */
    answeredLate: !!d.answered_at && (!!d.overdue_at || d.answered_at > d.answer_due_at),
    outcomeReason: d.outcome_reason,
    decidedAt: d.decided_at,
    createdAt: d.created_at,
    timeline: statements.map((s) => ({
      id: String(s.id),
      role: s.role,
      kind: s.kind,
      outcome: s.outcome,
      body: s.body,
      createdAt: s.created_at,
      authorName: s.author_name,
      orgName: s.org_name,
      evidence: files[String(s.id)] ?? [],
    })),
    can: disputeCan(d.status, role, staff),
    mediatorOptions: options.map((o) => ({ id: o.id, name: o.name_zh, nameEn: o.name_en })),
  };
}

export const DISPUTES_PAGE_SIZE = 100;

/**
 * The reader's disputes: those of their organisation (as either party) and those it mediates; the
 * secretariat sees every dispute, with those waiting for a mediator first.
 */
export async function listDisputes(db: Db, actor: Actor | null) {
  const a = requireUser(actor);
  const staff = isSecretariat(a);
  const org = approvedOrg(a)?.id ?? null;
  if (!staff && !org) return { staff, items: [] };
  let q = db
    .selectFrom("disputes")
    .innerJoin("organisations as c", "c.id", "disputes.claimant_org_id")
    .innerJoin("organisations as r", "r.id", "disputes.respondent_org_id")
    .leftJoin("organisations as m", "m.id", "disputes.mediator_org_id")
    .select([
      "disputes.id",
      "disputes.title",
      "disputes.status",
      "disputes.claimant_org_id",
      "disputes.respondent_org_id",
      "disputes.mediator_kind",
      "disputes.mediator_org_id",
      "disputes.answer_due_at",
      "disputes.overdue_at",
      "disputes.created_at",
      "disputes.updated_at",
      "c.name_zh as claimant_name",
      "r.name_zh as respondent_name",
      "m.name_zh as mediator_name",
    ]);
  if (!staff)
    q = q.where((eb) =>
      eb.or([eb("disputes.claimant_org_id", "=", org!), eb("disputes.respondent_org_id", "=", org!), eb("disputes.mediator_org_id", "=", org!)]),
    );
  const rows = await q
    .orderBy(sql`disputes.mediator_kind is null and disputes.status in ('open','answered')`, "desc")
    .orderBy("disputes.updated_at", "desc")
    .limit(DISPUTES_PAGE_SIZE)
    .execute();
  return {
    staff,
    items: rows.map(({ claimant_org_id, respondent_org_id, mediator_kind, mediator_org_id, overdue_at, ...r }) => ({
      ...r,
      role: roleIn({ claimant_org_id, respondent_org_id, mediator_kind, mediator_org_id }, a),
      overdue: !!overdue_at,
      awaitingMediator: mediator_kind === null && !FINAL.includes(r.status),
      mediator: mediator_kind === "secretariat" ? "secretariat" : null,
    })),
  };
}

/** Socket rooms are joined only after the same check as the page. */
export async function assertDisputeReader(db: Db, actor: Actor | null, disputeId: string): Promise<void> {
  await requireDisputeReader(db, actor, disputeId);
}

/**
 * The deadline job: reminds each respondent once, REMINDER_LEAD_MS before its answer is due, and
 * marks each unanswered dispute overdue once when the time has passed (a timeline entry, an audit
 * row, a notice to both parties and the secretariat). Each dispute is marked in the same
 * transaction as its notices, so a second run finds nothing to do.
 */
export async function runDisputeDeadlines(db: Db, now: Date): Promise<{ reminded: number; overdue: number }> {
  return db.transaction().execute(async (trx) => {
    const reminded = await trx
      .updateTable("disputes")
      .set({ reminded_at: now })
      .where("status", "=", "open")
      .where("reminded_at", "is", null)
      .where("answer_due_at", ">", now)
      .where("answer_due_at", "<=", new Date(now.getTime() + REMINDER_LEAD_MS))
      .returning(["id", "title", "respondent_org_id", "answer_due_at"])
      .execute();
    for (const d of reminded) {
      const days = Math.max(1, Math.ceil((d.answer_due_at.getTime() - now.getTime()) / DAY_MS));
      await storeNotifications(trx, await memberIdsOf(trx, d.respondent_org_id), "dispute.answerDue", { disputeId: d.id, title: d.title, days });
    }
    const overdue = await trx
      .updateTable("disputes")
      .set({ overdue_at: now })
      .where("status", "=", "open")
      .where("overdue_at", "is", null)
      .where("answer_due_at", "<=", now)
      .returning(["id", "title", "claimant_org_id", "respondent_org_id"])
      .execute();
    for (const d of overdue) {
      await addStatement(trx, d.id, null, "system", "overdue", "");
      await writeAudit(trx, { actorId: null, action: "dispute.overdue", entityType: "dispute", entityId: d.id, after: { overdue: true } });
      const people = new Set([...(await memberIdsOf(trx, [d.claimant_org_id, d.respondent_org_id])), ...(await secretariatIds(trx))]);
      await storeNotifications(trx, [...people], "dispute.overdue", { disputeId: d.id, title: d.title });
    }
    return { reminded: reminded.length, overdue: overdue.length };
  });
}

/** What an organisation's record reads about it from disputes (see disputeFactsFor). */
export interface DisputeFacts {
  /** Disputes other organisations opened against it (any status). */
  openedAgainst: number;
  /** Of those, decided against it: the claim was upheld. */
  upheldAgainst: number;
  /** Its answers as respondent given by the deadline (before any overdue mark). */
  answeredOnTime: number;
  /** Its answers given after the deadline (or after the overdue mark), plus disputes left unanswered past it. */
  answeredLate: number;
  /** The latest dispute opened against it, or null. */
  lastOpenedAt: Date | null;
}

/**
 * The dispute facts of each organisation in `orgIds`, as the platform observed them: for the
 * credit record. Every id asked for is in the answer (zeros when there is nothing). No reader check:
 * these are counts the record shows publicly, never a dispute's content.
 *
 *   const facts = await disputeFactsFor(db, [orgA, orgB]);
 *   facts[orgA].upheldAgainst // 1
 */
export async function disputeFactsFor(db: Executor, orgIds: readonly string[]): Promise<Record<string, DisputeFacts>> {
  const out: Record<string, DisputeFacts> = {};
  for (const id of orgIds) out[id] = { openedAgainst: 0, upheldAgainst: 0, answeredOnTime: 0, answeredLate: 0, lastOpenedAt: null };
  if (!orgIds.length) return out;
  const rows = await db
    .selectFrom("disputes")
    .select([
      "respondent_org_id as org_id",
      sql<number>`count(*)::int`.as("opened"),
      sql<number>`count(*) filter (where status = 'upheld')::int`.as("upheld"),
      sql<number>`count(*) filter (where answered_at is not null and answered_at <= answer_due_at and overdue_at is null)::int`.as("on_time"),
      sql<number>`count(*) filter (where overdue_at is not null or answered_at > answer_due_at or (answered_at is null and answer_due_at < now()))::int`.as(
        "late",
      ),
      sql<Date>`max(created_at)`.as("last_opened"),
    ])
    .where("respondent_org_id", "in", [...orgIds])
    .groupBy("respondent_org_id")
    .execute();
  for (const r of rows)
    out[r.org_id] = { openedAgainst: r.opened, upheldAgainst: r.upheld, answeredOnTime: r.on_time, answeredLate: r.late, lastOpenedAt: r.last_opened };
  return out;
}
