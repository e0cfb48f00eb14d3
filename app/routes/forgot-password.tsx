import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm, ConformInput } from "~/components/conform-fields";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { requestPasswordReset } from "~/models/accounts/password-reset.server";
import { DEVICE_COOKIE } from "~/models/accounts/known-devices.server";
import { parse } from "cookie";
import { signInSchema } from "~/models/accounts/account-schema";
import { titled } from "~/lib/page-meta";
import { SHELL_ONLY } from "~/i18n/catalog-parts";

/** Rendered from the shell part of the catalog (i18n/catalog-parts.ts). */
export const handle = SHELL_ONLY;

export const meta = titled("mail.forgotTitle");

const schema = z.object({ email: signInSchema.shape.email });

/** The same answer whether or not the address has an account. */
export async function action({ request, context }: ActionFunctionArgs) {
  return handleSubmission(context, request, schema, async ({ email }) => {
    // The owner's own request (signed in, or from a device that signed in) is not held back by strangers' limits.
    const proof = { actor: context.actor, device: parse(request.headers.get("cookie") ?? "")[DEVICE_COOKIE] ?? null };
    await requestPasswordReset(context.db, email, { origin: context.publicUrl, locale: context.locale }, context.mailer, context.clientIp, proof);
    return json({ ok: true as const, sent: true });
  });
}

export default function ForgotPassword() {
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(schema, answer && "sent" in answer ? undefined : answer, { id: "forgot-password" });
  const busy = useNavigation().state === "submitting";
  return (
    <section className="card narrow">
      <h1>{t("mail.forgotTitle")}</h1>
      {answer && "sent" in answer ? (
        <p className="alert alert-ok" role="status" data-testid="reset-sent">
          {t("mail.forgotSent")}
        </p>
      ) : (
        <ConformForm form={form}>
          <p className="muted">{t("mail.forgotIntro")}</p>
          <ConformInput field={fields.email} id="f-email" type="email" label={t("auth.email")} autoComplete="email" />
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {t("mail.forgotSubmit")}
          </button>
        </ConformForm>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
