import type { LoaderFunctionArgs } from "@remix-run/node";
import { getT } from "~/i18n";
import { guard, requireActor } from "~/lib/http.server";
import { toCsv } from "~/models/core/csv";
import { flowQuerySchema } from "~/models/crossborder/declaration-schema";
import { listFlows } from "~/models/crossborder/declarations.server";

/** The monitoring view as CSV, with the same filters: a header row in the reader's language, one row per declared flow. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const query = flowQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows } = await guard(context, () => listFlows(context.db, actor, query));
  const t = getT(context.locale);
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
  return new Response(toCsv([header, ...body]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="crossborder-flows.csv"',
      "Cache-Control": "no-store",
    },
  });
}
