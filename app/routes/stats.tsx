import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { DonutChart, HBarChart, TrendChart } from "~/components/charts";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader } from "~/components/ui";
import { enumLabel, type EnumName } from "~/lib/enums";
import { allianceStatistics } from "~/models/directory/stats.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("stats.title", "stats.intro");

export async function loader({ context }: LoaderFunctionArgs) {
  return json(await allianceStatistics(context.db, context.actor));
}

/** A chart with its figures as a table underneath, for screen readers and for reading exact values. */
function ChartCard({ title, children, rows }: { title: string; children: ReactNode; rows: [string, ...(string | number)[]][] }) {
  const { t } = useTranslation();
  return (
    <section className="card stat-card">
      <h2>{title}</h2>
      {rows.length === 0 ? <EmptyState>{t("stats.empty")}</EmptyState> : children}
      {rows.length ? (
        <details className="stat-table">
          <summary>{t("stats.showTable")}</summary>
          <table>
            <tbody>
              {rows.map(([label, ...values]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {values.map((v, i) => (
                    <td key={i}>{v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}

export default function Statistics() {
  const s = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const label = (name: EnumName, v: string) => enumLabel(t, name, v);
  const byType = s.membersByType.map((c) => ({ label: label("orgType", c.key), n: c.n }));
  const byRegion = s.membersByRegion.map((c) => ({ label: label("region", c.key), n: c.n }));
  const bySector = s.listingsBySector.map((c) => ({ label: label("sector", c.sector), supply: c.supply, demand: c.demand }));
  const byCategory = s.listingsByCategory.map((c) => ({ label: label("dataCategory", c.key), value: c.n }));
  const monthly = s.monthly.map((m) => ({ label: m.month, matches: m.matches, deals: m.deals }));
  const stages = s.scenariosByStage.map((c) => ({ label: t(`scenarios.stages.${c.key}`), n: c.n }));
  const draftStages = s.draftsByStage.map((c) => ({ label: t(`drafts.stages.${c.key}`), n: c.n }));
  const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
  const headline: [string, number][] = [
    ["members", sum(s.membersByType.map((c) => c.n))],
    ["listings", sum(s.listingsByCategory.map((c) => c.n))],
    ["matches", sum(s.monthly.map((m) => m.matches))],
    ["deals", sum(s.monthly.map((m) => m.deals))],
    ["scenarios", sum(s.scenariosByStage.map((c) => c.n))],
    ["drafts", sum(s.draftsByStage.filter((c) => c.key !== "published").map((c) => c.n))],
  ];
  return (
    <div className="stack">
      <PageHeader title={t("stats.title")} intro={t("stats.intro")} />
      <section className="kpis" aria-label={t("stats.title")} data-testid="kpis">
        {headline.map(([key, n]) => (
          <div key={key} className="kpi">
            <strong>{n}</strong>
            <span>{t(`stats.kpi.${key}`)}</span>
          </div>
        ))}
      </section>
      {s.internal ? (
        <section className="card" data-testid="internal-stats">
          <h2>{t("stats.internal")}</h2>
          <div className="stats">
            <div className="stat">
              <strong>{s.internal.pendingApplications}</strong>
              <span>{t("stats.pendingApplications")}</span>
            </div>
            <div className="stat">
              <strong>{s.internal.pendingListings}</strong>
              <span>{t("stats.pendingListings")}</span>
            </div>
            <div className="stat">
              <strong>{s.internal.activeUsers30d}</strong>
              <span>{t("stats.activeUsers")}</span>
            </div>
          </div>
          <div className="grid stats-grid">
            <div>
              <h3>{t("stats.listingStatuses")}</h3>
              <ul className="list">
                {s.internal.listingStatuses.map((c) => (
                  <li key={c.key}>
                    <span>{label("listingStatus", c.key)}</span>
                    <strong>{c.n}</strong>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>{t("stats.matchStatuses")}</h3>
              <ul className="list">
                {s.internal.matchStatuses.map((c) => (
                  <li key={c.key}>
                    <span>{label("matchStatus", c.key)}</span>
                    <strong>{c.n}</strong>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </section>
      ) : null}
      <div className="grid stats-grid">
        <ChartCard title={t("stats.membersByType")} rows={byType.map((d) => [d.label, d.n])}>
          <HBarChart data={byType} series={[{ key: "n", name: t("stats.members") }]} />
        </ChartCard>
        <ChartCard title={t("stats.membersByRegion")} rows={byRegion.map((d) => [d.label, d.n])}>
          <HBarChart data={byRegion} series={[{ key: "n", name: t("stats.members") }]} />
        </ChartCard>
        <ChartCard title={t("stats.listingsBySector")} rows={bySector.map((d) => [d.label, d.supply, d.demand])}>
          <HBarChart
            data={bySector}
            series={[
              { key: "supply", name: label("kind", "supply") },
              { key: "demand", name: label("kind", "demand") },
            ]}
          />
        </ChartCard>
        <ChartCard title={t("stats.listingsByCategory")} rows={byCategory.map((d) => [d.label, d.value])}>
          <DonutChart data={byCategory} />
        </ChartCard>
      </div>
      <div className="grid stats-grid">
        <ChartCard title={t("stats.monthly")} rows={monthly.some((d) => d.matches || d.deals) ? monthly.map((d) => [d.label, d.matches, d.deals]) : []}>
          <TrendChart
            data={monthly}
            series={[
              { key: "matches", name: t("stats.matches") },
              { key: "deals", name: t("stats.deals") },
            ]}
          />
        </ChartCard>
        <ChartCard title={t("stats.scenariosByStage")} rows={stages.some((d) => d.n) ? stages.map((d) => [d.label, d.n]) : []}>
          <HBarChart data={stages} series={[{ key: "n", name: t("stats.scenarios") }]} />
        </ChartCard>
        <ChartCard
          title={t("stats.draftsByStage", { groups: s.workingGroups })}
          rows={draftStages.some((d) => d.n) ? draftStages.map((d) => [d.label, d.n]) : []}
        >
          <HBarChart data={draftStages} series={[{ key: "n", name: t("stats.drafts") }]} />
        </ChartCard>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
