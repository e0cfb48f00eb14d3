import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { PageHeader } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { guard, handleForm, requireActor } from "~/lib/http.server";
import { calendarFeedStatus, renewCalendarFeed, revokeCalendarFeed } from "~/models/standards/calendar.server";
import { titledBy } from "~/lib/page-meta";
import { getT } from "~/i18n";

export const meta = titledBy<{ text: { title: string } }>((d) => d.text.title);

const TEXTS = ["title", "intro", "none", "create", "renew", "revoke", "urlLabel", "urlHint", "copy", "copied", "revoked"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const t = getT(context.locale);
  // Translated here: the page's texts stay out of the catalogue every page downloads.
  const text = Object.fromEntries(TEXTS.map((k) => [k, t(`calendar.${k}`)])) as Record<(typeof TEXTS)[number], string>;
  return guard(context, async () => {
    const status = await calendarFeedStatus(context.db, actor);
    const dates = {
      activeSince: status.createdAt ? t("calendar.activeSince", { date: formatDateTime(status.createdAt, context.locale) }) : null,
      lastUsed: status.lastUsedAt ? t("calendar.lastUsed", { date: formatDateTime(status.lastUsedAt, context.locale) }) : t("calendar.neverUsed"),
    };
    return json({ active: status.active, text, dates });
  });
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
  const { active, text, dates } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [copied, setCopied] = useState(false);
  const url = done && "url" in done ? done.url : null;
  return (
    <div className="stack narrow-left">
      <PageHeader title={text.title} intro={text.intro} />
      <div className="card stack">
        <FormError data={done} />
        {url ? (
          <div className="stack" data-testid="calendar-url">
            <label htmlFor="calendar-url">{text.urlLabel}</label>
            <div className="row-gap">
              <input id="calendar-url" type="text" readOnly value={url} className="grow" onFocus={(e) => e.currentTarget.select()} />
              <button
                type="button"
                className="btn"
                onClick={() => {
                  void navigator.clipboard?.writeText(url).then(() => setCopied(true));
                }}
              >
                {text.copy}
              </button>
            </div>
            <p className="muted small" role="status">
              {copied ? text.copied : text.urlHint}
            </p>
          </div>
        ) : done && "ok" in done && done.ok ? (
          <div className="alert alert-ok" role="status">
            {text.revoked}
          </div>
        ) : null}
        {active && dates.activeSince ? (
          <p>
            {dates.activeSince} {dates.lastUsed}
          </p>
        ) : (
          <p>{text.none}</p>
        )}
        <div className="row-gap">
          <Form method="post">
            <input type="hidden" name="intent" value="renew" />
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {active ? text.renew : text.create}
            </button>
          </Form>
          {active ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke" />
              <button type="submit" className="btn" disabled={busy}>
                {text.revoke}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
