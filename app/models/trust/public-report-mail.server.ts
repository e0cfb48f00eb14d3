import type { Locale } from "../../i18n";
import { mailLink, mailT, type OutgoingMail } from "../accounts/mail.server";
import type { ReportDecision } from "./vocabulary";

/*
 * The two mails a public reporter receives, in the language they filed in. Both greet the address
 * itself and never repeat what was typed into the form: whoever filed may not own the address, and
 * a stranger's words must not reach its inbox through us.
 */

/** The confirmation link, on the configured public URL (never the Host of the request that filed it). */
export function publicReportConfirmMail(origin: string, locale: Locale, to: string, token: string): OutgoingMail {
  const t = mailT(locale);
  return {
    to,
    kind: "report_confirm",
    subject: t("trust.publicReport.mailSubject"),
    lines: [
      t("mail.greeting", { name: to }),
      t("trust.publicReport.mailBody"),
      mailLink(origin, `/reports/confirm?token=${token}`),
      t("trust.publicReport.mailExpiry"),
      t("mail.ignore"),
      t("mail.signature"),
    ],
  };
}

/** What the secretariat decided, with its reason, to the confirmed contact of an account-less report. */
export function publicReportDecisionMail(locale: Locale, to: string, decision: ReportDecision, reason: string): OutgoingMail {
  const t = mailT(locale);
  return {
    to,
    kind: "report_decided",
    subject: t("trust.publicReport.decisionSubject"),
    lines: [
      t("mail.greeting", { name: to }),
      t("trust.publicReport.decisionBody", { decision: t(`trust.decisions.${decision}`) }),
      t("trust.publicReport.decisionReason", { reason }),
      t("mail.signature"),
    ],
  };
}
