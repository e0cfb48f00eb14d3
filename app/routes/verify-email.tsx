import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { getT } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { failure, guard, handleValues, readIntent, requireActor, safeRedirect } from "~/lib/http.server";
import { titled } from "~/lib/page-meta";
import { checkVerificationLink, resendVerification, verifyEmail } from "~/models/accounts/email-verification.server";
import { SHELL_ONLY } from "~/i18n/catalog-parts";

/**
 * The link from the confirmation mail opens a page with one button; only pressing it (a form post
 * from this site) confirms the address. Opening the link (GET or HEAD, a person or a mail scanner)
 * spends nothing, and confirming signs no one in: the link proves a mailbox, not the password or
 * the second factor, and a link mailed to someone else must not sign them into its account.
 */

/** Rendered from the shell part of the catalog (i18n/catalog-parts.ts). */
export const handle = SHELL_ONLY;

export const meta = titled("mail.verifyTitle");

const confirmSchema = z.object({
  token: z.string({ required_error: "mail.linkInvalid" }).min(1, "mail.linkInvalid").max(200, "mail.linkInvalid"),
  next: z.string().max(2000).optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  await guard(context, () => checkVerificationLink(context.db, token, context.actor));
  return json({ token, next: url.searchParams.get("next") ?? "", signedIn: !!context.actor });
}

/** The confirmation button posts `intent=confirm`; the dashboard's "send it again" posts no intent. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readIntent(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  if (form.intent === "confirm") {
    return handleValues(context, form.values, confirmSchema, async ({ token, next }) => {
      await verifyEmail(context.db, token, context.actor);
      const to = safeRedirect(next, "/home");
      // Signed in already (as the link's own account): on to where they were heading. Otherwise sign in.
      if (context.actor) return redirect(`${to}${to.includes("?") ? "&" : "?"}verified=1`);
      return redirect(`/login?verified=1${to === "/home" ? "" : `&next=${encodeURIComponent(to)}`}`);
    });
  }
  const actor = requireActor(context, request);
  await guard(context, () => resendVerification(context.db, actor, { origin: context.publicUrl, locale: context.locale }, context.mailer));
  return json({ ok: true as const, message: getT(context.locale)("mail.resent") });
}

export default function VerifyEmail() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="card narrow" data-testid="verify-email">
      <h1>{t("mail.verifyTitle")}</h1>
      <p>{t(d.signedIn ? "mail.verifyIntroSignedIn" : "mail.verifyIntro")}</p>
      <Form method="post">
        <FormError data={answer} />
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="token" value={d.token} />
        <input type="hidden" name="next" value={d.next} />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {t("mail.verifyConfirm")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
