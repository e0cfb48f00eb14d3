import type { LoaderFunctionArgs } from "@remix-run/node";
import { getT } from "~/i18n";
import { guard, routeUuid } from "~/lib/http.server";
import { commentTable } from "~/models/standards/drafts.server";
import { toCsv } from "~/models/core/csv";

/** The comment-resolution table as CSV: a header row in the reader's language, one row per comment. */
export async function loader({ params: p, context }: LoaderFunctionArgs) {
  const ids = { id: routeUuid(p, "id"), draftId: routeUuid(p, "draftId") };
  const { draft, rows } = await guard(context, () => commentTable(context.db, context.actor, ids.id, ids.draftId));
  const t = getT(context.locale);
  const header = [
    t("drafts.csv.number"),
    t("drafts.csv.clause"),
    t("drafts.csv.comment"),
    t("drafts.csv.proposedChange"),
    t("drafts.csv.commenter"),
    t("drafts.csv.org"),
    t("drafts.csv.patents"),
    t("drafts.csv.resolution"),
    t("drafts.csv.reason"),
    t("drafts.csv.resolver"),
  ];
  const body = rows.map((r, i) => [
    i + 1,
    r.clause,
    r.comment,
    r.proposed_change,
    r.author,
    r.org,
    r.patents.join("; "),
    r.resolution ? t(`drafts.resolutions.${r.resolution}`) : t("drafts.unresolved"),
    r.resolution_reason,
    r.resolver,
  ]);
  const file = draft.code.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return new Response(toCsv([header, ...body]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="comments-${file}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
