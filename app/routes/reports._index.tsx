import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader, StatusBadge } from "~/components/ui";
import { ConformForm, ConformHidden, ConformTextArea } from "~/components/conform-fields";
import { useModerationLive } from "~/components/moderation";
import { formatDateTime } from "~/lib/format";
import { guard, requireActor } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm, type FormReply } from "~/lib/conform";
import { titled } from "~/lib/page-meta";
import { answerModerators, myReports, reportsAboutMyOrg } from "~/models/trust/reports.server";
import { appealModeration, moderationOfMine } from "~/models/trust/moderation.server";
import { STATEMENT_MAX, answerModeratorsSchema, appealInputSchema } from "~/models/trust/moderation-schema";

export const meta = titled("trust.reportsTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    const [mine, aboutUs, moderated] = await Promise.all([
      myReports(context.db, actor),
      reportsAboutMyOrg(context.db, actor),
      moderationOfMine(context.db, actor),
    ]);
    return json({ mine, aboutUs, moderated });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  // Two kinds of form on this page: the reporter's answer to the moderators, and the owner's appeal.
  if (new URL(request.url).searchParams.get("intent") === "answer")
    return handleSubmission(context, request, answerModeratorsSchema, async (input) => {
      await answerModerators(context.db, actor, input);
      return json<FormReply & { sent: "answer" }>({ status: "success", sent: "answer" });
    });
  return handleSubmission(context, request, appealInputSchema, async (input) => {
    await appealModeration(context.db, actor, input, context.realtime);
    return json<FormReply & { sent: "appeal" }>({ status: "success", sent: "appeal" });
  });
}

type Data = SerializeFrom<typeof loader>;
type Row = Data["aboutUs"][number];

/** One report: what, why, and what was decided. */
function ReportItem({ r, children }: { r: Row; children?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card stack-sm" data-testid="report">
      <div className="row-between">
        <span>
          <span className="tag">{t(`trust.targets.${r.target_type}`)}</span> <Link to={r.target_path}>{r.target_title}</Link>
        </span>
        <StatusBadge status={r.status === "decided" ? "approved" : "pending"} label={t(`trust.statuses.${r.status}`)} />
      </div>
      <p className="muted small">
        {t(`trust.categories.${r.category}`)} · {t("trust.filedAt")} {formatDateTime(r.created_at, i18n.language)}
        {r.decided_at ? ` · ${t("trust.decidedAt")} ${formatDateTime(r.decided_at, i18n.language)}` : ""}
      </p>
      {r.decision ? (
        <p>
          <strong>{t(`trust.decisions.${r.decision}`)}</strong>
          {r.decision_reason ? ` · ${t("trust.reason")}: ${r.decision_reason}` : ""}
        </p>
      ) : null}
      {children}
    </li>
  );
}

/** The moderators' question on my report, and my one statement in answer. */
function AnswerForm({ r, answer }: { r: Data["mine"][number]; answer: FormReply | undefined }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(answerModeratorsSchema, answer, { id: `answer-${r.id}` });
  return (
    <div className="stack-sm" data-testid="info-request">
      <p>
        <strong>{t("moderation.answerTitle")}</strong>: {r.info_request}
      </p>
      {r.info_reply ? (
        <p className="muted">
          {t("moderation.replyLabel")}: {r.info_reply}
        </p>
      ) : null}
      {r.can.reply ? (
        <ConformForm form={form} action="?index&intent=answer" className="stack-sm">
          <ConformHidden field={fields.reportId} value={r.id} />
          <ConformTextArea field={fields.statement} label={t("moderation.answer")} hint={t("moderation.answerHint")} rows={3} maxLength={STATEMENT_MAX} />
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t("moderation.answer")}
            </button>
          </div>
        </ConformForm>
      ) : null}
    </div>
  );
}

/** Content of mine the moderators acted on: why, my one appeal, and the answer. */
function ModeratedItem({ m, answer }: { m: Data["moderated"][number]; answer: FormReply | undefined }) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(appealInputSchema, answer, { id: `appeal-${m.id}` });
  return (
    <li className="card stack-sm" data-testid="moderated">
      <div className="row-between">
        <span>
          <span className="tag">{t(`moderation.targets.${m.target_type}`)}</span> <Link to={m.target_path}>{m.target_title}</Link>
        </span>
        <StatusBadge status={m.restored_at ? "approved" : "rejected"} label={m.restored_at ? t("moderation.restored") : t(`moderation.kinds.${m.kind}`)} />
      </div>
      <p>
        {t("moderation.reason")}: {m.reason}
      </p>
      <p className="muted small">{formatDateTime(m.acted_at, i18n.language)}</p>
      {m.appealed_at ? (
        <p className="muted small" data-testid="appealed">
          {t("moderation.appealed", { date: formatDateTime(m.appealed_at, i18n.language) })}
          {m.appeal_outcome ? ` · ${t(`moderation.outcomeDone.${m.appeal_outcome}`)}: ${m.appeal_reason}` : ""}
        </p>
      ) : null}
      {m.can.appeal ? (
        <details>
          <summary>{t("moderation.appealTitle")}</summary>
          <ConformForm form={form} className="stack-sm">
            <ConformHidden field={fields.actionId} value={m.id} />
            <ConformTextArea
              field={fields.statement}
              label={t("moderation.appealStatement")}
              hint={t("moderation.appealHint")}
              rows={4}
              maxLength={STATEMENT_MAX}
            />
            <div className="row">
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t("moderation.appeal")}
              </button>
            </div>
          </ConformForm>
        </details>
      ) : null}
    </li>
  );
}

export default function Reports() {
  const { mine, aboutUs, moderated } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as (FormReply & { sent?: "answer" | "appeal" }) | undefined;
  const { t } = useTranslation();
  const [params] = useSearchParams();
  useModerationLive();
  const replyFor = (field: string, id: string) => (answer?.initialValue?.[field] === id ? answer : undefined);
  return (
    <div className="stack">
      <PageHeader title={t("trust.reportsTitle")} />
      {params.get("filed") ? (
        <p className="alert alert-ok" role="status" data-testid="report-filed">
          {t("trust.filed")}
        </p>
      ) : null}
      {answer?.sent ? (
        <p className="alert alert-ok" role="status" data-testid={`${answer.sent}-sent`}>
          {t(answer.sent === "appeal" ? "moderation.appealSent" : "moderation.answerSent")}
        </p>
      ) : null}
      {moderated.length ? (
        <section className="stack-sm" aria-labelledby="moderated">
          <h2 id="moderated">{t("moderation.mineTitle")}</h2>
          <ul className="list-cards" data-testid="moderation-of-mine">
            {moderated.map((m) => (
              <ModeratedItem key={m.id} m={m} answer={replyFor("actionId", m.id)} />
            ))}
          </ul>
        </section>
      ) : null}
      <section className="stack-sm" aria-labelledby="mine">
        <h2 id="mine">{t("trust.mine")}</h2>
        {mine.length ? (
          <ul className="list-cards" data-testid="my-reports">
            {mine.map((r) => (
              <ReportItem key={r.id} r={r}>
                {r.info_request ? <AnswerForm r={r} answer={replyFor("reportId", r.id)} /> : null}
              </ReportItem>
            ))}
          </ul>
        ) : (
          <EmptyState>{t("trust.mineEmpty")}</EmptyState>
        )}
      </section>
      <section className="stack-sm" aria-labelledby="about-us">
        <h2 id="about-us">{t("trust.aboutUs")}</h2>
        <p className="muted">{t("trust.aboutUsHint")}</p>
        {aboutUs.length ? (
          <ul className="list-cards" data-testid="reports-about-us">
            {aboutUs.map((r) => (
              <ReportItem key={r.id} r={r} />
            ))}
          </ul>
        ) : (
          <EmptyState>{t("trust.aboutUsEmpty")}</EmptyState>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
