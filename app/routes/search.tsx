import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader, SnippetText } from "~/components/ui";
import { guard } from "~/lib/http.server";
import { searchEverything } from "~/models/search/everything.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ q: string }>((d, t) => (d.q ? `${d.q} · ${t("search.title")}` : null), "search.title");

const querySchema = z.object({ q: z.string().trim().max(100).catch("") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { q } = querySchema.parse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  if (!q) return json({ q, groups: [] });
  return guard(context, async () => json({ q, groups: await searchEverything(context.db, context.actor, q) }));
}

export default function Search() {
  const { q, groups } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const found = groups.filter((g) => g.hits.length > 0);
  return (
    <div className="stack">
      <PageHeader title={t("search.title")} intro={t("search.intro")} />
      <Form method="get" className="filters card" role="search">
        <input
          type="search"
          name="q"
          defaultValue={q}
          placeholder={t("search.placeholder")}
          aria-label={t("search.placeholder")}
          maxLength={100}
          autoFocus={!q}
        />
        <button type="submit" className="btn btn-primary">
          {t("search.submit")}
        </button>
      </Form>
      {q && found.length === 0 ? <EmptyState>{t("search.none", { q })}</EmptyState> : null}
      {found.map((g) => (
        <section key={g.kind} className="card stack-sm" aria-labelledby={`found-${g.kind}`} data-testid={`found-${g.kind}`}>
          <div className="section-head">
            <h2 id={`found-${g.kind}`}>
              {t(`search.kinds.${g.kind}`)} <span className="muted small">{t("search.count", { count: g.total })}</span>
            </h2>
            {g.more && g.total > g.hits.length ? (
              <Link to={g.more} className="small">
                {t("search.more")}
              </Link>
            ) : null}
          </div>
          <ul className="found-list">
            {g.hits.map((h) => (
              <li key={h.id}>
                <Link to={h.href} className="found-title">
                  {h.title}
                </Link>
                {h.alt ? <span className="muted small"> · {h.alt}</span> : null}
                {h.label ? <span className="tag">{t(h.label)}</span> : null}
                <SnippetText parts={h.snippet} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
