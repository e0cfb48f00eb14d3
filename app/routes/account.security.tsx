import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import QRCode from "qrcode";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { CheckedForm } from "~/components/checked-form";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { TextField, refusalOf, type FieldSource } from "~/components/forms";
import { PageHeader } from "~/components/ui";
import { PrintButton } from "~/components/PrintButton";
import { failure, guard, handleValues, readIntent, requireActor } from "~/lib/http.server";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes, twoFactorStatus } from "~/models/accounts/two-factor.server";
import { signInSchema } from "~/models/accounts/account-schema";
import { titled } from "~/lib/page-meta";

export const meta = titled("mail.securityTitle", "mail.securityIntro");

const code = z.string({ required_error: "v.required" }).trim().min(6, "mail.twoFactorWrongCode").max(20, "mail.twoFactorWrongCode");
const password = signInSchema.shape.password;
const codeSchema = z.object({ code });
const passwordSchema = z.object({ password });
/** Turning it off and new recovery codes ask for both factors: a stolen session with a known password is not enough. */
const proofSchema = z.object({ password, code });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    const status = await twoFactorStatus(context.db, actor, context.sessionId);
    const enrolment = status.enrolment
      ? { secret: status.enrolment.secret, qr: await QRCode.toString(status.enrolment.uri, { type: "svg", margin: 1, width: 192 }) }
      : null;
    return json(
      { ...status, enrolment, requiredNow: !status.enabled && new URL(request.url).searchParams.has("required") },
      { headers: { "Cache-Control": "no-store" } },
    );
  });
}

/** The page can hold a key waiting for its first code: no cache keeps a copy. */
export const headers = () => ({ "Cache-Control": "no-store" });

/**
 * Every change asks for the password (and turning it off or new recovery codes a code too),
 * counted against the account's tries; the account is mailed about each one.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readIntent(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  const notice = { locale: context.locale, mailer: context.mailer };
  if (form.intent === "start") {
    return handleValues(context, form.values, passwordSchema, async ({ password }) => {
      await beginEnrolment(context.db, actor, context.sessionId, password);
      return json({ ok: true as const, started: true });
    });
  }
  if (form.intent === "enable") {
    return handleValues(context, form.values, codeSchema, async ({ code }) =>
      json({ ok: true as const, recoveryCodes: await confirmEnrolment(context.db, actor, context.sessionId, code, notice) }),
    );
  }
  if (form.intent === "disable") {
    return handleValues(context, form.values, proofSchema, async (proof) => {
      await disableTwoFactor(context.db, actor, proof, notice);
      return json({ ok: true as const, disabled: true });
    });
  }
  if (form.intent === "regenerate") {
    return handleValues(context, form.values, proofSchema, async (proof) =>
      json({ ok: true as const, recoveryCodes: await regenerateRecoveryCodes(context.db, actor, proof, notice) }),
    );
  }
  return failure(context, 400, {}, {}, "v.invalid");
}

/**
 * Account security: turn two-factor sign-in on (password, then a fresh QR code and its first code;
 * recovery codes shown once), get new recovery codes, or turn it off.
 */
export default function Security() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const codes: string[] | null = data && "recoveryCodes" in data ? (data.recoveryCodes as string[]) : null;
  // Several forms on one page: each shows only the refusal it was answered with.
  const answerTo = (intent: string): FieldSource => refusalOf(data, { intent });
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
          {/* Kept the way the reader keeps such things: a file, the clipboard, or paper. */}
          <div className="row no-print" data-testid="recovery-keep">
            <a
              className="btn btn-ghost"
              href={`data:text/plain;charset=utf-8,${encodeURIComponent(`${t("mail.recoveryTitle")}\n\n${codes.join("\n")}\n`)}`}
              download="yaosu-recovery-codes.txt"
            >
              {t("mail.recoveryDownload")}
            </a>
            <CopyButton text={codes.join("\n")} label={t("mail.recoveryCopy")} done={t("mail.recoveryCopied")} />
            <PrintButton label={t("mail.recoveryPrint")} />
            <Link to="/account/security" className="btn btn-primary" data-testid="recovery-saved">
              {t("mail.recoverySaved")}
            </Link>
          </div>
        </section>
      ) : null}
      <section className="card narrow-left" data-testid="two-factor">
        <h2>{d.enabled || codes ? t("mail.twoFactorOn") : t("mail.twoFactorOff")}</h2>
        {d.enabled && !codes ? (
          // Not while the new codes are on screen: the first thing after turning it on is saving them, not turning it off.
          <>
            <p className="muted">{t("mail.recoveryLeft", { n: d.recoveryCodesLeft })}</p>
            <ProofForm intent="regenerate" withCode submit={t("mail.twoFactorNewCodes")} data={answerTo("regenerate")} busy={busy} />
            {!d.required ? <ProofForm intent="disable" withCode submit={t("mail.disable")} danger data={answerTo("disable")} busy={busy} /> : null}
          </>
        ) : d.enrolment && !codes ? (
          <>
            <p>{t("mail.scanQr")}</p>
            <div className="qr" dangerouslySetInnerHTML={{ __html: d.enrolment.qr }} />
            <p className="mono" data-testid="totp-secret">
              {d.enrolment.secret}
            </p>
            <CheckedForm schema={codeSchema} answer={answerTo("enable")} data-testid="two-factor-enable">
              {(shown) => (
                <>
                  <input type="hidden" name="intent" value="enable" />
                  <TextField name="code" label={t("mail.codeLabel")} autoComplete="one-time-code" inputMode="numeric" required data={shown} />
                  <button type="submit" className="btn btn-primary" disabled={busy}>
                    {t("mail.enable")}
                  </button>
                </>
              )}
            </CheckedForm>
          </>
        ) : !codes ? (
          <>
            <p>{t("mail.twoFactorStartIntro")}</p>
            <ProofForm intent="start" submit={t("mail.twoFactorStart")} data={answerTo("start")} busy={busy} />
          </>
        ) : null}
      </section>
    </div>
  );
}

/** The password (and where asked, a code or a recovery code) that confirms a change. */
function ProofForm({
  intent,
  withCode = false,
  submit,
  danger = false,
  data,
  busy,
}: {
  intent: string;
  withCode?: boolean;
  submit: string;
  danger?: boolean;
  data: FieldSource;
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <CheckedForm schema={withCode ? proofSchema : passwordSchema} answer={data} data-testid={`two-factor-${intent}`}>
      {(shown) => (
        <>
          <input type="hidden" name="intent" value={intent} />
          <TextField
            name="password"
            scope={intent}
            type="password"
            label={t("mail.twoFactorPasswordLabel")}
            autoComplete="current-password"
            required
            data={shown}
          />
          {withCode ? (
            <TextField name="code" scope={intent} label={t("mail.twoFactorCodeOrRecovery")} autoComplete="one-time-code" required data={shown} />
          ) : null}
          <button type="submit" className={danger ? "btn btn-danger" : "btn btn-primary"} disabled={busy}>
            {submit}
          </button>
        </>
      )}
    </CheckedForm>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

/** Copies the codes to the clipboard and says so; without a clipboard (or JavaScript) the other ways remain. */
function CopyButton({ text, label, done }: { text: string; label: string; done: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-ghost"
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
      aria-live="polite"
    >
      {copied ? done : label}
    </button>
  );
}
