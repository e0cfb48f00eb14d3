import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader, Pager } from "~/components/ui";
import { FilterButtons, FilterSelect, SearchField } from "~/components/filters";
import { enumLabel, enumOptions } from "~/lib/enums";
import { ORG_TYPES, REGIONS } from "~/models/core/enums";
import { listDirectory } from "~/models/accounts/organisations.server";
import { directoryQuerySchema } from "~/models/accounts/account-schema";
import { titled } from "~/lib/page-meta";
import { useLocalName } from "~/i18n/use-local-name";

export const meta = titled("directory.title", "directory.intro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = directoryQuerySchema.safeParse(params);
  const query = parsed.success ? parsed.data : { page: 1 };
  return json({ query, ...(await listDirectory(context.db, query)) });
}

export default function Directory() {
  const { query, organisations, total, pageSize } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const localName = useLocalName();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="stack">
      <PageHeader title={t("directory.title")} intro={t("directory.intro")} />
      <Form method="get" className="filters card" role="search">
        <SearchField label={t("directory.search")} value={query.q} wide={false} />
        <FilterSelect name="type" label={t("apply.type")} value={query.type} options={enumOptions(t, "orgType", ORG_TYPES)} />
        <FilterSelect name="region" label={t("apply.region")} value={query.region} options={enumOptions(t, "region", REGIONS)} />
        <FilterButtons resetTo="/directory" />
      </Form>
      <p className="muted" data-testid="directory-total">
        {t("directory.total", { count: total })}
      </p>
      {organisations.length === 0 ? (
        <EmptyState>{t("directory.empty")}</EmptyState>
      ) : (
        <ul className="grid cards" data-testid="directory">
          {organisations.map((o) => (
            <li key={o.id} className="card org-card">
              <Link to={`/orgs/${o.id}`} className="org-card-title">
                {localName(o.name_zh, o.name_en)}
              </Link>
              {o.name_en ? <span className="muted small">{o.name_en}</span> : null}
              <div className="tags">
                <span className={`tag tag-${o.type}`}>{enumLabel(t, "orgType", o.type)}</span>
                <span className="tag">{enumLabel(t, "region", o.region)}</span>
              </div>
              <p className="clamp">{o.description}</p>
            </li>
          ))}
        </ul>
      )}
      <Pager
        page={query.page}
        pages={pages}
        prevLabel={t("directory.prev")}
        nextLabel={t("directory.next")}
        pageLabel={t("common.page", { page: query.page })}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
