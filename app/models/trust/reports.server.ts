import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { conflict, invalid, notFound, refusingDuplicates } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { approvedOrg, isModerator, requireApprovedMember, requireModerator, requireUser, type Actor, type MemberActor } from "../core/permissions";
import { memberIdsOf } from "../core/org-members.server";
import { getListing, takeDownListing } from "../marketplace/listings.server";
import { getMatchView } from "../marketplace/deals.server";
import { getScenario } from "../scenarios/scenarios.server";
import { requireChannelReader } from "../standards/group-channel.server";
import { getDraft } from "../standards/drafts.server";
import type { DecisionInput, ReportInput } from "./report-schema";
import { storeEvidence, type CheckedEvidence } from "./evidence.server";
import { getProfile } from "../directory/profiles.server";
import { moderateInTrx } from "./moderation.server";
import type { ReportDecision, ReportTarget, StoredReportTarget } from "./vocabulary";
import { allowAccountMail } from "../accounts/mail-limits.server";
import { mailLocale, noMailer, queueMail, type Mailer } from "../accounts/mail.server";
import { publicReportDecisionMail } from "./public-report-mail.server";

type Db = Kysely<Database>;

/**
 * Reports and complaints (举报投诉) and the moderation queue that decides them. Anonymity is a
 * property of the data: the reporter is read only by the moderators' queue and by the reporter;
 * what the reported organisation reads (its page, its notifications, its mail) never names them.
 */

/** The decisions a moderator may take on each kind of target; the queue offers these and decideReport enforces them. */
export const DECISIONS_FOR: Record<StoredReportTarget, readonly ReportDecision[]> = {
  listing: ["dismiss", "warn", "hide", "suspend_listing", "suspend_org"],
  scenario: ["dismiss", "warn", "hide", "suspend_org"],
  profile: ["dismiss", "warn", "hide", "suspend_org"],
  organisation: ["dismiss", "warn", "hide", "suspend_org"],
  group_message: ["dismiss", "warn", "hide"],
  draft_comment: ["dismiss", "warn", "hide"],
  match: ["dismiss", "warn", "suspend_org"],
  personal_info: ["dismiss", "warn"],
};

/** A report is due this long after it enters the queue; moderators are reminded this long before. */
export const REPORT_DUE_DAYS = 7;
export const REMIND_BEFORE_HOURS = 24;

/** What is reported, as its own model shows it to this reader (so a member reports only what they may see). */
export interface ReportTargetView {
  type: ReportTarget;
  id: string;
  title: string;
  path: string;
  /** The organisation that owns or wrote it: the reported party. */
  orgId: string | null;
}

const excerpt = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

async function orgOfUser(db: Db, userId: string): Promise<string | null> {
  const row = await db.selectFrom("org_members").select("org_id").where("user_id", "=", userId).orderBy("created_at").executeTakeFirst();
  return row?.org_id ?? null;
}

/** Each target's reader check and owner, through the model that owns it. */
const TARGETS: Record<ReportTarget, (db: Db, actor: Actor, id: string) => Promise<Omit<ReportTargetView, "type" | "id">>> = {
  async listing(db, actor, id) {
    const l = await getListing(db, actor, id);
    return { title: l.title, path: `/listings/${id}`, orgId: l.orgId };
  },
  async scenario(db, actor, id) {
    const s = await getScenario(db, actor, id);
    return { title: s.title, path: `/scenarios/${id}`, orgId: s.orgId };
  },
  async organisation(db, _actor, id) {
    const o = await db
      .selectFrom("organisations")
      .select(["id", "name_zh"])
      .where("id", "=", id)
      .where("status", "=", "approved")
      .where("hidden_at", "is", null)
      .where("suspended_at", "is", null)
      .executeTakeFirst();
    if (!o) throw notFound();
    return { title: o.name_zh, path: `/orgs/${id}`, orgId: o.id };
  },
  async profile(db, actor, id) {
    const p = await getProfile(db, actor, id);
    return { title: p.nameZh, path: `/enterprises/${id}`, orgId: p.orgId };
  },
  async group_message(db, actor, id) {
    const m = await db.selectFrom("group_messages").select(["group_id", "author_id", "body", "hidden_at"]).where("id", "=", id).executeTakeFirst();
    if (!m || m.hidden_at) throw notFound();
    await requireChannelReader(db, actor, m.group_id);
    return { title: excerpt(m.body), path: `/groups/${m.group_id}/channel`, orgId: await orgOfUser(db, m.author_id) };
  },
  async draft_comment(db, actor, id) {
    const c = await db
      .selectFrom("draft_comments")
      .innerJoin("drafts", "drafts.id", "draft_comments.draft_id")
      .select(["drafts.group_id", "draft_comments.draft_id", "draft_comments.author_id", "draft_comments.clause", "draft_comments.comment"])
      .where("draft_comments.id", "=", id)
      .where("draft_comments.hidden_at", "is", null)
      .executeTakeFirst();
    if (!c) throw notFound();
    await getDraft(db, actor, c.group_id, c.draft_id);
    return { title: excerpt(`${c.clause} · ${c.comment}`), path: `/groups/${c.group_id}/drafts/${c.draft_id}`, orgId: await orgOfUser(db, c.author_id) };
  },
  async match(db, actor, id) {
    // Only a party may report a deal, and what it reports is the other side.
    const m = await getMatchView(db, actor, id);
    if (!m.side) throw notFound();
    const other = m.side === "supply" ? m.demand : m.supply;
    return { title: `${m.supply.title} ⇄ ${m.demand.title}`, path: `/matches/${id}`, orgId: other.orgId };
  },
};

/** Who may report: any signed-in member of an approved organisation. */
const requireReporter = (actor: Actor | null): MemberActor => requireApprovedMember(actor, "trust.errors.memberOnly");

/** What may be reported, or who may file: decided here, so the report buttons only render it. */
export function reportCan(actor: Actor | null, ownerOrgId: string | null): boolean {
  const org = approvedOrg(actor);
  return !!org && org.id !== ownerOrgId;
}

/** The target of a report form: refused as the filing would be, before anything is typed. */
export async function reportTarget(db: Db, actor: Actor | null, type: ReportTarget, id: string): Promise<ReportTargetView> {
  const a = requireReporter(actor);
  const target = { type, id, ...(await TARGETS[type](db, a, id)) };
  if (target.orgId === a.org.id) throw invalid("trust.errors.ownContent");
  return target;
}

/** `evidence`: files already checked by checkEvidence (evidence.server.ts), stored with the report. */
export async function fileReport(db: Db, actor: Actor | null, input: ReportInput, evidence: readonly CheckedEvidence[] = []): Promise<string> {
  const a = requireReporter(actor);
  const target = await reportTarget(db, a, input.targetType, input.targetId);
  return db.transaction().execute(async (trx) => {
    const row = await refusingDuplicates({ reports_one_open_per_target: ["trust.errors.alreadyReported"] }, () =>
      trx
        .insertInto("reports")
        .values({
          target_type: target.type,
          target_id: target.id,
          target_title: target.title,
          target_path: target.path,
          target_org_id: target.orgId,
          reporter_id: a.id,
          reporter_org_id: a.org.id,
          category: input.category,
          description: input.description,
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    await writeAudit(trx, {
      actorId: a.id,
      action: "report.filed",
      entityType: "report",
      entityId: row.id,
      after: { target: `${target.type}:${target.id}`, category: input.category },
    });
    await storeEvidence(trx, a, { type: "report", id: row.id }, evidence);
    return row.id;
  });
}

const REPORT_COLUMNS = [
  "reports.id",
  "reports.target_type",
  "reports.target_id",
  "reports.target_title",
  "reports.target_path",
  "reports.category",
  "reports.status",
  "reports.decision",
  "reports.decision_reason",
  "reports.decided_at",
  "reports.created_at",
] as const;

/** What the reporter also reads: the moderators' question and their own answer. */
const REPORTER_COLUMNS = [...REPORT_COLUMNS, "reports.info_request", "reports.info_requested_at", "reports.info_reply", "reports.info_replied_at"] as const;

/** The reporter's own reports, with what was decided. */
export async function myReports(db: Db, actor: Actor | null) {
  const a = requireUser(actor);
  const rows = await db.selectFrom("reports").select(REPORTER_COLUMNS).where("reporter_id", "=", a.id).orderBy("created_at", "desc").limit(100).execute();
  return rows.map((r) => ({ ...r, can: { reply: r.status === "open" && !!r.info_requested_at && !r.info_replied_at } }));
}

/**
 * What the reported organisation learns: the decided reports about its content, the category and
 * the decision with its reason. Never the reporter, nor their words (which may name them).
 */
export async function reportsAboutMyOrg(db: Db, actor: Actor | null) {
  const org = approvedOrg(requireUser(actor));
  if (!org) return [];
  return db
    .selectFrom("reports")
    .select(REPORT_COLUMNS)
    .where("target_org_id", "=", org.id)
    .where("status", "=", "decided")
    .orderBy("decided_at", "desc")
    .limit(100)
    .execute();
}

export const QUEUE_PAGE_SIZE = 50;

/** The moderators' queue: open reports oldest first (or the decided ones, newest first), with who reported. */
export async function moderationQueue(db: Db, actor: Actor | null, filter: { status: "open" | "decided" }) {
  requireModerator(actor);
  const rows = await db
    .selectFrom("reports")
    .leftJoin("users as reporter", "reporter.id", "reports.reporter_id")
    .leftJoin("organisations as reporter_org", "reporter_org.id", "reports.reporter_org_id")
    .leftJoin("organisations as target_org", "target_org.id", "reports.target_org_id")
    .select(REPORT_COLUMNS)
    .select([
      "reports.description",
      "reporter.display_name as reporter_name",
      "reporter_org.name_zh as reporter_org_name",
      "target_org.name_zh as target_org_name",
      "reports.contact_email",
      "reports.due_at",
      "reports.overdue_at",
      "reports.info_request",
      "reports.info_requested_at",
      "reports.info_reply",
      "reports.info_replied_at",
    ])
    .where("reports.status", "=", filter.status)
    .orderBy(filter.status === "open" ? "reports.due_at" : "reports.decided_at", filter.status === "open" ? "asc" : "desc")
    .orderBy("reports.id")
    .limit(QUEUE_PAGE_SIZE)
    .execute();
  const now = Date.now();
  return rows.map((r) => ({
    ...r,
    reporter_name: r.reporter_name ?? r.contact_email,
    /** Filed signed out, with a confirmed contact address (shown to staff only: this is their queue). */
    public_report: !r.reporter_name && !!r.contact_email,
    overdue: r.status === "open" && new Date(r.due_at).getTime() <= now,
    decisions: r.status === "open" ? DECISIONS_FOR[r.target_type] : [],
    can: { askForInfo: r.status === "open" && !!r.reporter_name && (!r.info_requested_at || !!r.info_replied_at) },
  }));
}

/** Open reports waiting for a moderator: the count on the staff menu. */
export async function openReportCount(db: Db, actor: Actor | null): Promise<number> {
  if (!isModerator(actor)) return 0;
  const r = await db
    .selectFrom("reports")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return r.n;
}

/** What a decision does to its target, inside the decision's transaction; returns the owner's notices from the target's own model. */
async function applyDecision(
  trx: Transaction<Database>,
  actor: Actor,
  report: { id: string; target_type: StoredReportTarget; target_id: string; target_org_id: string | null },
  decision: ReportDecision,
  reason: string,
) {
  if (report.target_type === "listing" && decision === "suspend_listing") return takeDownListing(trx, actor, report.target_id, "suspend", reason);
  if (decision === "hide" && report.target_type !== "match" && report.target_type !== "personal_info")
    return (await moderateInTrx(trx, actor, { targetType: report.target_type, targetId: report.target_id, kind: "hide", reason, reportId: report.id })).notes;
  if (decision === "suspend_org") {
    if (!report.target_org_id) throw invalid("trust.errors.decisionNotFor", "decision");
    return (await moderateInTrx(trx, actor, { targetType: "organisation", targetId: report.target_org_id, kind: "suspend_org", reason, reportId: report.id }))
      .notes;
  }
  return [];
}

/**
 * A moderator decides an open report with a reason: audited, applied to the target, and told to the
 * reporter and to the reported organisation (which learns the decision, never the reporter).
 */
export async function decideReport(
  db: Db,
  actor: Actor | null,
  input: DecisionInput,
  realtime: Realtime = noRealtime,
  mailer: Mailer = noMailer,
): Promise<void> {
  const a = requireModerator(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom("reports").selectAll().where("id", "=", input.reportId).forUpdate().executeTakeFirst();
    if (!report) throw notFound();
    if (report.status !== "open") throw conflict("trust.errors.alreadyDecided");
    if (!DECISIONS_FOR[report.target_type].includes(input.decision)) throw invalid("trust.errors.decisionNotFor", "decision");
    const targetNotes = await applyDecision(trx, a, report, input.decision, input.reason);
    await trx
      .updateTable("reports")
      .set({ status: "decided", decision: input.decision, decision_reason: input.reason, decided_by: a.id, decided_at: sql`now()` })
      .where("id", "=", report.id)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "report.decided",
      entityType: "report",
      entityId: report.id,
      before: { status: "open" },
      after: { decision: input.decision, reason: input.reason, target: `${report.target_type}:${report.target_id}` },
    });
    const about = { reportId: report.id, title: report.target_title, decision: input.decision };
    const toReporter = report.reporter_id ? await storeNotifications(trx, [report.reporter_id], "report.decided", about) : [];
    // A public report has no account to notify: its confirmed contact is mailed, in the language it filed in.
    if (!report.reporter_id && report.contact_email && report.confirmed_at && (await allowAccountMail(trx, "report_decided", report.contact_email)))
      await queueMail(trx, publicReportDecisionMail(mailLocale(report.contact_locale), report.contact_email, input.decision, input.reason));
    // The reported side hears the decision and its reason; nothing in this payload names the reporter.
    const reported = report.target_org_id ? await memberIdsOf(trx, report.target_org_id, report.reporter_id ? { except: report.reporter_id } : {}) : [];
    const toReported = await storeNotifications(trx, reported, "report.against", { ...about, reason: input.reason });
    return [...targetNotes, ...toReporter, ...toReported];
  });
  deliver(realtime, notes);
  void mailer.flush();
}

/** A moderator asks the reporter for more information; the reporter is told and answers on their reports page. */
export async function askReporter(db: Db, actor: Actor | null, input: { reportId: string; question: string }, realtime: Realtime = noRealtime) {
  const a = requireModerator(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom("reports").selectAll().where("id", "=", input.reportId).forUpdate().executeTakeFirst();
    if (!report) throw notFound();
    if (report.status !== "open") throw conflict("trust.errors.alreadyDecided");
    if (!report.reporter_id) throw invalid("moderation.errors.noReporterAccount");
    if (report.info_requested_at && !report.info_replied_at) throw conflict("moderation.errors.questionPending");
    await trx
      .updateTable("reports")
      .set({ info_request: input.question, info_requested_at: sql`now()`, info_reply: null, info_replied_at: null })
      .where("id", "=", report.id)
      .execute();
    await writeAudit(trx, { actorId: a.id, action: "report.info_requested", entityType: "report", entityId: report.id, after: { question: input.question } });
    return storeNotifications(trx, [report.reporter_id], "report.info_requested", {
      reportId: report.id,
      title: report.target_title,
      question: input.question,
    });
  });
  deliver(realtime, notes);
}

/** The reporter answers the moderators' question with a statement; it shows on the report in the queue. */
export async function answerModerators(db: Db, actor: Actor | null, input: { reportId: string; statement: string }) {
  const a = requireUser(actor);
  await db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom("reports").selectAll().where("id", "=", input.reportId).forUpdate().executeTakeFirst();
    // Only the reporter knows the report exists.
    if (!report || report.reporter_id !== a.id) throw notFound();
    if (report.status !== "open") throw conflict("trust.errors.alreadyDecided");
    if (!report.info_requested_at || report.info_replied_at) throw conflict("moderation.errors.noQuestion");
    await trx
      .updateTable("reports")
      .set({ info_reply: input.statement, info_replied_at: sql`now()` })
      .where("id", "=", report.id)
      .execute();
    await writeAudit(trx, { actorId: a.id, action: "report.info_added", entityType: "report", entityId: report.id, after: { answered: true } });
  });
}

/**
 * The queue's clock, on the job runner: moderators are reminded of open reports due within
 * REMIND_BEFORE_HOURS, and reports past their due date are marked overdue (and told once). Each
 * report is marked in the same statement that selects it, so a run repeated after a crash tells
 * nobody twice. Returns how many reports were reminded and marked.
 */
export async function tickReportDeadlines(db: Db, now = new Date()): Promise<{ reminded: number; overdue: number }> {
  return db.transaction().execute(async (trx) => {
    const soon = await trx
      .updateTable("reports")
      .set({ reminded_at: now })
      .where("status", "=", "open")
      .where("reminded_at", "is", null)
      .where("due_at", "<=", new Date(now.getTime() + REMIND_BEFORE_HOURS * 3_600_000))
      .where("due_at", ">", now)
      .returning(["id", "target_title", "due_at"])
      .execute();
    const late = await trx
      .updateTable("reports")
      .set({ overdue_at: now })
      .where("status", "=", "open")
      .where("overdue_at", "is", null)
      .where("due_at", "<=", now)
      .returning(["id", "target_title", "due_at"])
      .execute();
    if (soon.length || late.length) {
      const staff = (await trx.selectFrom("users").select("id").where("platform_role", "in", ["moderator", "secretariat"]).execute()).map((u) => u.id);
      for (const r of soon) await storeNotifications(trx, staff, "report.due_soon", { moderationQueue: "reports", title: r.target_title, dueAt: r.due_at });
      for (const r of late) await storeNotifications(trx, staff, "report.overdue", { moderationQueue: "reports", title: r.target_title, dueAt: r.due_at });
    }
    return { reminded: soon.length, overdue: late.length };
  });
}
