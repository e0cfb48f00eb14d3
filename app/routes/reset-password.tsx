import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextField } from "~/components/forms";
import { handleForm } from "~/lib/http.server";
import { useClearPassword } from "~/lib/use-clear-password";
import { resetPassword } from "~/models/accounts/password-reset.server";
import { resetLinkNeedsCode } from "~/models/accounts/two-factor.server";
import { signUpSchema } from "~/models/accounts/account-schema";
import { useClientCheck } from "~/lib/client-check";
import { titled } from "~/lib/page-meta";
import { SHELL_ONLY } from "~/i18n/catalog-parts";

/** Rendered from the shell part of the catalog (i18n/catalog-parts.ts). */
export const handle = SHELL_ONLY;

export const meta = titled("mail.resetTitle");

const schema = z.object({
  token: z.string({ required_error: "mail.linkInvalid" }).min(1, "mail.linkInvalid").max(200, "mail.linkInvalid"),
  password: signUpSchema.shape.password,
  // Asked only when the account has two-factor on (the model decides; an empty field is no code).
  code: z
    .string()
    .trim()
    .max(20, "mail.twoFactorWrongCode")
    .optional()
    .transform((v) => v || undefined),
});

/** Opening the link spends nothing: the page reads whether the link is alive and whether its account needs a code. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return json({ needsCode: await resetLinkNeedsCode(context.db, token) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleForm(context, request, schema, async ({ token, password, code }) => {
    await resetPassword(context.db, token, password, context.realtime, code);
    return redirect("/login?reset=1", { headers: { "Set-Cookie": context.lucia.createBlankSessionCookie().serialize() } });
  });
}

export default function ResetPassword() {
  const check = useClientCheck(schema);
  const answer = useActionData<typeof action>();
  const data = check.shown(answer);
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { needsCode } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const formRef = useClearPassword(answer);
  if (needsCode === null && !answer) {
    return (
      <section className="card narrow" data-testid="reset-link-invalid">
        <h1>{t("mail.resetTitle")}</h1>
        <p className="alert alert-error" role="alert">
          {t("mail.linkInvalid")}
        </p>
        <p>
          <Link to="/forgot-password">{t("mail.forgotLink")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{t("mail.resetTitle")}</h1>
      <Form method="post" noValidate ref={formRef} onSubmit={check.onSubmit}>
        <FormError data={data} />
        <input type="hidden" name="token" value={params.get("token") ?? ""} />
        <TextField
          name="password"
          type="password"
          label={t("mail.newPassword")}
          hint={t("auth.passwordHint")}
          autoComplete="new-password"
          required
          data={data}
        />
        {needsCode ? (
          <TextField name="code" label={t("mail.resetCodeLabel")} hint={t("mail.resetCodeHint")} autoComplete="one-time-code" required data={data} />
        ) : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {t("mail.resetSubmit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
