import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ConfirmButton } from "~/components/ui";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { uuidParam } from "~/models/core/params";
import { BallotResult, RuleText } from "~/components/collab";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, InlineFieldError, TextArea, fieldValue, refusalOf } from "~/components/forms";
import { CheckedForm } from "~/components/checked-form";
import { GroupTabs } from "~/components/groups";
import { formatDateTime } from "~/lib/format";
import { failure, guard, handleValues, readIntent, requireActor, routeUuid } from "~/lib/http.server";
import { castVote, closeBallot, getBallot } from "~/models/standards/ballots.server";
import { VOTE_CHOICES, voteSchema } from "~/models/standards/collab-schema";
import { getGroupHeader } from "~/models/standards/groups.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ group: { name: string }; ballot: { title: string } }>((d) => `${d.ballot.title} · ${d.group.name}`);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  const ballotId = routeUuid(params, "ballotId");
  return guard(context, async () => {
    const ballot = await getBallot(context.db, actor, ballotId);
    if (ballot.groupId !== id) throw json({ message: null }, { status: 404 });
    const group = await getGroupHeader(context.db, actor, id);
    return json({ group: { id: group.id, name: group.name }, ballot });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const ballotId = uuidParam.safeParse(params.ballotId);
  const form = await readIntent(context, request);
  if (!ballotId.success || !form) return failure(context, 400, {}, {}, "v.invalid");
  if (form.intent === "vote") {
    return handleValues(context, form.values, voteSchema, async (input) => {
      await castVote(context.db, actor, ballotId.data, input);
      return json({ ok: true as const });
    });
  }
  if (form.intent === "close") {
    return handleValues(context, form.values, z.object({}), async () => {
      await closeBallot(context.db, actor, ballotId.data);
      return json({ ok: true as const });
    });
  }
  return failure(context, 400, form.values, {}, "v.invalid");
}

export default function BallotPage() {
  const { group, ballot } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const voteFailed = refusalOf(data, { intent: "vote" });
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <GroupTabs groupId={group.id} name={group.name} />
      <article className="card stack-sm">
        <p>
          <Link to={`/groups/${group.id}/ballots`}>← {t("collab.ballots.title")}</Link>
        </p>
        <h2>{ballot.title}</h2>
        {ballot.draftRef || ballot.draftId ? (
          <p data-testid="ballot-draft">
            {t("collab.ballots.draft")}:{" "}
            {ballot.draftId ? <Link to={`/groups/${group.id}/drafts/${ballot.draftId}`}>{ballot.draftRef || t("collab.ballots.draft")}</Link> : ballot.draftRef}
          </p>
        ) : null}
        {ballot.description ? <p className="prose">{ballot.description}</p> : null}
        <RuleText rule={ballot.rule} />
        <p className="muted">
          {ballot.status === "closed"
            ? t("collab.ballots.closedAt", { at: formatDateTime(ballot.closedAt ?? ballot.closesAt, i18n.language) })
            : t("collab.ballots.closesAt", { at: formatDateTime(ballot.closesAt, i18n.language) })}
          {" · "}
          {t("collab.ballots.votesCast", { count: ballot.votesCast })}
        </p>
        <FormError data={voteFailed ? undefined : data} />
        {ballot.status === "closed" && ballot.tally ? (
          <BallotResult tally={ballot.tally} result={ballot.result} rule={ballot.rule} evaluation={ballot.evaluation} />
        ) : null}
        {ballot.canVote ? (
          <CheckedForm schema={voteSchema} answer={voteFailed} className="stack-sm co-vote">
            {(shown) => (
              <>
                <input type="hidden" name="intent" value="vote" />
                <fieldset aria-describedby="e-choice">
                  <legend>{ballot.myVote ? t("collab.ballots.changeVote") : t("collab.ballots.yourVote")}</legend>
                  {VOTE_CHOICES.map((c) => (
                    <label key={c} className="co-choice">
                      <input type="radio" name="choice" value={c} defaultChecked={(fieldValue(shown, "choice") ?? ballot.myVote?.choice) === c} />{" "}
                      {t(`collab.ballots.${c}`)}
                    </label>
                  ))}
                  <InlineFieldError data={shown} name="choice" id="e-choice" />
                </fieldset>
                <TextArea
                  name="comment"
                  label={t("collab.ballots.comment")}
                  data={shown}
                  rows={2}
                  maxLength={1000}
                  defaultValue={ballot.myVote?.comment ?? ""}
                />
                <button type="submit" className="btn btn-primary">
                  {t("collab.ballots.castVote")}
                </button>
              </>
            )}
          </CheckedForm>
        ) : ballot.status === "open" ? (
          <p className="muted">{t("collab.ballots.notVoter")}</p>
        ) : null}
        {ballot.convenes && ballot.status === "open" ? (
          <Form method="post">
            <ConfirmButton confirm={t("confirm.closeBallot")} name="intent" value="close" className="btn btn-ghost">
              {t("collab.ballots.closeNow")}
            </ConfirmButton>
          </Form>
        ) : null}
      </article>
      {ballot.votes.length ? (
        <section className="card">
          <h2>{t("collab.ballots.votes")}</h2>
          <ul className="list">
            {ballot.votes.map((v, i) => (
              <li key={i}>
                <span>
                  {v.name}
                  {v.comment ? <span className="muted small">：{v.comment}</span> : null}
                </span>
                <span className="tag">{t(`collab.ballots.${v.choice}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
