import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { KindBadge } from "~/components/listings";
import { EmptyState, PageHeader, StatusBadge } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDateTime } from "~/lib/format";
import { guard, requireActor } from "~/lib/http.server";
import { myMatches } from "~/models/marketplace/deals.server";
import { listOrgListings } from "~/models/marketplace/listings.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("listings.myTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    const [listings, matches] = await Promise.all([listOrgListings(context.db, actor), myMatches(context.db, actor)]);
    return json({ listings, matches });
  });
}

export default function MyListings() {
  const { listings, matches } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <PageHeader
        title={t("listings.myTitle")}
        actions={
          <Link to="/listings/new" className="btn btn-primary">
            {t("listings.post")}
          </Link>
        }
      />
      <section className="card">
        <h2>{t("listings.myMatches")}</h2>
        {matches.length === 0 ? (
          <EmptyState>{t("listings.myMatchesEmpty")}</EmptyState>
        ) : (
          <ul className="list" data-testid="my-matches">
            {matches.map((m) => (
              <li key={m.id}>
                <Link to={`/matches/${m.id}`}>
                  {m.supply_title} ⇄ {m.demand_title}
                </Link>
                <StatusBadge status={m.status} label={enumLabel(t, "matchStatus", m.status)} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>{t("listings.mine")}</h2>
        {listings.length === 0 ? (
          <EmptyState>{t("listings.myEmpty")}</EmptyState>
        ) : (
          <ul className="list" data-testid="my-listings">
            {listings.map((l) => (
              <li key={l.id}>
                <span className="row">
                  <KindBadge kind={l.kind} /> <Link to={`/listings/${l.id}`}>{l.title}</Link>
                </span>
                <span className="row">
                  <StatusBadge status={l.status} label={enumLabel(t, "listingStatus", l.status)} />
                  <time className="muted small" dateTime={String(l.updated_at)}>
                    {formatDateTime(l.updated_at, i18n.language)}
                  </time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
