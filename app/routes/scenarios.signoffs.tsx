import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useLocalName } from "~/i18n/use-local-name";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader } from "~/components/ui";
import { formatDate } from "~/lib/format";
import { guard, requireActor } from "~/lib/http.server";
import { titled } from "~/lib/page-meta";
import { stageRequestQueue } from "~/models/scenarios/consent.server";

export const meta = titled("consent.queueTitle", "consent.queueIntro");

/** The secretariat's queue: each request is decided on its scenario's page, with the evidence beside it. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => json({ requests: await stageRequestQueue(context.db, actor) }));
}

export default function SignoffQueue() {
  const { requests } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  return (
    <div className="stack">
      <PageHeader title={t("consent.queueTitle")} intro={t("consent.queueIntro")} />
      {requests.length ? (
        <ul className="list card" data-testid="signoff-queue">
          {requests.map((r) => (
            <li key={r.id}>
              <span>
                <Link to={`/scenarios/${r.scenarioId}`}>{localName(r.title, r.titleEn)}</Link>
                <span className="muted small">
                  {" "}
                  · {r.orgName} · {t(`scenarios.stages.${r.fromStage}`)} → {t(`scenarios.stages.${r.toStage}`)}
                </span>
              </span>
              <span className="muted small">{formatDate(r.createdAt, i18n.language)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t("consent.queueEmpty")}</EmptyState>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
