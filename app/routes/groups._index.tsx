import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader } from "~/components/ui";
import { listGroups } from "~/models/standards/groups.server";
import { isSecretariat } from "~/models/core/permissions";
import { titled } from "~/lib/page-meta";
import { useLocalName } from "~/i18n/use-local-name";

export const meta = titled("standards.title", "standards.intro");

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ groups: await listGroups(context.db), canCreate: isSecretariat(context.actor) });
}

export default function Groups() {
  const { groups, canCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const localName = useLocalName();
  return (
    <div className="stack">
      <PageHeader
        title={t("standards.title")}
        intro={t("standards.intro")}
        actions={
          canCreate ? (
            <Link to="/groups/new" className="btn btn-primary">
              {t("standards.create")}
            </Link>
          ) : null
        }
      />
      {groups.length === 0 ? (
        <EmptyState>{t("standards.empty")}</EmptyState>
      ) : (
        <ul className="grid cards" data-testid="groups">
          {groups.map((g) => (
            <li key={g.id} className="card org-card">
              <Link to={`/groups/${g.id}`} className="org-card-title">
                {localName(g.name, g.name_en)}
              </Link>
              {g.name_en ? <span className="muted small">{localName(g.name, g.name_en) === g.name ? g.name_en : g.name}</span> : null}
              <div className="tags">
                <span className="tag">{t(`standards.types.${g.standard_type}`)}</span>
                <span className="tag">{t("standards.members", { count: g.members })}</span>
              </div>
              <p className="clamp">{g.scope}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
