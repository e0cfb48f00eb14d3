import type { Locale } from "../../i18n";
import { mailLink, mailT, type OutgoingMail } from "./mail.server";

/** Where links in mail point and in which language. */
export interface LinkContext {
  /** The site's public URL (context.publicUrl), never taken from the request that caused the mail. */
  origin: string;
  locale: Locale;
  /** Where the confirmation link leads after it signs the member in (a same-site path). */
  next?: string;
}

const link = (ctx: LinkContext, path: string) => mailLink(ctx.origin, path);

function compose(
  locale: Locale,
  to: string,
  kind: string,
  subjectKey: string,
  name: string,
  body: string[],
  params: Record<string, unknown> = {},
): OutgoingMail {
  const t = mailT(locale);
  return {
    to,
    kind,
    subject: t(subjectKey, params),
    lines: [t("mail.greeting", { name }), ...body, t("mail.ignore"), t("mail.signature")],
  };
}

export function verifyEmailMail(ctx: LinkContext, to: string, name: string, token: string): OutgoingMail {
  const t = mailT(ctx.locale);
  const next = ctx.next ? `&next=${encodeURIComponent(ctx.next)}` : "";
  return compose(ctx.locale, to, "verify_email", "mail.verifySubject", name, [t("mail.verifyBody"), link(ctx, `/verify-email?token=${token}${next}`)]);
}

export function alreadyRegisteredMail(ctx: LinkContext, to: string, name: string): OutgoingMail {
  const t = mailT(ctx.locale);
  return compose(ctx.locale, to, "already_registered", "mail.existsSubject", name, [
    t("mail.existsBody"),
    t("mail.loginLink", { url: link(ctx, "/login") }),
    t("mail.resetLink", { url: link(ctx, "/forgot-password") }),
  ]);
}

export function resetPasswordMail(ctx: LinkContext, to: string, name: string, token: string): OutgoingMail {
  const t = mailT(ctx.locale);
  return compose(ctx.locale, to, "reset_password", "mail.resetSubject", name, [t("mail.resetBody"), link(ctx, `/reset-password?token=${token}`)]);
}

export function invitationMail(ctx: LinkContext, to: string, org: string, role: string, token: string): OutgoingMail {
  const t = mailT(ctx.locale);
  const roleLabel = t(`enums.orgRole.${role}`, { defaultValue: role });
  return compose(
    ctx.locale,
    to,
    "invitation",
    "mail.inviteSubject",
    to,
    [t("mail.inviteBody", { org, role: roleLabel }), link(ctx, `/invitations/accept?token=${token}`)],
    { org },
  );
}
