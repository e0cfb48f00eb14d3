import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ConfirmButton } from "~/components/ui";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { BallotResult, RuleText } from "~/components/collab";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ErrorText } from "~/components/forms";
import { ConformForm, ConformHidden, ConformTextArea } from "~/components/conform-fields";
import { GroupTabs } from "~/components/groups";
import { formatDateTime } from "~/lib/format";
import { guard, requireActor, routeUuid } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm, type FormReply } from "~/lib/conform";
import { castVote, closeBallot, getBallot } from "~/models/standards/ballots.server";
import { VOTE_CHOICES, ballotMoveSchema, voteFormSchema } from "~/models/standards/collab-schema";
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
  const ballotId = routeUuid(params, "ballotId");
  return handleSubmission(context, request, ballotMoveSchema, async (input) => {
    if (input.intent === "vote") await castVote(context.db, actor, ballotId, input);
    else await closeBallot(context.db, actor, ballotId);
    return json<FormReply>({ status: "success", initialValue: null });
  });
}

export default function BallotPage() {
  const { group, ballot } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  // A refused vote shows on the vote form; a refused close (or a request that was no move at all) above it.
  const voteReply = reply?.initialValue?.intent === "vote" ? reply : undefined;
  const otherRefusal = reply?.status === "error" && !voteReply ? reply.error?.[""]?.[0] : undefined;
  const { t, i18n } = useTranslation();
  const [form, fields] = useSchemaForm(voteFormSchema, voteReply, { id: "vote", defaultValue: { comment: ballot.myVote?.comment ?? "" } });
  const chosen = (fields.choice.initialValue as string | undefined) ?? ballot.myVote?.choice;
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
          <span data-testid="ballot-count">{t("collab.ballots.votesOfEligible", { count: ballot.votesCast, eligible: ballot.eligible })}</span>
        </p>
        {reply?.status === "success" && ballot.myVote ? (
          <div className="alert alert-ok" role="status" data-testid="vote-recorded">
            {t("collab.ballots.voteRecorded", { choice: t(`collab.ballots.${ballot.myVote.choice}`) })}
          </div>
        ) : null}
        {otherRefusal ? (
          <div className="alert alert-error" role="alert">
            {otherRefusal}
          </div>
        ) : null}
        {ballot.status === "closed" && ballot.tally ? (
          <BallotResult tally={ballot.tally} result={ballot.result} rule={ballot.rule} evaluation={ballot.evaluation} />
        ) : null}
        {ballot.canVote ? (
          <ConformForm form={form} className="stack-sm co-vote">
            <ConformHidden field={fields.intent} value="vote" />
            <fieldset aria-describedby={fields.choice.errorId}>
              <legend>{ballot.myVote ? t("collab.ballots.changeVote") : t("collab.ballots.yourVote")}</legend>
              {VOTE_CHOICES.map((c) => (
                <label key={c} className="co-choice">
                  <input type="radio" name={fields.choice.name} value={c} defaultChecked={chosen === c} /> {t(`collab.ballots.${c}`)}
                </label>
              ))}
              <ErrorText id={fields.choice.errorId} error={fields.choice.errors?.[0]} />
            </fieldset>
            <ConformTextArea field={fields.comment} label={t("collab.ballots.comment")} rows={2} maxLength={1000} />
            <button type="submit" className="btn btn-primary">
              {t("collab.ballots.castVote")}
            </button>
          </ConformForm>
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
                  {v.comment ? (
                    <span className="muted small">
                      {t("common.colon")}
                      {v.comment}
                    </span>
                  ) : null}
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
