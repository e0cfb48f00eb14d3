import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useLocalName } from "~/i18n/use-local-name";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EnumTags } from "~/components/listings";
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

export const meta = titled("scenarios.title", "scenarios.intro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = scenarioQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await searchScenarios(context.db, query);
  return json({ query, ...result, canPost: !!approvedOrg(context.actor) });
}

export default function Scenarios() {
  const { query, hits, total, pageSize, canPost } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const [params] = useSearchParams();
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
        <input
          type="search"
          name="q"
          defaultValue={query.q ?? ""}
          placeholder={t("scenarios.search")}
          aria-label={t("scenarios.search")}
          maxLength={100}
          className="span-all"
        />
        <select name="sector" defaultValue={query.sector ?? ""} aria-label={t("scenarios.sector")}>
          <option value="">
            {t("scenarios.sector")}: {t("scenarios.all")}
          </option>
          {enumOptions(t, "sector", SECTORS).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <select name="stage" defaultValue={query.stage ?? ""} aria-label={t("scenarios.stage")}>
          <option value="">
            {t("scenarios.stage")}: {t("scenarios.all")}
          </option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`scenarios.stages.${s}`)}
            </option>
          ))}
        </select>
        <select name="region" defaultValue={query.region ?? ""} aria-label={t("scenarios.region")}>
          <option value="">
            {t("scenarios.region")}: {t("scenarios.all")}
          </option>
          {enumOptions(t, "region", REGIONS).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <select name="orgType" defaultValue={query.orgType ?? ""} aria-label={t("scenarios.orgType")}>
          <option value="">
            {t("scenarios.orgType")}: {t("scenarios.all")}
          </option>
          {enumOptions(t, "orgType", ORG_TYPES).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <div className="row">
          <button type="submit" className="btn btn-primary">
            {t("scenarios.apply")}
          </button>
          {params.toString() ? (
            <Link to="/scenarios" className="btn btn-ghost">
              {t("scenarios.reset")}
            </Link>
          ) : null}
        </div>
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
