import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { uuidParam } from "~/models/core/params";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextArea, TextField } from "~/components/forms";
import { GroupTabs } from "~/components/groups";
import { EmptyState, StatusBadge } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { failure, guard, handleValues, readIntent, requireActor, routeUuid } from "~/lib/http.server";
import { createBallot, listBallots } from "~/models/standards/ballots.server";
import { DEFAULT_TIME_ZONE, ballotSchema } from "~/models/standards/collab-schema";
import { getGroupHeader } from "~/models/standards/groups.server";
import { titledBy } from "~/lib/page-meta";
import { useClientCheck } from "~/lib/client-check";

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
  const id = uuidParam.safeParse(params.id);
  const form = await readIntent(context, request);
  if (!id.success || !form || form.intent !== "create") return failure(context, 400, form?.values ?? {}, {}, "v.invalid");
  return handleValues(context, form.values, ballotSchema, async (input) => {
    const ballotId = await createBallot(context.db, actor, id.data, input);
    return redirect(`/groups/${id.data}/ballots/${ballotId}`);
  });
}

export default function BallotsPage() {
  const { group, ballots } = useLoaderData<typeof loader>();
  const check = useClientCheck(ballotSchema);
  const data = check.shown(useActionData<typeof action>());
  const { t, i18n } = useTranslation();
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
          <FormError data={data} />
          <Form method="post" className="stack-sm" noValidate onSubmit={check.onSubmit}>
            <input type="hidden" name="intent" value="create" />
            <TextField name="title" label={t("collab.ballots.fTitle")} data={data} required maxLength={200} />
            <TextArea name="description" label={t("collab.ballots.fDescription")} data={data} rows={3} />
            <TextField name="draftRef" label={t("collab.ballots.fDraftRef")} data={data} maxLength={200} />
            <TextField name="draftId" label={t("collab.ballots.fDraftId")} data={data} maxLength={100} />
            <TextField name="closesAt" type="datetime-local" label={t("collab.ballots.fClosesAt")} data={data} required />
            <TextField name="timeZone" label={t("collab.fTimeZone")} data={data} defaultValue={DEFAULT_TIME_ZONE} />
            <TextField name="quorum" label={t("collab.ballots.fQuorum")} hint={t("collab.ballots.fQuorumHint")} data={data} defaultValue="2/3" />
            <TextField name="approval" label={t("collab.ballots.fApproval")} hint={t("collab.ballots.fApprovalHint")} data={data} defaultValue="2/3" />
            <button type="submit" className="btn btn-primary">
              {t("collab.ballots.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
