import nodemailer, { type Transporter } from "nodemailer";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { getT, isLocale, DEFAULT_LOCALE, type Locale } from "../../i18n";
import { logError } from "../core/log.server";
import { redactSecrets } from "../core/redact";

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

export function createMailer(
  db: Kysely<Database>,
  smtpUrl = process.env.SMTP_URL,
  from = process.env.MAIL_FROM ?? "要素 Yaosu <no-reply@yaosu.local>",
  print: (text: string) => void = consoleMail(),
): Mailer {
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  let running: Promise<void> | null = null;
  const drain = async () => {
    for (;;) {
      const batch = await db
        .selectFrom("mail_outbox")
        .select(["id", "to_email", "subject", "text_body", "html_body"])
        .where("sent_at", "is", null)
        .where("attempts", "<", 5)
        .orderBy("id")
        .limit(20)
        .execute();
      if (batch.length === 0) return;
      for (const m of batch) {
        try {
          if (transport) await transport.sendMail({ from, to: m.to_email, subject: m.subject, text: m.text_body, html: m.html_body });
          else print(`[mail] to ${m.to_email}: ${m.subject}\n${m.text_body}\n`);
          await db
            .updateTable("mail_outbox")
            .set({ sent_at: sql`now()`, attempts: sql`attempts + 1` })
            .where("id", "=", m.id)
            .execute();
        } catch (e) {
          await db
            .updateTable("mail_outbox")
            .set({ attempts: sql`attempts + 1`, last_error: e instanceof Error ? e.message.slice(0, 300) : "error" })
            .where("id", "=", m.id)
            .execute();
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
export async function listOutbox(db: Kysely<Database>, limit = 50) {
  const rows = await db
    .selectFrom("mail_outbox")
    .select(["id", "to_email", "kind", "subject", "text_body", "created_at", "sent_at"])
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((m) => ({ ...m, text_body: redactSecrets(m.text_body) }));
}
