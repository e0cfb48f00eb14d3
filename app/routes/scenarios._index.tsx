import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useLocalName } from "~/i18n/use-local-name";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EnumTags } from "~/components/listings";
import { FilterButtons, FilterSelect, SearchField } from "~/components/filters";
import { STAGES, StageBadge } from "~/components/scenarios";
import { EmptyState, PageHeader, Pager, SnippetText } from "~/components/ui";
import { enumLabel, enumOptions } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { ORG_TYPES, REGIONS, SECTORS } from "~/models/core/enums";
import { scenarioQuerySchema } from "~/models/scenarios/scenario-schema";
import { searchScenarios } from "~/models/scenarios/scenarios.server";
import { titled } from "~/lib/page-meta";
import { thumbnailOf } from "~/models/media/image-paths";
import { approvedOrg } from "~/models/core/permissions";
import { CrossBorderAreas } from "~/components/CrossBorderRoute";
import { crossBorderAreaText } from "~/lib/crossborder-areas.server";

export const meta = titled("scenarios.title", "scenarios.intro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = scenarioQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await searchScenarios(context.db, query);
  return json({ query, ...result, canPost: !!approvedOrg(context.actor), areaText: crossBorderAreaText(context.locale) });
}

export default function Scenarios() {
  const { query, hits, total, pageSize, canPost, areaText } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="stack">
      <PageHeader
        title={t("scenarios.title")}
        intro={t("scenarios.intro")}
        actions={
          <div className="row">
            <Link to="/catalog" className="btn btn-ghost">
              {t("scenarios.catalogLink")}
            </Link>
            {canPost ? (
              <Link to="/scenarios/new" className="btn btn-primary">
                {t("scenarios.publish")}
              </Link>
            ) : null}
          </div>
        }
      />
      <Form method="get" className="card listing-filters" role="search">
        <SearchField label={t("scenarios.search")} value={query.q} />
        <FilterSelect name="sector" label={t("scenarios.sector")} value={query.sector} options={enumOptions(t, "sector", SECTORS)} />
        <FilterSelect
          name="stage"
          label={t("scenarios.stage")}
          value={query.stage}
          options={STAGES.map((s) => ({ value: s, label: t(`scenarios.stages.${s}`) }))}
        />
        <FilterSelect name="region" label={t("scenarios.region")} value={query.region} options={enumOptions(t, "region", REGIONS)} />
        <FilterSelect name="orgType" label={t("scenarios.orgType")} value={query.orgType} options={enumOptions(t, "orgType", ORG_TYPES)} />
        <FilterButtons resetTo="/scenarios" />
      </Form>
      <p className="muted" data-testid="scenarios-total">
        {t("scenarios.total", { count: total })}
      </p>
      {hits.length === 0 ? (
        <EmptyState
          action={
            canPost ? (
              <Link to="/scenarios/new" className="btn btn-primary">
                {t("scenarios.publish")}
              </Link>
            ) : undefined
          }
        >
          {query.q || query.sector || query.stage || query.region || query.orgType ? t("scenarios.emptyFiltered") : t("scenarios.empty")}
        </EmptyState>
      ) : (
        <ul className="list-cards" data-testid="scenarios">
          {hits.map((h) => (
            <li key={h.id} className="card sc-card">
              {h.imageUrl ? <img className="sc-thumb" src={thumbnailOf(h.imageUrl)} alt={h.title} loading="lazy" /> : null}
              <div className="sc-card-body">
                <div className="row-between">
                  <Link to={`/scenarios/${h.id}`} className="listing-title">
                    {localName(h.title, h.titleEn)}
                  </Link>
                  <StageBadge stage={h.stage} />
                </div>
                <SnippetText parts={h.snippet} />
                <div className="tags">
                  <span className="tag">{enumLabel(t, "sector", h.sector)}</span>
                  <span className="tag">{enumLabel(t, "region", h.region)}</span>
                  <EnumTags name="delivery" values={h.deliveryModes.slice(0, 3)} />
                  <CrossBorderAreas areas={h.crossborderAreas} text={areaText} />
                </div>
                <p className="muted small">
                  {h.orgName} · {formatDate(h.updatedAt, i18n.language)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager
        page={query.page}
        pages={pages}
        prevLabel={t("scenarios.prev")}
        nextLabel={t("scenarios.next")}
        pageLabel={t("common.page", { page: query.page })}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
