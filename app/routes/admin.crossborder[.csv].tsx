import type { LoaderFunctionArgs } from "@remix-run/node";
import { getT } from "~/i18n";
import { guard, requireActor } from "~/lib/http.server";
import { toCsv } from "~/models/core/csv";
import { flowQuerySchema } from "~/models/crossborder/declaration-schema";
import { listFlows } from "~/models/crossborder/declarations.server";
import { listCrossBorderScenarios } from "~/models/crossborder/scenarios.server";

function csvResponse(rows: (string | number)[][], filename: string) {
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

/**
 * The monitoring view as CSV, with the same filters: a header row in the reader's language, one row
 * per declared flow; with `of=scenarios`, one row per scenario of cross-border mutual recognition.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const params = new URL(request.url).searchParams;
  const t = getT(context.locale);
  const local = (zh: string, en: string | null) => (context.locale === "en" && en ? en : zh);
  if (params.get("of") === "scenarios") {
    const scenarios = await guard(context, () => listCrossBorderScenarios(context.db, actor));
    const header = [
      t("crossborder.scenarioView.scenario"),
      t("crossborder.org"),
      t("crossborder.areasLabel"),
      t("scenarios.stage"),
      t("crossborder.updated"),
      "id",
    ];
    const body = scenarios.map((s) => [
      local(s.title, s.titleEn),
      local(s.orgName, s.orgNameEn),
      s.areas.map((a) => t(`crossborder.areas.${a}`)).join("; "),
      t(`scenarios.stages.${s.stage}`),
      s.updatedAt.toISOString().slice(0, 10),
      s.scenarioId,
    ]);
    return csvResponse([header, ...body], "crossborder-scenarios.csv");
  }
  const query = flowQuerySchema.parse(Object.fromEntries(params));
  const { rows } = await guard(context, () => listFlows(context.db, actor, query));
  const yesNo = (b: boolean) => (b ? t("crossborder.yes") : t("crossborder.no"));
  const header = [
    t("crossborder.route"),
    t("crossborder.listing"),
    t("crossborder.org"),
    t("crossborder.direction"),
    t("crossborder.personalInfo"),
    t("crossborder.people"),
    t("crossborder.sensitivePeople"),
    t("crossborder.importantData"),
    t("crossborder.research"),
    t("crossborder.recipient"),
    t("crossborder.purpose"),
    t("crossborder.status"),
    t("crossborder.updated"),
    "id",
  ];
  const body = rows.map((r) => [
    t(`crossborder.routes.${r.route}`),
    context.locale === "en" && r.titleEn ? r.titleEn : r.title,
    context.locale === "en" && r.orgNameEn ? r.orgNameEn : r.orgName,
    t(`crossborder.directions.${r.direction}`),
    yesNo(r.personalInfo),
    r.people,
    r.sensitivePeople,
    yesNo(r.importantData),
    yesNo(r.researchData),
    t(`crossborder.recipients.${r.recipientKind}`),
    r.purpose,
    t(`enums.listingStatus.${r.status}`),
    r.updatedAt.toISOString().slice(0, 10),
    r.listingId,
  ]);
  return csvResponse([header, ...body], "crossborder-flows.csv");
}
