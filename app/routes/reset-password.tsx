import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextField } from "~/components/forms";
import { handleForm } from "~/lib/http.server";
import { useClearPassword } from "~/lib/use-clear-password";
import { resetPassword } from "~/models/accounts/password-reset.server";
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
});

export async function action({ request, context }: ActionFunctionArgs) {
  return handleForm(context, request, schema, async ({ token, password }) => {
    await resetPassword(context.db, token, password, context.realtime);
    return redirect("/login?reset=1", { headers: { "Set-Cookie": context.lucia.createBlankSessionCookie().serialize() } });
  });
}

export default function ResetPassword() {
  const check = useClientCheck(schema);
  const answer = useActionData<typeof action>();
  const data = check.shown(answer);
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const formRef = useClearPassword(answer);
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
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {t("mail.resetSubmit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
