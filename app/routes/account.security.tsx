import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { CheckedForm } from "~/components/checked-form";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { TextField, type FieldSource } from "~/components/forms";
import { PageHeader } from "~/components/ui";
import { failure, guard, handleValues, readIntent, requireActor } from "~/lib/http.server";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, twoFactorStatus } from "~/models/accounts/two-factor.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("mail.securityTitle", "mail.securityIntro");

const codeSchema = z.object({ code: z.string({ required_error: "v.required" }).trim().min(6, "mail.twoFactorWrongCode").max(20, "mail.twoFactorWrongCode") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    const status = await twoFactorStatus(context.db, actor);
    if (status.enabled) return json({ ...status, enrolment: null, requiredNow: false });
    const { secret, uri } = await beginEnrolment(context.db, actor);
    const qr = await QRCode.toString(uri, { type: "svg", margin: 1, width: 192 });
    return json({ ...status, enrolment: { secret, qr }, requiredNow: new URL(request.url).searchParams.has("required") });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readIntent(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  if (form.intent === "enable") {
    return handleValues(context, form.values, codeSchema, async ({ code }) =>
      json({ ok: true as const, recoveryCodes: await confirmEnrolment(context.db, actor, code) }),
    );
  }
  if (form.intent === "disable") {
    return handleValues(context, form.values, codeSchema, async ({ code }) => {
      await disableTwoFactor(context.db, actor, code);
      return json({ ok: true as const, disabled: true });
    });
  }
  return failure(context, 400, {}, {}, "v.invalid");
}

/** Account security: turn two-factor sign-in on (QR code, first code, recovery codes shown once) or off. */
export default function Security() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const codes: string[] | null = data && "recoveryCodes" in data ? (data.recoveryCodes as string[]) : null;
  return (
    <div className="stack">
      <PageHeader title={t("mail.securityTitle")} intro={t("mail.securityIntro")} />
      {d.requiredNow ? (
        <p className="alert alert-error" role="alert">
          {t("mail.requiredNotice")}
        </p>
      ) : null}
      {codes ? (
        <section className="card" data-testid="recovery-codes">
          <h2>{t("mail.recoveryTitle")}</h2>
          <p>{t("mail.recoveryIntro")}</p>
          <ul className="recovery-codes mono">
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card narrow-left" data-testid="two-factor">
        <h2>{d.enabled || codes ? t("mail.twoFactorOn") : t("mail.twoFactorOff")}</h2>
        {d.enabled ? (
          <>
            <p className="muted">{t("mail.recoveryLeft", { n: d.recoveryCodesLeft })}</p>
            {!d.required ? <CodeForm intent="disable" submit={t("mail.disable")} danger data={data} busy={busy} /> : null}
          </>
        ) : d.enrolment && !codes ? (
          <>
            <p>{t("mail.scanQr")}</p>
            <div className="qr" dangerouslySetInnerHTML={{ __html: d.enrolment.qr }} />
            <p className="mono" data-testid="totp-secret">
              {d.enrolment.secret}
            </p>
            <CodeForm intent="enable" submit={t("mail.enable")} data={data} busy={busy} />
          </>
        ) : null}
      </section>
    </div>
  );
}

/** A code from the authenticator app (or a recovery code) confirms turning two-factor on or off. */
function CodeForm({ intent, submit, danger = false, data, busy }: { intent: string; submit: string; danger?: boolean; data: FieldSource; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <CheckedForm schema={codeSchema} answer={data}>
      {(shown) => (
        <>
          <input type="hidden" name="intent" value={intent} />
          <TextField name="code" label={t("mail.codeLabel")} autoComplete="one-time-code" inputMode="numeric" required data={shown} />
          <button type="submit" className={danger ? "btn btn-danger" : "btn btn-primary"} disabled={busy}>
            {submit}
          </button>
        </>
      )}
    </CheckedForm>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
