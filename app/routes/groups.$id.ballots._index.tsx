import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm, ConformInput, ConformTextArea } from "~/components/conform-fields";
import { GroupTabs } from "~/components/groups";
import { EmptyState, StatusBadge } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { guard, requireActor, routeUuid } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { createBallot, listBallots } from "~/models/standards/ballots.server";
import { DEFAULT_TIME_ZONE, ballotSchema } from "~/models/standards/collab-schema";
import { getGroupHeader } from "~/models/standards/groups.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ group: { name: string } }>((d, t) => `${t("standards.tabs.ballots")} · ${d.group.name}`);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  return guard(context, async () => {
    const ballots = await listBallots(context.db, actor, id);
    const group = await getGroupHeader(context.db, actor, id);
    return json({ group, ballots });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  return handleSubmission(context, request, ballotSchema, async (input) => {
    const ballotId = await createBallot(context.db, actor, id, input);
    return redirect(`/groups/${id}/ballots/${ballotId}`);
  });
}

export default function BallotsPage() {
  const { group, ballots } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useSchemaForm(ballotSchema, lastResult, {
    id: "create-ballot",
    defaultValue: { timeZone: DEFAULT_TIME_ZONE, quorum: "2/3", approval: "2/3" },
  });
  return (
    <div className="stack">
      <GroupTabs groupId={group.id} name={group.name} />
      <section className="card">
        <h2>{t("collab.ballots.title")}</h2>
        {ballots.length === 0 ? <EmptyState>{t("collab.ballots.empty")}</EmptyState> : null}
        <ul className="list" data-testid="ballots">
          {ballots.map((b) => (
            <li key={b.id}>
              <span>
                <Link to={`/groups/${group.id}/ballots/${b.id}`}>{b.title}</Link>
                {b.draftRef ? <span className="muted small"> · {b.draftRef}</span> : null}
                <br />
                <span className="muted small">{t("collab.ballots.closesAt", { at: formatDateTime(b.closesAt, i18n.language) })}</span>
              </span>
              <span>
                {b.status === "closed" ? (
                  <StatusBadge status={b.result ?? "failed"} label={b.result === "passed" ? t("collab.ballots.passed") : t("collab.ballots.failed")} />
                ) : (
                  <StatusBadge status="open" label={b.myChoice ? t("collab.ballots.voted") : t("collab.ballots.open")} />
                )}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {group.convenes ? (
        <section className="card">
          <h2>{t("collab.ballots.create")}</h2>
          <ConformForm form={form} className="stack-sm">
            <input type="hidden" name="intent" value="create" />
            <ConformInput field={fields.title} label={t("collab.ballots.fTitle")} maxLength={200} />
            <ConformTextArea field={fields.description} label={t("collab.ballots.fDescription")} rows={3} />
            <ConformInput field={fields.draftRef} label={t("collab.ballots.fDraftRef")} maxLength={200} />
            <ConformInput field={fields.draftId} label={t("collab.ballots.fDraftId")} maxLength={100} />
            <ConformInput field={fields.closesAt} type="datetime-local" label={t("collab.ballots.fClosesAt")} />
            <ConformInput field={fields.timeZone} label={t("collab.fTimeZone")} />
            <ConformInput field={fields.quorum} label={t("collab.ballots.fQuorum")} hint={t("collab.ballots.fQuorumHint")} />
            <ConformInput field={fields.approval} label={t("collab.ballots.fApproval")} hint={t("collab.ballots.fApprovalHint")} />
            <button type="submit" className="btn btn-primary">
              {t("collab.ballots.submit")}
            </button>
          </ConformForm>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
