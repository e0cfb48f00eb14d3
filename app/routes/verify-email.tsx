import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { getT } from "~/i18n";
import { guard, requireActor, safeRedirect } from "~/lib/http.server";
import { resendVerification, verifyEmail } from "~/models/accounts/email-verification.server";
import { createUserSession } from "~/models/accounts/users.server";
import { SHELL_ONLY } from "~/i18n/catalog-parts";

/**
 * The link from the confirmation mail: confirms the address and signs the member in (the link
 * reached their mailbox and works once), then goes where they were heading.
 */

/** Rendered from the shell part of the catalog (i18n/catalog-parts.ts). */
export const handle = SHELL_ONLY;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const userId = await guard(context, () => verifyEmail(context.db, token));
  const { cookie } = await createUserSession(context.lucia, userId, { ip: context.clientIp, userAgent: context.userAgent });
  const next = safeRedirect(url.searchParams.get("next"), "/home");
  return redirect(`${next}${next.includes("?") ? "&" : "?"}verified=1`, { headers: { "Set-Cookie": cookie } });
}

/** "Send the confirmation again", from the dashboard banner. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  await guard(context, () => resendVerification(context.db, actor, { origin: context.origin, locale: context.locale }, context.mailer));
  return json({ ok: true as const, message: getT(context.locale)("mail.resent") });
}

export const ErrorBoundary = RouteErrorBoundary;
