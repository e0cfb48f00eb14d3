import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { PageHeader } from "~/components/ui";
import { guard, handleForm, requireActor } from "~/lib/http.server";
import { MAIL_CADENCES } from "~/models/accounts/account-schema";
import { getMailCadence, setMailCadence } from "~/models/accounts/notification-mail.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("mail.cadenceTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => json({ cadence: await getMailCadence(context.db, actor), email: actor.email, verified: actor.emailVerified }));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleForm(context, request, z.object({ cadence: z.enum(MAIL_CADENCES, { errorMap: () => ({ message: "v.invalid" }) }) }), async ({ cadence }) => {
    await setMailCadence(context.db, actor, cadence);
    return json({ ok: true as const });
  });
}

export default function NotificationEmail() {
  const { cadence, email, verified } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  return (
    <div className="stack narrow-left">
      <PageHeader title={t("mail.cadenceTitle")} intro={t("mail.cadenceIntro", { email })} />
      {verified ? null : <div className="alert alert-error" role="status">{t("mail.cadenceUnverified")}</div>}
      <Form method="post" className="card stack">
        <FormError data={done} />
        {done && "ok" in done && done.ok ? <div className="alert alert-ok" role="status">{t("mail.cadenceSaved")}</div> : null}
        <fieldset className="choice-list">
          <legend>{t("mail.cadenceLabel")}</legend>
          {MAIL_CADENCES.map((c) => (
            <label key={c} className="choice">
              <input type="radio" name="cadence" value={c} defaultChecked={c === cadence} required />
              <span>{t(`mail.cadence_${c}`)}</span>
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy}>{t("mail.cadenceSave")}</button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
