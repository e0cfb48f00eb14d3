import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EnumTags, KindBadge } from "~/components/listings";
import { ROUTES } from "~/models/crossborder/routes";
import { FilterButtons, FilterSelect, SearchField, SortSelect } from "~/components/filters";
import { EmptyState, PageHeader, Pager, SnippetText } from "~/components/ui";
import { enumOptions, type EnumName } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { DATA_CATEGORIES, DATA_GRADES, DELIVERY_MODES, LISTING_KINDS, PRICING_MODELS, REGIONS, SECTORS } from "~/models/core/enums";
import { listingQuerySchema, type ListingQuery } from "~/models/marketplace/listing-schema";
import { searchListings } from "~/models/marketplace/listing-search.server";
import { titled } from "~/lib/page-meta";
import { useLocalName } from "~/i18n/use-local-name";
import { approvedOrg } from "~/models/core/permissions";

export const meta = titled("listings.title", "listings.intro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = listingQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await searchListings(context.db, query);
  return json({ query, ...result, canPost: !!approvedOrg(context.actor) });
}

const FILTERS: { name: Exclude<keyof ListingQuery, "q" | "sort" | "page">; label: string; enumName: EnumName; values: readonly string[] }[] = [
  { name: "kind", label: "listings.kind", enumName: "kind", values: LISTING_KINDS },
  { name: "sector", label: "listings.sector", enumName: "sector", values: SECTORS },
  { name: "category", label: "listings.category", enumName: "dataCategory", values: DATA_CATEGORIES },
  { name: "region", label: "listings.region", enumName: "region", values: REGIONS },
  { name: "delivery", label: "listings.delivery", enumName: "delivery", values: DELIVERY_MODES },
  { name: "pricing", label: "listings.pricing", enumName: "pricing", values: PRICING_MODELS },
  { name: "grade", label: "listings.grade", enumName: "grade", values: DATA_GRADES.filter((g) => g !== "core") },
];

export default function Listings() {
  const { query, hits, total, capped, pageSize, canPost } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="stack">
      <PageHeader
        title={t("listings.title")}
        intro={t("listings.intro")}
        actions={
          canPost ? (
            <Link to="/listings/new" className="btn btn-primary">
              {t("listings.post")}
            </Link>
          ) : null
        }
      />
      <Form method="get" className="card listing-filters" role="search">
        <SearchField label={t("listings.search")} value={query.q} />
        {FILTERS.map((f) => (
          <FilterSelect key={f.name} name={f.name} label={t(f.label)} value={query[f.name]} options={enumOptions(t, f.enumName, f.values)} />
        ))}
        <FilterSelect
          name="route"
          label={t("crossborder.route")}
          value={query.route}
          options={ROUTES.filter((r) => r !== "no_flow").map((r) => ({ value: r, label: t(`crossborder.routes.${r}`) }))}
        />
        <SortSelect
          label={t("listings.sort")}
          value={query.sort}
          options={[
            { value: "relevance", label: t("listings.sortRelevance") },
            { value: "newest", label: t("listings.sortNewest") },
          ]}
        />
        <FilterButtons resetTo="/listings" />
      </Form>
      <p className="muted" data-testid="listings-total">
        {t("listings.total", { count: capped ? `${total}+` : total })}
      </p>
      {hits.length === 0 ? (
        <EmptyState>{t("listings.empty")}</EmptyState>
      ) : (
        <ul className="list-cards" data-testid="listings">
          {hits.map((h) => (
            <li key={h.id} className="card listing-card">
              <div className="row-between">
                <Link to={`/listings/${h.id}`} className="listing-title">
                  {localName(h.title, h.titleEn)}
                </Link>
                <KindBadge kind={h.kind} />
              </div>
              <SnippetText parts={h.snippet} />
              <div className="tags">
                <EnumTags name="sector" values={h.sectors} />
                <EnumTags name="delivery" values={h.deliveryModes} />
                <EnumTags name="region" values={h.regions.slice(0, 2)} />
              </div>
              <p className="muted small">
                {localName(h.orgName, h.orgNameEn)}
                {h.publishedAt ? ` · ${formatDate(h.publishedAt, i18n.language)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager page={query.page} pages={pages} prevLabel={t("listings.prev")} nextLabel={t("listings.next")} pageLabel={t("common.page", { page: query.page })} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
