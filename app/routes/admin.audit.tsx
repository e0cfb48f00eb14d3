import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getT } from "~/i18n";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { guard, requireActor } from "~/lib/http.server";
import { listAudit, listAuditEntityTypes } from "~/models/core/audit.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("audit.title", "audit.intro");

const querySchema = z.object({
  entity: z.string().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return guard(context, async () => {
    const [result, types] = await Promise.all([
      listAudit(context.db, actor, { entityType: query.entity || undefined, page: query.page }),
      listAuditEntityTypes(context.db, actor),
    ]);
    // The action and record names are translated here: the audit vocabulary stays off the browser's catalogue.
    const t = getT(context.locale);
    const label = (kind: "actions" | "entities", key: string) => t(`auditLog.${kind}.${key}`, { defaultValue: key });
    return json({
      ...result,
      entries: result.entries.map((e) => ({ ...e, actionLabel: label("actions", e.action), entityLabel: label("entities", e.entity_type) })),
      types: types.map((ty) => ({ value: ty, label: label("entities", ty) })),
      linkTo: t("auditLog.linkTo"),
      query,
    });
  });
}

/** Where a record can be looked at; the others (users, keys, sessions) have no page of their own. */
const ENTITY_PAGES: Record<string, (id: string) => string> = {
  listing: (id) => `/listings/${id}`,
  organisation: (id) => `/orgs/${id}`,
  scenario: (id) => `/scenarios/${id}`,
  group: (id) => `/groups/${id}`,
  match: (id) => `/matches/${id}`,
};

function shown(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** What changed, one field per line: "status: pending_review → published". */
function Change({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="changes">
      {keys.map((k) => (
        <li key={k}>
          <span className="muted">{k}</span>:{" "}
          {k in b && k in a ? (
            <>
              {shown(b[k])} → {shown(a[k])}
            </>
          ) : (
            shown(k in a ? a[k] : b[k])
          )}
        </li>
      ))}
    </ul>
  );
}

export default function Audit() {
  const { entries, hasMore, types, query, linkTo } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const pageHref = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next}`;
  };
  return (
    <div className="stack">
      <PageHeader title={t("audit.title")} intro={t("audit.intro")} />
      <Form method="get" className="filters card">
        <select name="entity" defaultValue={query.entity ?? ""} aria-label={t("audit.entity")}>
          <option value="">{t("audit.allTypes")}</option>
          {types.map((ty) => (
            <option key={ty.value} value={ty.value}>
              {ty.label}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-primary">
          {t("audit.filter")}
        </button>
      </Form>
      {entries.length === 0 ? (
        <EmptyState>{t("audit.empty")}</EmptyState>
      ) : (
        <div className="table-wrap card">
          <table data-testid="audit">
            <thead>
              <tr>
                <th>{t("audit.when")}</th>
                <th>{t("audit.who")}</th>
                <th>{t("audit.action")}</th>
                <th>{t("audit.entity")}</th>
                <th>{t("audit.change")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDateTime(e.created_at, i18n.language)}</td>
                  <td>{e.actor_email ?? t("audit.system")}</td>
                  <td title={e.action}>{e.actionLabel}</td>
                  <td>
                    {e.entityLabel}{" "}
                    {ENTITY_PAGES[e.entity_type] ? (
                      <Link to={ENTITY_PAGES[e.entity_type](e.entity_id)} className="small">
                        {linkTo}
                      </Link>
                    ) : (
                      <span className="mono small muted">{e.entity_id.slice(0, 8)}</span>
                    )}
                  </td>
                  <td>
                    <Change before={e.before} after={e.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager">
        {query.page > 1 ? <Link to={pageHref(query.page - 1)}>{t("audit.newer")}</Link> : <span />}
        <span>{t("common.page", { page: query.page })}</span>
        {hasMore ? <Link to={pageHref(query.page + 1)}>{t("audit.older")}</Link> : <span />}
      </nav>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
