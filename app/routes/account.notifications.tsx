import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { PageHeader } from "~/components/ui";
import { failure, guard, handleInput, readFormData, requireActor } from "~/lib/http.server";
import { MAIL_CADENCES } from "~/models/accounts/account-schema";
import { getMailPreferences, setMailPreferences } from "~/models/accounts/notification-mail.server";
import { NOTIFICATION_AREAS } from "~/models/core/notification-links";
import { titled } from "~/lib/page-meta";

export const meta = titled("mail.cadenceTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => json({ ...(await getMailPreferences(context.db, actor)), email: actor.email, verified: actor.emailVerified }));
}

const preferencesSchema = z.object({
  cadence: z.enum(MAIL_CADENCES, { errorMap: () => ({ message: "v.invalid" }) }),
  areas: z.array(z.enum(NOTIFICATION_AREAS, { errorMap: () => ({ message: "v.invalid" }) })).max(NOTIFICATION_AREAS.length, "v.invalid"),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readFormData(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  const input = { cadence: form.get("cadence"), areas: form.getAll("areas") };
  return handleInput(context, input, {}, preferencesSchema, async ({ cadence, areas }) => {
    // The form lists the areas to mail; what is stored is what to leave out.
    await setMailPreferences(context.db, actor, { cadence, mutedAreas: NOTIFICATION_AREAS.filter((a) => !areas.includes(a)) });
    return json({ ok: true as const });
  });
}

export default function NotificationEmail() {
  const { cadence, mutedAreas, email, verified } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  return (
    <div className="stack narrow-left">
      <PageHeader title={t("mail.cadenceTitle")} intro={t("mail.cadenceIntro", { email })} />
      <p>
        <Link to="/account/calendar">{t("notices.calendarLink")}</Link>
      </p>
      {verified ? null : (
        <div className="alert alert-error" role="status">
          {t("mail.cadenceUnverified")}
        </div>
      )}
      <Form method="post" className="card stack" noValidate>
        <FormError data={done} />
        {done && "ok" in done && done.ok ? (
          <div className="alert alert-ok" role="status">
            {t("mail.cadenceSaved")}
          </div>
        ) : null}
        <fieldset className="choice-list">
          <legend>{t("mail.cadenceLabel")}</legend>
          {MAIL_CADENCES.map((c) => (
            <label key={c} className="choice">
              <input type="radio" name="cadence" value={c} defaultChecked={c === cadence} required />
              <span>{t(`mail.cadence_${c}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-list" data-testid="mail-areas">
          <legend>{t("mail.areasLabel")}</legend>
          {NOTIFICATION_AREAS.map((area) => (
            <label key={area} className="choice">
              <input type="checkbox" name="areas" value={area} defaultChecked={!mutedAreas.includes(area)} />
              <span>{t(`notices.areas.${area}`)}</span>
            </label>
          ))}
          <p className="muted small">{t("mail.areasHint")}</p>
        </fieldset>
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("mail.cadenceSave")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
