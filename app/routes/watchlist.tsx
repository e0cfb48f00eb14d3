import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { EmptyState, PageHeader } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { failure, guard, handleValues, readIntent, requireActor } from "~/lib/http.server";
import { listWatchlist, unwatch, watch } from "~/models/directory/watchlist.server";
import { watchSchema } from "~/models/directory/profile-schema";
import { viewerOf } from "~/models/directory/profiles.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("profiles.watchlistTitle", "profiles.watchlistIntro");

const target = z.object({ orgId: z.string().uuid("v.invalid") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const viewer = await viewerOf(context.db, actor);
  if (!viewer.investor) return json({ items: [], investor: false });
  return guard(context, async () => json({ items: await listWatchlist(context.db, actor), investor: true }));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readIntent(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  if (form.intent === "note") {
    return handleValues(context, form.values, target.merge(watchSchema), async (data) => {
      await watch(context.db, actor, data.orgId, data.note);
      return json({ ok: true as const });
    });
  }
  if (form.intent === "unwatch") {
    return handleValues(context, form.values, target, async (data) => {
      await unwatch(context.db, actor, data.orgId);
      return json({ ok: true as const });
    });
  }
  return failure(context, 400, form.values, {}, "v.invalid");
}

export default function Watchlist() {
  const { items, investor } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <PageHeader
        title={t("profiles.watchlistTitle")}
        intro={t("profiles.watchlistIntro")}
        actions={
          <Link to="/enterprises" className="btn btn-ghost">
            {t("profiles.browse")}
          </Link>
        }
      />
      <FormError data={data && "ok" in data && data.ok ? undefined : data} />
      {!investor ? (
        <EmptyState
          action={
            <Link to="/enterprises" className="btn btn-ghost">
              {t("profiles.browse")}
            </Link>
          }
        >
          {t("profiles.investorsOnlyAction")}
        </EmptyState>
      ) : items.length === 0 ? (
        <EmptyState
          action={
            <Link to="/enterprises" className="btn btn-primary">
              {t("profiles.browse")}
            </Link>
          }
        >
          {t("profiles.emptyWatchlist")}
        </EmptyState>
      ) : (
        <ul className="list-cards" data-testid="watchlist">
          {items.map((w) => (
            <li key={w.orgId} className="card stack-sm">
              <div className="row-between">
                <div>
                  <Link to={`/enterprises/${w.orgId}`} className="listing-title">
                    {w.nameZh}
                  </Link>
                  <p className="muted small">
                    {enumLabel(t, "orgType", w.type)} · {enumLabel(t, "region", w.region)} · {formatDate(w.createdAt, i18n.language)}
                  </p>
                </div>
              </div>
              <Form method="post" className="stack-sm">
                <input type="hidden" name="orgId" value={w.orgId} />
                <label htmlFor={`note-${w.orgId}`} className="small">
                  {t("profiles.note")}
                </label>
                <textarea id={`note-${w.orgId}`} name="note" rows={2} maxLength={2000} defaultValue={w.note ?? ""} />
                <div className="row">
                  <button type="submit" name="intent" value="note" className="btn btn-primary btn-sm" disabled={busy}>
                    {t("profiles.saveNote")}
                  </button>
                  <button type="submit" name="intent" value="unwatch" className="btn btn-ghost btn-sm" disabled={busy}>
                    {t("profiles.unwatch")}
                  </button>
                </div>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{t("profiles.notePrivate")}</p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
