import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader } from "~/components/ui";
import { formatDate } from "~/lib/format";
import { guard, requireActor } from "~/lib/http.server";
import { useLocalName } from "~/i18n/use-local-name";
import { LISTING_STATUSES } from "~/models/core/enums";
import { flowQuerySchema } from "~/models/crossborder/declaration-schema";
import { listFlows } from "~/models/crossborder/declarations.server";
import { listCrossBorderScenarios, type CrossBorderScenarioRow } from "~/models/crossborder/scenarios.server";
import { getT, type Locale } from "~/i18n";
import { ROUTES } from "~/models/crossborder/routes";
import { titled } from "~/lib/page-meta";

export const meta = titled("crossborder.adminTitle", "crossborder.adminIntro");

/** Every declared cross-border flow by route and status (policy item 二十二), the secretariat only (the model checks). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const query = flowQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return guard(context, async () =>
    json({
      ...(await listFlows(context.db, actor, query)),
      scenarios: await scenarioView(context.locale, await listCrossBorderScenarios(context.db, actor)),
      query,
    }),
  );
}

/** The scenarios' table with its labels translated here: their keys are server-only (app/i18n/catalog-parts.ts). */
function scenarioView(locale: Locale, rows: CrossBorderScenarioRow[]) {
  const t = getT(locale);
  return {
    rows,
    title: t("crossborder.scenarioView.title"),
    none: t("crossborder.scenarioView.none"),
    count: t("crossborder.scenarioView.count", { count: rows.length }),
    scenario: t("crossborder.scenarioView.scenario"),
  };
}

export default function CrossBorderFlows() {
  const { rows, counts, scenarios, query } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const routes = ROUTES.filter((r) => r !== "no_flow");
  const params = new URLSearchParams();
  if (query.route) params.set("route", query.route);
  if (query.status) params.set("status", query.status);
  const csv = `/admin/crossborder.csv?${params.toString()}`;
  return (
    <div className="stack">
      <PageHeader title={t("crossborder.adminTitle")} intro={t("crossborder.adminIntro")} />
      <ul className="row" data-testid="route-counts">
        {routes.map((r) => (
          <li key={r} className="badge">
            {`${t(`crossborder.routes.${r}`)}: ${counts[r]}`}
          </li>
        ))}
      </ul>
      <Form method="get" className="row">
        <label>
          {t("crossborder.route")}{" "}
          <select name="route" defaultValue={query.route ?? ""}>
            <option value="">{t("crossborder.allRoutes")}</option>
            {routes.map((r) => (
              <option key={r} value={r}>
                {t(`crossborder.routes.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("crossborder.status")}{" "}
          <select name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("crossborder.allStatuses")}</option>
            {LISTING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`enums.listingStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-ghost">
          {t("crossborder.filter")}
        </button>
        <a href={csv} className="btn btn-ghost" download>
          {t("crossborder.csv")}
        </a>
      </Form>
      <p className="muted">{t("crossborder.count", { count: rows.length })}</p>
      {rows.length === 0 ? (
        <EmptyState>{t("crossborder.empty")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table data-testid="flows">
            <thead>
              <tr>
                <th>{t("crossborder.route")}</th>
                <th>{t("crossborder.listing")}</th>
                <th>{t("crossborder.org")}</th>
                <th>{t("crossborder.direction")}</th>
                <th>{t("crossborder.personalInfo")}</th>
                <th>{t("crossborder.recipient")}</th>
                <th>{t("crossborder.status")}</th>
                <th>{t("crossborder.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.listingId} data-route={r.route}>
                  <td>{t(`crossborder.routes.${r.route}`)}</td>
                  <td>
                    <Link to={`/listings/${r.listingId}`}>{localName(r.title, r.titleEn)}</Link>
                  </td>
                  <td>{localName(r.orgName, r.orgNameEn)}</td>
                  <td>{t(`crossborder.directions.${r.direction}`)}</td>
                  <td>
                    {r.personalInfo
                      ? t("crossborder.headCount", {
                          people: r.people.toLocaleString(i18n.language),
                          sensitive: r.sensitivePeople.toLocaleString(i18n.language),
                        })
                      : t("crossborder.no")}
                    {r.importantData ? ` · ${t("crossborder.importantData")}` : ""}
                  </td>
                  <td>{t(`crossborder.recipients.${r.recipientKind}`)}</td>
                  <td>{t(`enums.listingStatus.${r.status}`)}</td>
                  <td>{formatDate(r.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="stack-sm" aria-labelledby="crossborder-scenarios">
        <div className="row-between">
          <h2 id="crossborder-scenarios">{scenarios.title}</h2>
          <a href="/admin/crossborder.csv?of=scenarios" className="btn btn-ghost" download>
            {t("crossborder.csv")}
          </a>
        </div>
        <p className="muted">{scenarios.count}</p>
        {scenarios.rows.length === 0 ? (
          <EmptyState>{scenarios.none}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table data-testid="crossborder-scenarios">
              <thead>
                <tr>
                  <th>{scenarios.scenario}</th>
                  <th>{t("crossborder.org")}</th>
                  <th>{t("crossborder.areasLabel")}</th>
                  <th>{t("scenarios.stage")}</th>
                  <th>{t("crossborder.updated")}</th>
                </tr>
              </thead>
              <tbody>
                {scenarios.rows.map((s) => (
                  <tr key={s.scenarioId}>
                    <td>
                      <Link to={`/scenarios/${s.scenarioId}`}>{localName(s.title, s.titleEn)}</Link>
                    </td>
                    <td>{localName(s.orgName, s.orgNameEn)}</td>
                    <td>{s.areas.map((a) => t(`crossborder.areas.${a}`)).join("、")}</td>
                    <td>{t(`scenarios.stages.${s.stage}`)}</td>
                    <td>{formatDate(s.updatedAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
