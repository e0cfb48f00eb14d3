import type { LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader, StatusBadge } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { guard, requireActor } from "~/lib/http.server";
import { titled } from "~/lib/page-meta";
import { myReports, reportsAboutMyOrg } from "~/models/trust/reports.server";

export const meta = titled("trust.reportsTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    const [mine, aboutUs] = await Promise.all([myReports(context.db, actor), reportsAboutMyOrg(context.db, actor)]);
    return json({ mine, aboutUs });
  });
}

type Row = SerializeFrom<typeof loader>["aboutUs"][number];

/** One report: what, why, and what was decided. */
function ReportItem({ r }: { r: Row }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card stack-sm" data-testid="report">
      <div className="row-between">
        <span>
          <span className="tag">{t(`trust.targets.${r.target_type}`)}</span> <Link to={r.target_path}>{r.target_title}</Link>
        </span>
        <StatusBadge status={r.status === "open" ? "pending" : "approved"} label={t(`trust.statuses.${r.status}`)} />
      </div>
      <p className="muted small">
        {t(`trust.categories.${r.category}`)} · {t("trust.filedAt")} {formatDateTime(r.created_at, i18n.language)}
        {r.decided_at ? ` · ${t("trust.decidedAt")} ${formatDateTime(r.decided_at, i18n.language)}` : ""}
      </p>
      {r.decision ? (
        <p>
          <strong>{t(`trust.decisions.${r.decision}`)}</strong>
          {r.decision_reason ? ` · ${t("trust.reason")}: ${r.decision_reason}` : ""}
        </p>
      ) : null}
    </li>
  );
}

export default function Reports() {
  const { mine, aboutUs } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <PageHeader title={t("trust.reportsTitle")} />
      {params.get("filed") ? (
        <p className="alert alert-ok" role="status" data-testid="report-filed">
          {t("trust.filed")}
        </p>
      ) : null}
      <section className="stack-sm" aria-labelledby="mine">
        <h2 id="mine">{t("trust.mine")}</h2>
        {mine.length ? (
          <ul className="list-cards" data-testid="my-reports">
            {mine.map((r) => (
              <ReportItem key={r.id} r={r} />
            ))}
          </ul>
        ) : (
          <EmptyState>{t("trust.mineEmpty")}</EmptyState>
        )}
      </section>
      <section className="stack-sm" aria-labelledby="about-us">
        <h2 id="about-us">{t("trust.aboutUs")}</h2>
        <p className="muted">{t("trust.aboutUsHint")}</p>
        {aboutUs.length ? (
          <ul className="list-cards" data-testid="reports-about-us">
            {aboutUs.map((r) => (
              <ReportItem key={r.id} r={r} />
            ))}
          </ul>
        ) : (
          <EmptyState>{t("trust.aboutUsEmpty")}</EmptyState>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
