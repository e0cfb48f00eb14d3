import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { parse } from "cookie";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextField } from "~/components/forms";
import { handleForm, safeRedirect } from "~/lib/http.server";
import { useClientCheck } from "~/lib/client-check";
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
  return handleForm(context, request, schema, async ({ code }) => {
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
  const check = useClientCheck(schema);
  const data = check.shown(useActionData<typeof action>());
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="card narrow">
      <h1>{t("mail.challengeTitle")}</h1>
      <p className="muted">{t("mail.challengeIntro")}</p>
      <Form method="post" noValidate onSubmit={check.onSubmit}>
        <FormError data={data} />
        <TextField name="code" label={t("mail.codeLabel")} autoComplete="one-time-code" inputMode="numeric" required data={data} />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {t("mail.verify")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
