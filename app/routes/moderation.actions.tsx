import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader } from "~/components/ui";
import { ConformForm, ConformHidden, ConformSelect, ConformTextArea } from "~/components/conform-fields";
import { ModerationTabs } from "~/components/moderation";
import { formatDateTime } from "~/lib/format";
import { guard, requireActor } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm, type FormReply } from "~/lib/conform";
import { titled } from "~/lib/page-meta";
import { MODERATION_REASON_MAX, appealDecisionSchema, restoreInputSchema } from "~/models/trust/moderation-schema";
import { decideAppeal, moderationActions, restoreModerated } from "~/models/trust/moderation.server";
import { APPEAL_OUTCOMES } from "~/models/trust/vocabulary";

export const meta = titled("moderation.actionsTitle", "moderation.actionsIntro");

const VIEWS = ["hidden", "appeals", "restored"] as const;
type View = (typeof VIEWS)[number];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const asked = new URL(request.url).searchParams.get("view");
  const view: View = VIEWS.find((v) => v === asked) ?? "hidden";
  return guard(context, async () => json({ view, actions: await moderationActions(context.db, actor, { view }) }));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  // Two forms on a card: the answer to an appeal names its intent in the URL; the rest restore.
  if (new URL(request.url).searchParams.get("intent") === "appeal")
    return handleSubmission(context, request, appealDecisionSchema, async (input) => {
      await decideAppeal(context.db, actor, input, context.realtime);
      return json<FormReply & { done: string }>({ status: "success", done: input.actionId });
    });
  return handleSubmission(context, request, restoreInputSchema, async (input) => {
    await restoreModerated(context.db, actor, input, context.realtime);
    return json<FormReply & { done: string }>({ status: "success", done: input.actionId });
  });
}

type Row = SerializeFrom<typeof loader>["actions"][number];

export default function ModerationActions() {
  const { view, actions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as (FormReply & { done?: string }) | undefined;
  const { t } = useTranslation();
  const mine = (id: string) => (answer?.initialValue?.actionId === id ? answer : undefined);
  return (
    <div className="stack">
      <PageHeader title={t("moderation.actionsTitle")} intro={t("moderation.actionsIntro")} />
      <ModerationTabs current={view} />
      {answer?.done ? (
        <p className="alert alert-ok" role="status" data-testid="moderation-done">
          {t("moderation.done")}
        </p>
      ) : null}
      {actions.length === 0 ? <EmptyState>{t(`moderation.${view}Empty`)}</EmptyState> : null}
      {actions.map((a) => (
        <ActionCard key={a.id} row={a} answer={mine(a.id)} />
      ))}
    </div>
  );
}

function ActionCard({ row: a, answer }: { row: Row; answer: FormReply | undefined }) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const isAppeal = !!answer?.initialValue && "outcome" in answer.initialValue;
  const [restoreForm, restoreFields] = useSchemaForm(restoreInputSchema, isAppeal ? undefined : answer, { id: `restore-${a.id}` });
  const [appealForm, appealFields] = useSchemaForm(appealDecisionSchema, isAppeal ? answer : undefined, { id: `appeal-${a.id}` });
  return (
    <article className="card stack-sm" data-testid="moderation-action">
      <div className="row-between">
        <h2>
          <Link to={a.target_path}>{a.target_title}</Link>
        </h2>
        <span className="tag">{t(`moderation.targets.${a.target_type}`)}</span>
      </div>
      <dl className="facts">
        <dt>{t("moderation.kind")}</dt>
        <dd>{t(`moderation.kinds.${a.kind}`)}</dd>
        <dt>{t("moderation.organisation")}</dt>
        <dd>{a.org_name ?? t("common.none")}</dd>
        <dt>{t("moderation.reason")}</dt>
        <dd>{a.reason}</dd>
        <dt>{t("moderation.actedAt")}</dt>
        <dd>{formatDateTime(a.acted_at, i18n.language)}</dd>
        {a.appeal_statement ? (
          <>
            <dt>{t("moderation.appealStatementLabel")}</dt>
            <dd data-testid="appeal-statement">{a.appeal_statement}</dd>
          </>
        ) : null}
        {a.appeal_outcome ? (
          <>
            <dt>{t("moderation.outcome")}</dt>
            <dd>
              {t(`moderation.outcomeDone.${a.appeal_outcome}`)} · {a.appeal_reason}
            </dd>
          </>
        ) : null}
        {a.restored_at ? (
          <>
            <dt>{t("moderation.restoredAt")}</dt>
            <dd>
              {formatDateTime(a.restored_at, i18n.language)} · {a.restore_reason}
            </dd>
          </>
        ) : null}
      </dl>
      {a.can.decideAppeal ? (
        <ConformForm form={appealForm} action="?intent=appeal" className="stack-sm">
          <ConformHidden field={appealFields.actionId} value={a.id} />
          <ConformSelect
            field={appealFields.outcome}
            label={t("moderation.outcome")}
            placeholder={t("trust.choose")}
            options={APPEAL_OUTCOMES.map((o) => ({ value: o, label: t(`moderation.outcomes.${o}`) }))}
          />
          <ConformTextArea
            field={appealFields.reason}
            label={t("moderation.reason")}
            hint={t("moderation.reasonHint")}
            rows={2}
            maxLength={MODERATION_REASON_MAX}
          />
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t("moderation.decideAppeal")}
            </button>
          </div>
        </ConformForm>
      ) : a.can.restore ? (
        <details>
          <summary>{t("moderation.restore")}</summary>
          <ConformForm form={restoreForm} className="stack-sm">
            <ConformHidden field={restoreFields.actionId} value={a.id} />
            <ConformTextArea
              field={restoreFields.reason}
              label={t("moderation.restoreReason")}
              hint={t("moderation.reasonHint")}
              rows={2}
              maxLength={MODERATION_REASON_MAX}
            />
            <div className="row">
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t("moderation.restore")}
              </button>
            </div>
          </ConformForm>
        </details>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
