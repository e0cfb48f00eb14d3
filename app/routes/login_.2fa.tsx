import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { parse } from "cookie";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm, ConformInput } from "~/components/conform-fields";
import { safeRedirect } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { CHALLENGE_COOKIE, clearChallengeCookie } from "~/lib/two-factor-cookie.server";
import { answerChallenge } from "~/models/accounts/two-factor.server";
import { createUserSession } from "~/models/accounts/users.server";
import { rememberDevice } from "~/models/accounts/known-devices.server";
import { titled } from "~/lib/page-meta";
import { SHELL_ONLY } from "~/i18n/catalog-parts";

/** Rendered from the shell part of the catalog (i18n/catalog-parts.ts). */
export const handle = SHELL_ONLY;

export const meta = titled("mail.challengeTitle");

const schema = z.object({ code: z.string({ required_error: "v.required" }).trim().min(6, "mail.twoFactorWrongCode").max(20, "mail.twoFactorWrongCode") });
const ticketOf = (request: Request) => parse(request.headers.get("cookie") ?? "")[CHALLENGE_COOKIE] ?? null;

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect("/home");
  if (!ticketOf(request)) throw redirect("/login");
  return null;
}

/** The second step of a sign-in: a code from the authenticator app or a recovery code. */
export async function action({ request, context }: ActionFunctionArgs) {
  const next = new URL(request.url).searchParams.get("next");
  return handleSubmission(context, request, schema, async ({ code }) => {
    const userId = await answerChallenge(context.db, ticketOf(request), code);
    const { cookie } = await createUserSession(context.lucia, userId, { ip: context.clientIp, userAgent: context.userAgent });
    const headers = new Headers();
    headers.append("Set-Cookie", cookie);
    headers.append("Set-Cookie", clearChallengeCookie());
    headers.append("Set-Cookie", await rememberDevice(context.db, userId, new URL(request.url).protocol === "https:"));
    return redirect(safeRedirect(next), { headers });
  });
}

export default function TwoFactorChallenge() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(schema, lastResult, { id: "two-factor" });
  const busy = useNavigation().state === "submitting";
  return (
    <section className="card narrow">
      <h1>{t("mail.challengeTitle")}</h1>
      <p className="muted">{t("mail.challengeIntro")}</p>
      <ConformForm form={form}>
        <ConformInput field={fields.code} id="f-code" label={t("mail.codeLabel")} autoComplete="one-time-code" inputMode="numeric" />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {t("mail.verify")}
        </button>
      </ConformForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
