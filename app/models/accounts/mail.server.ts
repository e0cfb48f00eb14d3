import nodemailer, { type Transporter } from "nodemailer";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { getT, isLocale, DEFAULT_LOCALE, type Locale } from "../../i18n";
import { logError } from "../core/log.server";
import { redactSecrets } from "../core/redact";
import { mailFrom } from "../core/mail-sender";
import { requireSecretariat, type Actor } from "../core/permissions";

/**
 * Mail is written to the outbox inside the transaction that causes it, and leaves only after the
 * commit (`Mailer.flush`): over SMTP when `SMTP_URL` is set, otherwise to the console (live links
 * only in development, see consoleMail). The outbox keeps what was sent; staff read it redacted.
 */
export interface Mailer {
  /**
   * Sends whatever is queued and not yet sent; failures stay queued for the next flush. Never
   * rejects, so callers start it after their commit without waiting: a slow or absent mail server
   * must not hold up the answer to a write that has already happened.
   */
  flush(): Promise<void>;
  readonly mode: "smtp" | "console" | "none";
}

export const noMailer: Mailer = { flush: async () => {}, mode: "none" };

export interface OutgoingMail {
  to: string;
  kind: string;
  subject: string;
  /** Paragraphs of plain text; links on lines of their own. */
  lines: string[];
}

export async function queueMail(db: Kysely<Database>, mail: OutgoingMail) {
  await db
    .insertInto("mail_outbox")
    .values({ to_email: mail.to, kind: mail.kind, subject: mail.subject, text_body: mail.lines.join("\n\n"), html_body: toHtml(mail.lines) })
    .execute();
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function toHtml(lines: string[]): string {
  const body = lines
    .map((l) => {
      const safe = escapeHtml(l).replace(/https?:\/\/\S+/g, (url) => `<a href="${url}">${url}</a>`);
      return `<p style="margin:0 0 14px">${safe}</p>`;
    })
    .join("");
  return `<!doctype html><html><body style="font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;color:#1c2733;line-height:1.6;max-width:560px">${body}</body></html>`;
}

/** The recipient's language: their saved choice, else the language they were using. */
export function mailLocale(saved: string | null | undefined, fallback: Locale = DEFAULT_LOCALE): Locale {
  return isLocale(saved) ? saved : fallback;
}

export const mailT = (locale: Locale) => getT(locale);

/** A link in a mail, on the site's configured public URL (context.publicUrl; never a request's Host header). */
export const mailLink = (publicUrl: string, path: string) => `${publicUrl.replace(/\/$/, "")}${path}`;

export function createMailer(db: Kysely<Database>, smtpUrl = process.env.SMTP_URL, from = mailFrom(), print: (text: string) => void = consoleMail()): Mailer {
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  let running: Promise<void> | null = null;
  const drain = async () => {
    for (;;) {
      const batch = await claimDueMail(db);
      if (batch.length === 0) return;
      for (const m of batch) {
        try {
          if (transport) await transport.sendMail({ from, to: m.to_email, subject: m.subject, text: m.text_body, html: m.html_body });
          else print(`[mail] to ${m.to_email}: ${m.subject}\n${m.text_body}\n`);
          await db
            .updateTable("mail_outbox")
            .set({ sent_at: sql`now()`, claimed_until: null })
            .where("id", "=", m.id)
            .execute();
        } catch (e) {
          await recordMailFailure(db, m.id, m.attempts, e);
        }
      }
    }
  };
  return {
    mode: transport ? "smtp" : "console",
    // One drain at a time; a flush during a drain waits for it and then drains what is new.
    flush: async () => {
      while (running) await running;
      running = drain()
        .catch((e) => logError("mail: outbox not drained", e))
        .finally(() => (running = null));
      await running;
    },
  };
}

/** Sends per mail before it is given up and shown to staff as failed. */
export const MAIL_MAX_ATTEMPTS = 5;
/** The pause after the first failed send; it doubles with each attempt (1, 2, 4, 8 minutes). */
const MAIL_RETRY_BASE_SECONDS = 60;
/** A sender holds its batch this long; one that died lets the rows go by themselves. */
const MAIL_CLAIM_SECONDS = 120;

/**
 * Takes up to 20 due mails for this sender. Rows another node holds are skipped (FOR UPDATE SKIP
 * LOCKED, then a claim that outlives the statement), so two nodes never send the same mail; a
 * claim whose sender died lapses after MAIL_CLAIM_SECONDS. A send that succeeds but is not recorded
 * (the database went away in between) is sent again: at least once, never silently dropped.
 */
async function claimDueMail(db: Kysely<Database>) {
  const { rows } = await sql<{ id: string; to_email: string; subject: string; text_body: string; html_body: string; attempts: number }>`
    update mail_outbox set claimed_until = now() + make_interval(secs => ${MAIL_CLAIM_SECONDS}), attempts = attempts + 1
    where id in (
      select id from mail_outbox
      where sent_at is null and failed_at is null and next_attempt_at <= now() and (claimed_until is null or claimed_until < now())
      order by id limit 20
      for update skip locked
    )
    returning id, to_email, subject, text_body, html_body, attempts`.execute(db);
  return rows.sort((x, y) => Number(x.id) - Number(y.id));
}

async function recordMailFailure(db: Kysely<Database>, id: string, attempts: number, e: unknown) {
  const error = e instanceof Error ? e.message.slice(0, 300) : "error";
  const last = attempts >= MAIL_MAX_ATTEMPTS;
  if (last) logError(`mail ${id}: given up after ${attempts} attempts`, e);
  await db
    .updateTable("mail_outbox")
    .set({
      last_error: error,
      claimed_until: null,
      failed_at: last ? sql`now()` : null,
      next_attempt_at: sql`now() + make_interval(secs => ${MAIL_RETRY_BASE_SECONDS} * power(2, ${attempts - 1}))`,
    })
    .where("id", "=", id)
    .execute();
}

/** Staff send a mail that was given up on once more: it starts again with a full set of attempts. */
export async function resendMail(db: Kysely<Database>, actor: Actor | null, id: string): Promise<boolean> {
  requireSecretariat(actor);
  const { numUpdatedRows } = await db
    .updateTable("mail_outbox")
    .set({ failed_at: null, attempts: 0, next_attempt_at: sql`now()`, claimed_until: null })
    .where("id", "=", id)
    .where("failed_at", "is not", null)
    .executeTakeFirst();
  return numUpdatedRows > 0n;
}

/**
 * Without SMTP, mail is printed: with its live links only in development (a newcomer on their own
 * machine); anywhere else the console is a log that operators read, so tokens are cut out.
 */
export function consoleMail(nodeEnv = process.env.NODE_ENV, write: (text: string) => void = console.log) {
  return (text: string) => write(nodeEnv === "development" ? text : redactSecrets(text));
}

/**
 * The secretariat reads what the platform sent when there is no SMTP server to deliver it, with
 * every link's token cut out: a live reset or invitation link would let staff take any account.
 */
export async function listOutbox(db: Kysely<Database>, { failedOnly = false, limit = 50 } = {}) {
  const rows = await db
    .selectFrom("mail_outbox")
    .select(["id", "to_email", "kind", "subject", "text_body", "created_at", "sent_at", "failed_at", "attempts", "last_error"])
    .$if(failedOnly, (q) => q.where("failed_at", "is not", null))
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((m) => ({ ...m, text_body: redactSecrets(m.text_body) }));
}
