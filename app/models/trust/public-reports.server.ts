import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Locale } from "../../i18n";
import { writeAudit } from "../core/audit.server";
import { DomainError, notFound } from "../core/errors";
import { LIMITS, enforceLimit } from "../core/rate-limit.server";
import { toFieldErrors } from "../core/zod-fields";
import { allowAccountMail } from "../accounts/mail-limits.server";
import { noMailer, queueMail, type Mailer } from "../accounts/mail.server";
import { TOKEN_PATTERN, hashToken, newToken } from "../accounts/tokens.server";
import { publicReportSchema } from "./public-report-schema";
import { publicReportConfirmMail } from "./public-report-mail.server";
import { REPORT_DUE_DAYS } from "./reports.server";

type Db = Kysely<Database>;

/**
 * The public personal-information report (信息安全举报机制): anyone, signed out too, reports the
 * abuse of personal information with a contact address. The report waits as `unconfirmed` until
 * the mailed link is confirmed; only then does it enter the moderators' queue (status `open`, due
 * REPORT_DUE_DAYS later). The link carries a random token (32 bytes); the row keeps its SHA-256.
 * Whatever happens after the form is valid, the filer reads the same answer: nothing tells them
 * whether a mail left, so the form says nothing about an address.
 */

/** A link is good this long after the report was filed. */
export const CONFIRM_WITHIN_HOURS = 24;
/** Unconfirmed reports older than this are deleted by the reports.deadlines job. */
export const PURGE_UNCONFIRMED_AFTER_DAYS = 7;

/** Where the mail's link points and in which language it (and the decision mail) is written. */
export interface PublicReportContext {
  /** The configured public URL (context.publicUrl), never the Host header of the request. */
  origin: string;
  locale: Locale;
  /** The filer's address as the server saw it: the per-IP limit counts it. */
  ip: string;
}

const excerpt = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * What is affected, as the queue shows it: a page of this site (a full URL on the public origin or
 * a path) becomes a same-site link; anything else (another site, free text) stays text, unlinked.
 */
export function affectedPath(affected: string, origin: string): string {
  const text = affected.trim();
  if (!text.startsWith("/") && !/^https?:\/\//i.test(text)) return "";
  let url: URL;
  try {
    url = new URL(text, `${origin.replace(/\/$/, "")}/`);
  } catch {
    return "";
  }
  if (url.origin !== new URL(origin).origin || /^\/[/\\]/.test(url.pathname)) return "";
  return url.pathname + url.search + url.hash;
}

/**
 * Files a public report and mails its confirmation link. Invalid input is a 400 with field errors;
 * past the per-IP limit a 429 (the same for every address). Past the quiet allowance per address,
 * nothing is stored or sent and the answer is the same as for a report that was filed.
 */
export async function filePublicReport(db: Db, input: unknown, ctx: PublicReportContext, mailer: Mailer = noMailer): Promise<void> {
  const parsed = publicReportSchema.safeParse(input);
  if (!parsed.success) throw new DomainError(400, "errors.fixBelow", {}, toFieldErrors(parsed.error));
  const v = parsed.data;
  await enforceLimit(db, `public-report:ip:${ctx.ip}`, LIMITS.publicReportPerIp.limit, LIMITS.publicReportPerIp.windowSeconds);
  if (!(await allowAccountMail(db, "report_confirm", v.contactEmail))) return;
  const token = newToken();
  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("reports")
      .values({
        id,
        target_type: "personal_info",
        // No platform content is the target: the report names itself, and says in words what is affected.
        target_id: id,
        target_title: excerpt(v.affected, 200),
        target_path: affectedPath(v.affected, ctx.origin),
        target_org_id: null,
        reporter_id: null,
        reporter_org_id: null,
        category: "personal_info",
        description: v.description,
        status: "unconfirmed",
        contact_email: v.contactEmail,
        contact_locale: ctx.locale,
        confirm_token_hash: hashToken(token),
      })
      .execute();
    await writeAudit(trx, { actorId: null, action: "report.public_filed", entityType: "report", entityId: id, after: { target: "personal_info" } });
    await queueMail(trx, publicReportConfirmMail(ctx.origin, ctx.locale, v.contactEmail, token));
  });
  void mailer.flush();
}

type LinkState = "valid" | "unknown" | "used" | "expired";

const REFUSALS: Record<Exclude<LinkState, "valid">, () => DomainError> = {
  unknown: () => notFound("trust.publicReport.linkUnknown"),
  used: () => new DomainError(410, "trust.publicReport.linkUsed"),
  expired: () => new DomainError(410, "trust.publicReport.linkExpired"),
};

async function linkState(db: Db, token: string): Promise<LinkState> {
  if (!TOKEN_PATTERN.test(token)) return "unknown";
  const row = await db
    .selectFrom("reports")
    .select(["confirmed_at", sql<boolean>`created_at > now() - make_interval(hours => ${CONFIRM_WITHIN_HOURS})`.as("fresh")])
    .where("confirm_token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return "unknown";
  if (row.confirmed_at) return "used";
  return row.fresh ? "valid" : "expired";
}

/**
 * What the page behind the link may offer, read without spending anything (a mail scanner
 * fetching the link confirms nothing): a live link, or a 404 (unknown) / 410 (used, expired).
 */
export async function checkPublicReportLink(db: Db, token: string): Promise<void> {
  const state = await linkState(db, token);
  if (state !== "valid") throw REFUSALS[state]();
}

/**
 * The page's button: within CONFIRM_WITHIN_HOURS of filing, the report is confirmed and enters the
 * queue with the usual due date. One statement decides, so a replay (or two posts at once) changes
 * nothing the second time and reads "already used".
 */
export async function confirmPublicReport(db: Db, token: string): Promise<string> {
  if (!TOKEN_PATTERN.test(token)) throw REFUSALS.unknown();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("reports")
      .set({
        status: "open",
        confirmed_at: sql`now()`,
        due_at: sql`now() + make_interval(days => ${REPORT_DUE_DAYS})`,
      })
      .where("confirm_token_hash", "=", hashToken(token))
      .where("status", "=", "unconfirmed")
      .where("confirmed_at", "is", null)
      .where(sql<boolean>`created_at > now() - make_interval(hours => ${CONFIRM_WITHIN_HOURS})`)
      .returning("id")
      .executeTakeFirst();
    if (!row) {
      const why = await linkState(trx, token);
      throw REFUSALS[why === "valid" ? "used" : why]();
    }
    await writeAudit(trx, { actorId: null, action: "report.public_confirmed", entityType: "report", entityId: row.id, before: { status: "unconfirmed" } });
    return row.id;
  });
}

/** The reports.deadlines job's sweep: unconfirmed reports left past PURGE_UNCONFIRMED_AFTER_DAYS are deleted. */
export async function purgeUnconfirmedReports(db: Db, now = new Date()): Promise<number> {
  const res = await db
    .deleteFrom("reports")
    .where("status", "=", "unconfirmed")
    .where("created_at", "<", new Date(now.getTime() - PURGE_UNCONFIRMED_AFTER_DAYS * 24 * 3_600_000))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
