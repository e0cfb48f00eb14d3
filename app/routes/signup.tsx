import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextField } from "~/components/forms";
import { handleForm, safeRedirect } from "~/lib/http.server";
import { useClearPassword } from "~/lib/use-clear-password";
import { signUp } from "~/models/accounts/users.server";
import { signUpSchema } from "~/models/accounts/account-schema";
import { useClientCheck } from "~/lib/client-check";
import { titled } from "~/lib/page-meta";
import { SHELL_ONLY } from "~/i18n/catalog-parts";

/** Rendered from the shell part of the catalog (i18n/catalog-parts.ts). */
export const handle = SHELL_ONLY;

export const meta = titled("auth.signUpTitle");

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect("/home");
  return null;
}

/** The same answer for a new address and a taken one: the mail says which it was. */
export async function action({ request, context }: ActionFunctionArgs) {
  const next = new URL(request.url).searchParams.get("next");
  return handleForm(context, request, signUpSchema, async (data) => {
    await signUp(
      context.db,
      data,
      { origin: context.publicUrl, locale: context.locale, next: next ? safeRedirect(next) : undefined },
      context.mailer,
      context.clientIp,
    );
    return json({ ok: true as const, sent: true });
  });
}

export default function SignUp() {
  const check = useClientCheck(signUpSchema);
  const answer = useActionData<typeof action>();
  const data = check.shown(answer);
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const next = params.get("next");
  const formRef = useClearPassword(answer);
  if (answer && "sent" in answer) {
    return (
      <section className="card narrow" data-testid="signup-sent">
        <h1>{t("mail.sentTitle")}</h1>
        <p>{t("mail.sentBody")}</p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{t("auth.signUpTitle")}</h1>
      <Form method="post" noValidate ref={formRef} onSubmit={check.onSubmit}>
        <FormError data={data} />
        <TextField name="displayName" label={t("auth.displayName")} autoComplete="name" required maxLength={80} data={data} />
        <TextField name="email" type="email" label={t("auth.email")} autoComplete="email" required data={data} />
        <TextField name="password" type="password" label={t("auth.password")} hint={t("auth.passwordHint")} autoComplete="new-password" required data={data} />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {t("auth.submitSignUp")}
        </button>
      </Form>
      <p className="muted">
        {t("auth.haveAccount")} <Link to={next ? `/login?next=${encodeURIComponent(next)}` : "/login"}>{t("auth.submitSignIn")}</Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
