import type { LoaderFunctionArgs } from "@remix-run/node";
import { getT } from "~/i18n";
import { enumLabel } from "~/lib/enums";
import { guard } from "~/lib/http.server";
import { toCsv } from "~/models/core/csv";
import { getEditionByYear } from "~/models/scenarios/catalog.server";

/** The edition as CSV: a header row in the reader's language, one row per scenario. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  if (!/^\d{4}$/.test(params.year ?? "")) throw new Response("Not found", { status: 404 });
  const { edition, entries } = await guard(context, () => getEditionByYear(context.db, context.actor, Number(params.year)));
  const t = getT(context.locale);
  const header = [
    t("scenarios.csv.number"),
    t("scenarios.csv.title"),
    t("scenarios.csv.org"),
    t("scenarios.csv.participants"),
    t("scenarios.csv.sector"),
    t("scenarios.csv.region"),
    t("scenarios.csv.stage"),
    t("scenarios.csv.delivery"),
    t("scenarios.csv.demonstration"),
    t("scenarios.csv.results"),
    t("scenarios.csv.problem"),
  ];
  const rows = entries.map((e, i) => [
    i + 1,
    e.title,
    e.orgName,
    e.participants.join("; "),
    enumLabel(t, "sector", e.sector),
    enumLabel(t, "region", e.region),
    t(`scenarios.stages.${e.stage}`),
    e.deliveryModes.map((m) => enumLabel(t, "delivery", m)).join("; "),
    e.demonstration ? t("scenarios.csv.yes") : t("scenarios.csv.no"),
    e.results.map((r) => `${r.label}: ${r.value}${r.unit ? ` ${r.unit}` : ""}`).join("; "),
    e.problem,
  ]);
  return new Response(toCsv([header, ...rows]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="scenario-catalog-${edition.year}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
