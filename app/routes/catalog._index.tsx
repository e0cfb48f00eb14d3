import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader } from "~/components/ui";
import { formatDate } from "~/lib/format";
import { isSecretariat } from "~/models/core/permissions";
import { listEditions } from "~/models/scenarios/catalog.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("scenarios.catalogTitle", "scenarios.catalogIntro");

export async function loader({ context }: LoaderFunctionArgs) {
  const editions = (await listEditions(context.db, null)).filter((e) => e.status === "published");
  return json({ editions, curator: isSecretariat(context.actor) });
}

export default function Catalog() {
  const { editions, curator } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <PageHeader
        title={t("scenarios.catalogTitle")}
        intro={t("scenarios.catalogIntro")}
        actions={
          curator ? (
            <Link to="/admin/catalog" className="btn btn-ghost">
              {t("scenarios.curate")}
            </Link>
          ) : null
        }
      />
      {editions.length === 0 ? (
        <EmptyState>{t("scenarios.catalogEmpty")}</EmptyState>
      ) : (
        <ul className="list-cards" data-testid="editions">
          {editions.map((e) => (
            <li key={e.id} className="card stack-sm">
              <div className="row-between">
                <Link to={`/catalog/${e.year}`} className="listing-title">
                  {e.title}
                </Link>
                <span className="tag">{e.year}</span>
              </div>
              {e.intro ? <p className="clamp">{e.intro}</p> : null}
              <p className="muted small">
                {t("scenarios.entryCount", { count: e.entries })} · {t("scenarios.demoCount", { count: e.demonstrations })}
                {e.publishedAt ? ` · ${t("scenarios.publishedOn", { date: formatDate(e.publishedAt, i18n.language) })}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
