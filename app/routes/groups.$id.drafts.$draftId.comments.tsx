import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { StageBadge } from "~/components/drafts";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { GroupTabs } from "~/components/groups";
import { guard, routeUuid } from "~/lib/http.server";
import { commentTable } from "~/models/standards/drafts.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ draft: { title: string } }>((d, t) => `${t("drafts.resolutionTable")} · ${d.draft.title}`);

/** 意见汇总处理表: every comment with its resolution, in clause order; the CSV is the same table. */
export async function loader({ params: p, context }: LoaderFunctionArgs) {
  const ids = { id: routeUuid(p, "id"), draftId: routeUuid(p, "draftId") };
  return guard(context, async () => json(await commentTable(context.db, context.actor, ids.id, ids.draftId)));
}

export default function ResolutionTable() {
  const { group, draft, rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/groups/${group.id}/drafts/${draft.id}`;
  return (
    <div className="stack">
      <GroupTabs groupId={group.id} name={group.name} />
      <Link to={base}>← {t("drafts.backToDraft")}</Link>
      <div className="row-between">
        <h2>
          <span className="dr-code">{draft.code}</span> {t("drafts.resolutionTable")} <StageBadge stage={draft.stage} />
        </h2>
        <a className="btn btn-sm" href={`${base}/comments.csv`} download>
          {t("drafts.downloadCsv")}
        </a>
      </div>
      <div className="dr-scroll">
        <table className="dr-table" data-testid="resolution-table">
          <thead>
            <tr>
              <th>{t("drafts.csv.number")}</th>
              <th>{t("drafts.csv.clause")}</th>
              <th>{t("drafts.csv.comment")}</th>
              <th>{t("drafts.csv.proposedChange")}</th>
              <th>{t("drafts.csv.org")}</th>
              <th>{t("drafts.csv.resolution")}</th>
              <th>{t("drafts.csv.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.id}>
                <td>{i + 1}</td>
                <td>{r.clause}</td>
                <td>
                  {r.comment}
                  {r.patents.length ? (
                    <>
                      <br />
                      <small className="muted">
                        {t("drafts.csv.patents")}: {r.patents.join("; ")}
                      </small>
                    </>
                  ) : null}
                </td>
                <td>{r.proposed_change}</td>
                <td>{r.org ?? r.author}</td>
                <td>{r.resolution ? t(`drafts.resolutions.${r.resolution}`) : t("drafts.unresolved")}</td>
                <td>{r.resolution_reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
