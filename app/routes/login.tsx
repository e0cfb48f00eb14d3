import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextField } from "~/components/forms";
import { handleForm, safeRedirect } from "~/lib/http.server";
import { useClearPassword } from "~/lib/use-clear-password";
import { createUserSession, signIn } from "~/models/accounts/users.server";
import { rememberDevice } from "~/models/accounts/known-devices.server";
import { hasTwoFactor, openChallenge } from "~/models/accounts/two-factor.server";
import { challengeCookie } from "~/lib/two-factor-cookie.server";
import { signInSchema } from "~/models/accounts/account-schema";
import { useClientCheck } from "~/lib/client-check";
import { titled } from "~/lib/page-meta";
import { SHELL_ONLY } from "~/i18n/catalog-parts";

/** Rendered from the shell part of the catalog (i18n/catalog-parts.ts). */
export const handle = SHELL_ONLY;

export const meta = titled("auth.signInTitle");

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const next = new URL(request.url).searchParams.get("next");
  return handleForm(context, request, signInSchema, async (data) => {
    const userId = await signIn(context.db, data, context.clientIp);
    if (await hasTwoFactor(context.db, userId)) {
      // The password was right; the session waits for the second step.
      const ticket = await openChallenge(context.db, userId);
      return redirect(`/login/2fa${next ? `?next=${encodeURIComponent(next)}` : ""}`, {
        headers: { "Set-Cookie": challengeCookie(ticket, new URL(request.url).protocol === "https:") },
      });
    }
    const { cookie } = await createUserSession(context.lucia, userId, { ip: context.clientIp, userAgent: context.userAgent });
    // This browser is now one of the account's devices: its own reset requests skip strangers' limits.
    const device = await rememberDevice(context.db, userId, new URL(request.url).protocol === "https:");
    return redirect(safeRedirect(next), {
      headers: [
        ["Set-Cookie", cookie],
        ["Set-Cookie", device],
      ],
    });
  });
}

export default function Login() {
  const check = useClientCheck(signInSchema);
  const answer = useActionData<typeof action>();
  const data = check.shown(answer);
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const next = params.get("next");
  const formRef = useClearPassword(answer);
  return (
    <section className="card narrow">
      <h1>{t("auth.signInTitle")}</h1>
      {next && !params.has("reset") && !params.has("verified") ? (
        <p className="alert alert-info" role="status" data-testid="sign-in-reason">
          {t("auth.signInToContinue")}
        </p>
      ) : null}
      {params.has("reset") ? (
        <p className="alert alert-ok" role="status">
          {t("mail.resetDone")}
        </p>
      ) : null}
      {params.has("verified") ? (
        <p className="alert alert-ok" role="status" data-testid="verified-sign-in">
          {t("mail.verifyDoneSignIn")}
        </p>
      ) : null}
      <Form method="post" noValidate ref={formRef} onSubmit={check.onSubmit}>
        <FormError data={data} />
        <TextField name="email" type="email" label={t("auth.email")} autoComplete="email" required data={data} />
        <TextField name="password" type="password" label={t("auth.password")} autoComplete="current-password" required data={data} />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t("auth.signingIn") : t("auth.submitSignIn")}
        </button>
      </Form>
      <p className="muted">
        <Link to="/forgot-password">{t("mail.forgotLink")}</Link>
      </p>
      <p className="muted">
        {t("auth.noAccount")} <Link to={next ? `/signup?next=${encodeURIComponent(next)}` : "/signup"}>{t("auth.submitSignUp")}</Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
