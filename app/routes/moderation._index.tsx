import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader } from "~/components/ui";
import { ConformForm, ConformHidden, ConformSelect, ConformTextArea } from "~/components/conform-fields";
import { formatDateTime } from "~/lib/format";
import { guard, requireActor } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm, type FormReply } from "~/lib/conform";
import { titled } from "~/lib/page-meta";
import { reportEvidence } from "~/models/trust/evidence.server";
import { EvidenceList } from "~/components/evidence";
import { DECISION_REASON_MAX, decisionInputSchema } from "~/models/trust/report-schema";
import { askReporter, decideReport, moderationQueue } from "~/models/trust/reports.server";
import { askReporterSchema, MODERATION_REASON_MAX } from "~/models/trust/moderation-schema";
import { ModerationTabs } from "~/components/moderation";

export const meta = titled("trust.moderationTitle", "trust.moderationIntro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const status = new URL(request.url).searchParams.get("status") === "decided" ? "decided" : "open";
  return guard(context, async () => {
    const reports = await moderationQueue(context.db, actor, { status });
    return json({
      status,
      reports,
      evidence: await reportEvidence(
        context.db,
        actor,
        reports.map((r) => r.id),
      ),
    });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  // Two forms on each card: the question to the reporter names its intent in the URL.
  if (new URL(request.url).searchParams.get("intent") === "ask")
    return handleSubmission(context, request, askReporterSchema, async (input) => {
      await askReporter(context.db, actor, input, context.realtime);
      return json<FormReply & { asked: string }>({ status: "success", asked: input.reportId });
    });
  return handleSubmission(context, request, decisionInputSchema, async (input) => {
    await decideReport(context.db, actor, input, context.realtime, context.mailer);
    return json<FormReply & { decided: string }>({ status: "success", decided: input.reportId });
  });
}

type Report = SerializeFrom<typeof loader>["reports"][number];

export default function Moderation() {
  const { status, reports } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as (FormReply & { decided?: string; asked?: string }) | undefined;
  const { t } = useTranslation();
  const tab = (to: "open" | "decided", label: string) => (
    <Link to={to === "open" ? "?" : "?status=decided"} className={status === to ? "chip chip-on" : "chip"} aria-current={status === to ? "true" : undefined}>
      {label}
    </Link>
  );
  return (
    <div className="stack">
      <PageHeader title={t("trust.moderationTitle")} intro={t("trust.moderationIntro")} />
      <ModerationTabs current="reports" />
      <div className="row-gap" role="group" aria-label={t("trust.moderationTitle")}>
        {tab("open", t("trust.open"))}
        {tab("decided", t("trust.decidedTab"))}
      </div>
      {answer?.asked ? (
        <p className="alert alert-ok" role="status" data-testid="asked">
          {t("moderation.asked")}
        </p>
      ) : null}
      {answer?.decided ? (
        <p className="alert alert-ok" role="status" data-testid="decided">
          {t("trust.decidedNotice")}
        </p>
      ) : null}
      {reports.length === 0 ? <EmptyState>{t(status === "open" ? "trust.queueEmpty" : "trust.decidedEmpty")}</EmptyState> : null}
      {reports.map((r) => (
        <QueuedReport
          key={r.id}
          report={r}
          answer={answer?.initialValue?.reportId === r.id && !("question" in (answer.initialValue ?? {})) ? answer : undefined}
          askAnswer={answer?.initialValue?.reportId === r.id && "question" in (answer.initialValue ?? {}) ? answer : undefined}
        />
      ))}
    </div>
  );
}

/** One report with its own decision form, so a refusal shows on that card only. */
function QueuedReport({ report: r, answer, askAnswer }: { report: Report; answer: FormReply | undefined; askAnswer: FormReply | undefined }) {
  const { evidence } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(decisionInputSchema, answer, { id: `decide-${r.id}` });
  const [askForm, askFields] = useSchemaForm(askReporterSchema, askAnswer, { id: `ask-${r.id}` });
  return (
    <article className={r.overdue ? "card stack-sm card-warn" : "card stack-sm"} data-testid="queued-report">
      <div className="row-between">
        {/* A public report's "what is affected" links only when it named a page of this site. */}
        <h2>{r.target_path ? <Link to={r.target_path}>{r.target_title}</Link> : r.target_title}</h2>
        <span className="tag">{t(`trust.targets.${r.target_type}`)}</span>
      </div>
      <dl className="facts">
        <dt>{t("trust.category")}</dt>
        <dd>{t(`trust.categories.${r.category}`)}</dd>
        <dt>{t("trust.reportedOrg")}</dt>
        <dd>{r.target_org_name ?? t("common.none")}</dd>
        <dt>{t("trust.reporter")}</dt>
        {r.public_report ? (
          <dd data-testid="public-reporter">{`${t("trust.publicReport.queueReporter")} · ${r.reporter_name}`}</dd>
        ) : (
          <dd>
            {r.reporter_name}
            {r.reporter_org_name ? ` · ${r.reporter_org_name}` : ""}
          </dd>
        )}
        <dt>{t("trust.filedAt")}</dt>
        <dd>{formatDateTime(r.created_at, i18n.language)}</dd>
        {r.status === "open" ? (
          <>
            <dt>{t("moderation.dueLabel")}</dt>
            <dd data-testid="due">
              {formatDateTime(r.due_at, i18n.language)}
              {r.overdue ? (
                <>
                  {" "}
                  <span className="status status-rejected" data-testid="overdue">
                    {t("moderation.overdue")}
                  </span>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {r.info_request ? (
          <>
            <dt>{t("moderation.questionLabel")}</dt>
            <dd>{r.info_request}</dd>
            <dt>{t("moderation.replyLabel")}</dt>
            <dd data-testid="info-reply">{r.info_reply ?? t("moderation.waitingReply")}</dd>
          </>
        ) : null}
        {r.decision ? (
          <>
            <dt>{t("trust.decision")}</dt>
            <dd>
              {t(`trust.decisions.${r.decision}`)} · {r.decision_reason}
            </dd>
          </>
        ) : null}
      </dl>
      <p className="prose">{r.description}</p>
      <EvidenceList files={evidence[r.id] ?? []} />
      {r.decisions.length ? (
        <ConformForm form={form} className="stack-sm">
          <ConformHidden field={fields.reportId} value={r.id} />
          <ConformSelect
            field={fields.decision}
            label={t("trust.decision")}
            placeholder={t("trust.choose")}
            options={r.decisions.map((d) => ({ value: d, label: t(`trust.decisions.${d}`) }))}
          />
          <ConformTextArea field={fields.reason} label={t("trust.reason")} hint={t("trust.reasonHint")} rows={2} maxLength={DECISION_REASON_MAX} />
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t("trust.decide")}
            </button>
          </div>
        </ConformForm>
      ) : null}
      {r.can.askForInfo ? (
        <details>
          <summary>{t("moderation.askTitle")}</summary>
          <ConformForm form={askForm} action="?index&intent=ask" className="stack-sm">
            <ConformHidden field={askFields.reportId} value={r.id} />
            <ConformTextArea
              field={askFields.question}
              label={t("moderation.question")}
              hint={t("moderation.questionHint")}
              rows={2}
              maxLength={MODERATION_REASON_MAX}
            />
            <div className="row">
              <button type="submit" className="btn btn-ghost" disabled={busy}>
                {t("moderation.ask")}
              </button>
            </div>
          </ConformForm>
        </details>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
