import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EnumTags } from "~/components/listings";
import { Figures, StageBadge } from "~/components/scenarios";
import { EmptyState, PageHeader } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { guard } from "~/lib/http.server";
import { getEditionByYear } from "~/models/scenarios/catalog.server";
import { titledBy } from "~/lib/page-meta";
import { thumbnailOf } from "~/models/media/image-paths";
import { CrossBorderAreas } from "~/components/CrossBorderRoute";
import { crossBorderAreaText } from "~/lib/crossborder-areas.server";

export const meta = titledBy<{ edition: { title: string } }>((d) => d.edition.title);

const yearParam = z.coerce.number().int().min(2000).max(2100);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const year = yearParam.safeParse(params.year);
  if (!year.success || !/^\d{4}$/.test(params.year ?? "")) throw json({ message: null }, { status: 404 });
  return guard(context, async () => json({ ...(await getEditionByYear(context.db, context.actor, year.data)), areaText: crossBorderAreaText(context.locale) }));
}

export default function CatalogEdition() {
  const { edition, entries, areaText } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const demos = entries.filter((e) => e.demonstration);
  const others = entries.filter((e) => !e.demonstration);
  const Entry = ({ e }: { e: (typeof entries)[number] }) => (
    <li className={e.demonstration ? "card sc-card sc-entry-demo" : "card sc-card"} data-testid="catalog-entry">
      {e.imageUrl ? <img className="sc-thumb" src={thumbnailOf(e.imageUrl)} alt={e.title} loading="lazy" /> : null}
      <div className="sc-card-body">
        <div className="row-between">
          <Link to={`/scenarios/${e.scenarioId}`} className="listing-title">
            {e.title}
          </Link>
          <div className="row">
            {e.demonstration ? <span className="tag sc-demo">{t("scenarios.demonstration")}</span> : null}
            <StageBadge stage={e.stage} />
          </div>
        </div>
        <p className="clamp">{e.problem}</p>
        <Figures results={e.results.slice(0, 3)} />
        <div className="tags">
          <span className="tag">{enumLabel(t, "sector", e.sector)}</span>
          <span className="tag">{enumLabel(t, "region", e.region)}</span>
          <EnumTags name="delivery" values={e.deliveryModes} />
          <CrossBorderAreas areas={e.crossborderAreas} text={areaText} />
        </div>
        <p className="muted small">{[e.orgName, ...e.participants].join("、")}</p>
      </div>
    </li>
  );
  return (
    <div className="stack">
      <PageHeader
        title={edition.title}
        intro={edition.publishedAt ? t("scenarios.publishedOn", { date: formatDate(edition.publishedAt, i18n.language) }) : t("scenarios.draftPreview")}
        actions={
          <div className="row">
            <a href={`/catalog/${edition.year}.csv`} className="btn btn-ghost" download>
              {t("scenarios.downloadCsv")}
            </a>
            <Link to="/catalog" className="btn btn-ghost">
              {t("scenarios.allEditions")}
            </Link>
          </div>
        }
      />
      {edition.intro ? <p className="prose sc-pre card">{edition.intro}</p> : null}
      {entries.length === 0 ? <EmptyState>{t("scenarios.editionEmpty")}</EmptyState> : null}
      {demos.length ? (
        <section className="stack-sm" aria-labelledby="demos">
          <h2 id="demos">{t("scenarios.demoCases")}</h2>
          <ul className="list-cards">
            {demos.map((e) => (
              <Entry key={e.scenarioId} e={e} />
            ))}
          </ul>
        </section>
      ) : null}
      {others.length ? (
        <section className="stack-sm" aria-labelledby="recommended">
          <h2 id="recommended">{t("scenarios.recommended")}</h2>
          <ul className="list-cards">
            {others.map((e) => (
              <Entry key={e.scenarioId} e={e} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
