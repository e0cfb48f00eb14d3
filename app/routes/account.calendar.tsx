import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { PageHeader } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { guard, handleForm, requireActor } from "~/lib/http.server";
import { calendarFeedStatus, renewCalendarFeed, revokeCalendarFeed } from "~/models/standards/calendar.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("calendar.title", "calendar.intro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => json(await calendarFeedStatus(context.db, actor)));
}

const actionSchema = z.object({ intent: z.enum(["renew", "revoke"], { errorMap: () => ({ message: "v.invalid" }) }) });

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleForm(context, request, actionSchema, async ({ intent }) => {
    if (intent === "revoke") {
      await revokeCalendarFeed(context.db, actor);
      return json({ ok: true as const, url: null });
    }
    const token = await renewCalendarFeed(context.db, actor);
    return json({ ok: true as const, url: `${context.publicUrl}/calendar/${token}.ics` });
  });
}

export default function CalendarFeed() {
  const status = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState(false);
  const url = done && "url" in done ? done.url : null;
  return (
    <div className="stack narrow-left">
      <PageHeader title={t("calendar.title")} intro={t("calendar.intro")} />
      <div className="card stack">
        <FormError data={done} />
        {url ? (
          <div className="stack" data-testid="calendar-url">
            <label htmlFor="calendar-url">{t("calendar.urlLabel")}</label>
            <div className="row-gap">
              <input id="calendar-url" type="text" readOnly value={url} className="grow" onFocus={(e) => e.currentTarget.select()} />
              <button
                type="button"
                className="btn"
                onClick={() => {
                  void navigator.clipboard?.writeText(url).then(() => setCopied(true));
                }}
              >
                {t("calendar.copy")}
              </button>
            </div>
            <p className="muted small" role="status">
              {copied ? t("calendar.copied") : t("calendar.urlHint")}
            </p>
          </div>
        ) : done && "ok" in done && done.ok ? (
          <div className="alert alert-ok" role="status">
            {t("calendar.revoked")}
          </div>
        ) : null}
        {status.active && status.createdAt ? (
          <p>
            {t("calendar.activeSince", { date: formatDateTime(status.createdAt, i18n.language) })}{" "}
            {status.lastUsedAt ? t("calendar.lastUsed", { date: formatDateTime(status.lastUsedAt, i18n.language) }) : t("calendar.neverUsed")}
          </p>
        ) : (
          <p>{t("calendar.none")}</p>
        )}
        <div className="row-gap">
          <Form method="post">
            <input type="hidden" name="intent" value="renew" />
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {status.active ? t("calendar.renew") : t("calendar.create")}
            </button>
          </Form>
          {status.active ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke" />
              <button type="submit" className="btn" disabled={busy}>
                {t("calendar.revoke")}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
