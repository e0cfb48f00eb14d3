import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { ZodTypeAny } from "zod";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm, ConformHidden, ConformSelect, ConformTextArea } from "~/components/conform-fields";
import { DisputeStatus } from "~/components/disputes";
import { EvidenceInput, EvidenceList } from "~/components/evidence";
import { formatDate, formatDateTime } from "~/lib/format";
import { guard, requireActor, routeUuid } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm, type FormReply } from "~/lib/conform";
import { inReaderLanguage, titledBy } from "~/lib/page-meta";
import { RESYNC_EVENT, getSocket } from "~/lib/socket";
import {
  OUTCOME_REASON_MAX,
  STATEMENT_MAX,
  answerSchema,
  assignSchema,
  decideSchema,
  disputeMoveSchema,
  noteSchema,
  statementSchema,
} from "~/models/trust/dispute-schema";
import { getDispute, moveDispute } from "~/models/trust/disputes.server";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, checkEvidence, evidenceUploads } from "~/models/trust/evidence.server";
import type { Locale } from "~/i18n";

export const meta = titledBy<{ dispute: { title: string } }>((d) => d.dispute.title, "disputes.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  return guard(context, async () =>
    json({ dispute: await getDispute(context.db, actor, id), maxFiles: MAX_EVIDENCE_FILES, mb: MAX_EVIDENCE_BYTES / 1024 / 1024 }),
  );
}

type MoveReply = FormReply & { moved?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  return handleSubmission(context, request, disputeMoveSchema, async (input, form) => {
    const evidence = checkEvidence(await evidenceUploads(form));
    await moveDispute(context.db, actor, id, input, evidence, context.realtime);
    // A success resets the form that was sent (Conform clears a form whose reply has no initial value).
    return json<MoveReply>({ status: "success", initialValue: null, moved: input.intent });
  });
}

type Dispute = SerializeFrom<typeof loader>["dispute"];

/** Revalidates the page when the dispute moves (its room, joined after the same check as this page) and after a reconnect. */
function useLiveDispute(disputeId: string) {
  const revalidator = useRef(useRevalidator());
  const [updated, setUpdated] = useState(0);
  const [joined, setJoined] = useState(false);
  useEffect(() => {
    let socket: Awaited<ReturnType<typeof getSocket>> | null = null;
    const join = () => socket?.emit("dispute:join", { disputeId }, (reply: { ok: boolean }) => setJoined(reply.ok));
    const onChanged = (e: { disputeId: string }) => {
      if (e.disputeId !== disputeId) return;
      revalidator.current.revalidate();
      setUpdated((n) => n + 1);
    };
    const onConnect = () => {
      join();
      revalidator.current.revalidate();
    };
    const onDisconnect = () => setJoined(false);
    void getSocket().then((s) => {
      socket = s;
      s.on("dispute:changed", onChanged);
      s.on("disconnect", onDisconnect);
      s.on("connect", onConnect);
      s.on(RESYNC_EVENT, onConnect);
      if (s.connected) join();
    });
    return () => {
      socket?.off("dispute:changed", onChanged);
      socket?.off("disconnect", onDisconnect);
      socket?.off("connect", onConnect);
      socket?.off(RESYNC_EVENT, onConnect);
    };
  }, [disputeId]);
  return { updated, joined };
}

export default function DisputePage() {
  const { dispute: d, maxFiles, mb } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as MoveReply | undefined;
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const { updated, joined } = useLiveDispute(d.id);
  const lang = i18n.language as Locale;
  const mediatorName =
    d.mediator === "secretariat"
      ? t("disputes.secretariat")
      : d.mediator
        ? inReaderLanguage(lang, d.mediator.name, d.mediator.nameEn)
        : t("disputes.noMediator");
  const final = d.status === "settled" || d.status === "upheld" || d.status === "rejected";
  // Each form hears only its own answer (all post to this action).
  const replyFor = (intent: string) => (reply?.moved === intent || reply?.initialValue?.intent === intent ? reply : undefined);
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>{d.title}</h1>
          <p className="muted">
            <Link to={`/matches/${d.deal.id}`}>
              {d.deal.supplyTitle} ⇄ {d.deal.demandTitle}
            </Link>
          </p>
        </div>
        <div className="page-actions" data-testid="dispute-status" data-status={d.status}>
          <DisputeStatus status={d.status} />
        </div>
      </div>
      {params.get("opened") ? (
        <p className="alert alert-ok" role="status">
          {t("disputes.opened")}
        </p>
      ) : null}
      {updated ? (
        <p className="muted small" role="status" data-testid="live-updated">
          {t("disputes.live")}
        </p>
      ) : null}
      <section className="card stack-sm">
        <dl className="facts">
          <dt>{t("disputes.claimant")}</dt>
          <dd>{inReaderLanguage(lang, d.claimant.name, d.claimant.nameEn)}</dd>
          <dt>{t("disputes.respondent")}</dt>
          <dd>{inReaderLanguage(lang, d.respondent.name, d.respondent.nameEn)}</dd>
          <dt>{t("disputes.mediator")}</dt>
          <dd data-testid="dispute-mediator">{mediatorName}</dd>
          <dt>{t("disputes.openedAt")}</dt>
          <dd>{formatDateTime(d.createdAt, lang)}</dd>
          <dt>{t("disputes.answerDue")}</dt>
          <dd>
            {formatDateTime(d.answerDueAt, lang)}
            {d.overdue && !d.answeredAt ? <span className="tag"> {t("disputes.overdue")}</span> : null}
            {d.answeredLate ? <span className="tag"> {t("disputes.answeredLate")}</span> : null}
          </dd>
        </dl>
        <p className="muted small">{t("disputes.yourRole", { role: t(`disputes.roles.${d.role}`) })}</p>
        {d.status === "open" ? <p>{t("disputes.waitingAnswer", { date: formatDate(d.answerDueAt, lang) })}</p> : null}
        {!final && !d.mediator ? <p>{t("disputes.waitingMediator")}</p> : null}
        {d.status === "mediating" ? <p>{t("disputes.mediating")}</p> : null}
        {final ? (
          <div className="alert alert-ok" data-testid="dispute-outcome">
            <strong>
              {t("disputes.outcome")}: {t(`disputes.outcomes.${d.status}`)}
            </strong>
            <br />
            {t("disputes.reason")}: {d.outcomeReason}
          </div>
        ) : null}
      </section>

      <section className="stack-sm" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("disputes.timeline")}</h2>
        <ol className="list-cards" data-testid="timeline" data-live={joined ? "on" : "off"} aria-live="polite">
          {d.timeline.map((s) => (
            <TimelineEntry key={s.id} s={s} />
          ))}
        </ol>
      </section>

      {d.can.answer ? (
        <MoveForm
          intent="answer"
          schema={answerSchema}
          title={t("disputes.forms.answerTitle")}
          hint={t("disputes.forms.answerHint")}
          reply={replyFor("answer")}
          files={{ maxFiles, mb }}
        />
      ) : null}
      {d.can.statement ? (
        <MoveForm
          intent="statement"
          schema={statementSchema}
          title={t("disputes.forms.statementTitle")}
          reply={replyFor("statement")}
          files={{ maxFiles, mb }}
        />
      ) : null}
      {d.can.note ? (
        <MoveForm intent="note" schema={noteSchema} title={t("disputes.forms.noteTitle")} reply={replyFor("note")} files={{ maxFiles, mb }} />
      ) : null}
      {d.can.assign ? <AssignForm d={d} reply={replyFor("assign")} /> : null}
      {d.can.decide.length ? <DecideForm d={d} reply={replyFor("decide")} /> : null}
    </div>
  );
}

function TimelineEntry({ s }: { s: Dispute["timeline"][number] }) {
  const { t, i18n } = useTranslation();
  const who = s.role === "system" ? t("disputes.roles.system") : [t(`disputes.roles.${s.role}`), s.orgName, s.authorName].filter(Boolean).join(" · ");
  return (
    <li className="card stack-sm" data-testid="timeline-entry" data-kind={s.kind}>
      <div className="row-between">
        <strong>{t(`disputes.kinds.${s.kind}`)}</strong>
        <span className="muted small">{formatDateTime(s.createdAt, i18n.language)}</span>
      </div>
      <p className="muted small">{who}</p>
      {s.kind === "assignment" ? (
        <p>{t("disputes.assignedTo", { name: s.body === "secretariat" ? t("disputes.secretariat") : s.body })}</p>
      ) : s.kind === "overdue" ? (
        <p>{t("disputes.overdueEntry")}</p>
      ) : s.kind === "outcome" ? (
        <p>
          <strong>{t(`disputes.outcomes.${s.outcome}`)}</strong> · {s.body}
        </p>
      ) : (
        <p className="prose">{s.body}</p>
      )}
      <EvidenceList files={s.evidence} />
    </li>
  );
}

function Submit({ label }: { label: string }) {
  const busy = useNavigation().state === "submitting";
  return (
    <div className="row">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {label}
      </button>
    </div>
  );
}

/** A statement with evidence: the respondent's answer, a party's further statement, the mediator's note. */
function MoveForm({
  intent,
  schema,
  title,
  hint,
  reply,
  files,
}: {
  intent: string;
  schema: ZodTypeAny;
  title: string;
  hint?: string;
  reply: FormReply | undefined;
  files: { maxFiles: number; mb: number };
}) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(schema, reply, { id: `dispute-${intent}` });
  return (
    <section className="card stack-sm" aria-labelledby={`${intent}-title`} data-testid={`form-${intent}`}>
      <h2 id={`${intent}-title`}>{title}</h2>
      <ConformForm form={form} className="stack-sm" encType="multipart/form-data">
        <ConformHidden field={fields.intent} value={intent} />
        <ConformTextArea field={fields.body} label={t("disputes.forms.body")} hint={hint ?? t("disputes.forms.bodyHint")} rows={4} maxLength={STATEMENT_MAX} />
        <EvidenceInput fields={fields} max={files.maxFiles} mb={files.mb} />
        <Submit label={t("disputes.forms.send")} />
      </ConformForm>
    </section>
  );
}

function AssignForm({ d, reply }: { d: Dispute; reply: FormReply | undefined }) {
  const { t, i18n } = useTranslation();
  const [form, fields] = useSchemaForm(assignSchema, reply, { id: "dispute-assign" });
  const options = [
    { value: "secretariat", label: t("disputes.secretariat") },
    ...d.mediatorOptions.map((o) => ({ value: o.id, label: inReaderLanguage(i18n.language as Locale, o.name, o.nameEn) })),
  ];
  return (
    <section className="card stack-sm" aria-labelledby="assign-title" data-testid="form-assign">
      <h2 id="assign-title">{t("disputes.forms.assignTitle")}</h2>
      <ConformForm form={form} className="stack-sm">
        <ConformHidden field={fields.intent} value="assign" />
        <ConformSelect
          field={fields.mediator}
          label={t("disputes.forms.mediatorLabel")}
          hint={t("disputes.forms.mediatorHint")}
          placeholder={t("disputes.forms.choose")}
          options={options}
        />
        <Submit label={t("disputes.forms.assign")} />
      </ConformForm>
    </section>
  );
}

function DecideForm({ d, reply }: { d: Dispute; reply: FormReply | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(decideSchema, reply, { id: "dispute-decide" });
  return (
    <section className="card stack-sm" aria-labelledby="decide-title" data-testid="form-decide">
      <h2 id="decide-title">{t("disputes.forms.decideTitle")}</h2>
      <ConformForm form={form} className="stack-sm">
        <ConformHidden field={fields.intent} value="decide" />
        <ConformSelect
          field={fields.outcome}
          label={t("disputes.forms.outcomeLabel")}
          placeholder={t("disputes.forms.choose")}
          options={d.can.decide.map((o) => ({ value: o, label: t(`disputes.outcomes.${o}`) }))}
        />
        <ConformTextArea
          field={fields.reason}
          label={t("disputes.forms.reasonLabel")}
          hint={t("disputes.forms.reasonHint")}
          rows={3}
          maxLength={OUTCOME_REASON_MAX}
        />
        <Submit label={t("disputes.forms.decide")} />
      </ConformForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
