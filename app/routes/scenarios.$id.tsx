import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useLocalName } from "~/i18n/use-local-name";
import { uuidParam } from "~/models/core/params";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { EnumTags, KindBadge } from "~/components/listings";
import { Figures, ImageStrip, StageBadge, StageSteps } from "~/components/scenarios";
import { EmptyState } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { failure, guard, handleValues, readFormData, requireActor, routeUuid } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm, type FormReply } from "~/lib/conform";
import { ConformForm, ConformHidden, ConformInput, ConformSelect, ConformTextArea } from "~/components/conform-fields";
import { formToObject } from "~/models/core/zod-fields";
import { IN_DOMAIN_DELIVERY } from "~/models/core/enums";
import { EVIDENCE_MAX, participantAnswerSchema, signoffSchema, stageRequestSchema, SIGNOFF_DECISIONS } from "~/models/scenarios/scenario-schema";
import { getScenario } from "~/models/scenarios/scenarios.server";
import { answerInvitation, decideStageRequest, requestStageChange, scenarioConsent } from "~/models/scenarios/consent.server";
import { inReaderLanguage, titledBy } from "~/lib/page-meta";
import { reportCan } from "~/models/trust/reports.server";
import { ReportLink } from "~/components/trust";
import { crossBorderAreasOf } from "~/lib/crossborder-areas.server";

export const meta = titledBy<{ scenario: { title: string; titleEn: string | null } }>((d, _t, locale) =>
  inReaderLanguage(locale, d.scenario.title, d.scenario.titleEn),
);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = routeUuid(params, "id");
  return guard(context, async () => {
    const scenario = await getScenario(context.db, context.actor, id);
    const consent = await scenarioConsent(context.db, context.actor, scenario);
    return json({
      scenario,
      consent,
      canReport: reportCan(context.actor, scenario.orgId),
      areas: crossBorderAreasOf(context.locale, scenario.crossborderAreas),
    });
  });
}

/**
 * Three doors, each guarded by its model: a manager of an invited organisation answers; the
 * publisher asks for the next stage with evidence (a file may come along); the secretariat signs off.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = uuidParam.safeParse(params.id);
  const form = await readFormData(context, request.clone());
  if (!id.success || !form) return failure(context, 400, {}, {}, "v.invalid");
  const back = () => redirect(`/scenarios/${id.data}`);
  const intent = form.get("intent");
  if (intent === "request") {
    return handleSubmission(context, request, stageRequestSchema, async (input) => {
      const file = form.get("evidenceFile");
      const upload = file && typeof file !== "string" && file.size > 0 ? { data: new Uint8Array(await file.arrayBuffer()), name: file.name } : null;
      await requestStageChange(context.db, actor, id.data, input, upload, context.realtime);
      return back();
    });
  }
  if (intent === "signoff") {
    return handleSubmission(context, request, signoffSchema, async (input) => {
      await decideStageRequest(context.db, actor, input, context.realtime);
      return back();
    });
  }
  const values = formToObject(form);
  if (intent === "answer") {
    return handleValues(context, values, participantAnswerSchema, async (data) => {
      await answerInvitation(context.db, actor, id.data, data.answer, context.realtime);
      return back();
    });
  }
  return failure(context, 400, values, {}, "v.invalid");
}

/** Conform replies carry `status`; the older failure shape carries `message`. */
const conformReply = (data: unknown): FormReply | undefined =>
  data && typeof data === "object" && "status" in data && !("message" in data) ? (data as FormReply) : undefined;

function StageRequestForm({ to, lastResult }: { to: string; lastResult: FormReply | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(stageRequestSchema, lastResult, { id: "stage-request" });
  return (
    <ConformForm form={form} className="stack-sm" encType="multipart/form-data">
      <h2>{t("consent.requestTitle", { stage: t(`scenarios.stages.${to}`) })}</h2>
      <p className="muted small">{t("consent.requestIntro")}</p>
      <ConformHidden field={fields.to} value={to} />
      <ConformTextArea field={fields.evidence} label={t("consent.evidence")} hint={t("consent.evidenceHint")} rows={4} maxLength={EVIDENCE_MAX} />
      <ConformInput field={fields.evidenceUrl} label={t("consent.evidenceUrl")} maxLength={500} />
      <div className="field">
        <label htmlFor="evidenceFile">{t("consent.evidenceFile")}</label>
        <input id="evidenceFile" name="evidenceFile" type="file" accept="application/pdf,image/png,image/jpeg" aria-describedby="evidenceFile-hint" />
        <small id="evidenceFile-hint" className="hint">
          {t("consent.evidenceFileHint")}
        </small>
      </div>
      <button type="submit" name="intent" value="request" className="btn btn-primary">
        {t("consent.sendRequest")}
      </button>
    </ConformForm>
  );
}

function SignoffForm({ requestId, lastResult }: { requestId: string; lastResult: FormReply | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(signoffSchema, lastResult, { id: "signoff" });
  return (
    <ConformForm form={form} className="stack-sm">
      <ConformHidden field={fields.requestId} value={requestId} />
      <ConformSelect
        field={fields.decision}
        label={t("consent.decision")}
        placeholder={t("consent.choose")}
        options={SIGNOFF_DECISIONS.map((d) => ({ value: d, label: t(`consent.decisions.${d}`) }))}
      />
      <ConformTextArea field={fields.reason} label={t("consent.reason")} hint={t("consent.reasonHint")} rows={3} maxLength={1000} />
      <button type="submit" name="intent" value="signoff" className="btn btn-primary">
        {t("consent.sendDecision")}
      </button>
    </ConformForm>
  );
}

export default function ScenarioPage() {
  const { scenario: s, consent, canReport, areas } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const reply = conformReply(data);
  const req = consent.request;
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const inDomain = s.deliveryModes.some((m) => IN_DOMAIN_DELIVERY.includes(m));
  return (
    <div className="stack">
      <FormError data={reply ? undefined : (data as Parameters<typeof FormError>[0]["data"])} />
      {consent.can.answer ? (
        <section className="card stack-sm" data-testid="invitation">
          <h2>{t("consent.invitedTitle")}</h2>
          <p>{t("consent.invitedText", { org: s.orgName })}</p>
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="answer" />
            <button type="submit" name="answer" value="confirm" className="btn btn-primary">
              {t("consent.confirm")}
            </button>
            <button type="submit" name="answer" value="decline" className="btn btn-ghost">
              {t("consent.decline")}
            </button>
          </Form>
        </section>
      ) : consent.myInvitation === "invited" ? (
        <p className="alert" data-testid="invitation">
          {t("consent.invitedManagersOnly")}
        </p>
      ) : null}
      <div className="listing-layout">
        <article className="card stack-sm">
          <div className="row-between">
            <h1>{localName(s.title, s.titleEn)}</h1>
            <StageBadge stage={s.stage} />
          </div>
          <p className="muted">
            <Link to={`/orgs/${s.orgId}`}>{s.orgName}</Link> · {enumLabel(t, "orgType", s.orgType)} ·{" "}
            {t("scenarios.updated", { date: formatDate(s.updatedAt, i18n.language) })}
          </p>
          {s.catalogs.length ? (
            <div className="tags" data-testid="scenario-catalogs">
              {s.catalogs.map((c) => (
                <Link key={c.year} to={`/catalog/${c.year}`} className={c.demonstration ? "tag sc-demo" : "tag"}>
                  {c.demonstration ? t("scenarios.demoIn", { year: c.year }) : t("scenarios.recommendedIn", { year: c.year })}
                </Link>
              ))}
            </div>
          ) : null}
          <StageSteps stage={s.stage} />
          <ImageStrip urls={s.imageUrls} title={s.title} />
          <h2>{t("scenarios.problem")}</h2>
          <p className="prose sc-pre" data-testid="problem">
            {s.problem}
          </p>
          {s.results.length ? (
            <>
              <h2>{t("scenarios.results")}</h2>
              <Figures results={s.results} />
            </>
          ) : null}
          <h2>{t("scenarios.data")}</h2>
          {s.dataDescription ? <p className="prose sc-pre">{s.dataDescription}</p> : null}
          {s.listings.length ? (
            <ul className="list" data-testid="scenario-listings">
              {s.listings.map((l) => (
                <li key={l.id}>
                  <span>
                    <KindBadge kind={l.kind} /> <Link to={`/listings/${l.id}`}>{l.title}</Link>
                  </span>
                  <span className="muted small">{l.orgName}</span>
                </li>
              ))}
            </ul>
          ) : !s.dataDescription ? (
            <p className="muted">{t("scenarios.noData")}</p>
          ) : null}
        </article>

        <aside className="stack-sm">
          <section className="card">
            <dl className="facts">
              <dt>{t("scenarios.sector")}</dt>
              <dd>{enumLabel(t, "sector", s.sector)}</dd>
              <dt>{t("scenarios.region")}</dt>
              <dd>{enumLabel(t, "region", s.region)}</dd>
              <dt>{t("scenarios.delivery")}</dt>
              <dd className="tags">
                <EnumTags name="delivery" values={s.deliveryModes} />
              </dd>
              {areas ? (
                <>
                  <dt>{areas.label}</dt>
                  <dd data-testid="crossborder-areas">{areas.text}</dd>
                </>
              ) : null}
            </dl>
            {inDomain ? <p className="small sc-note">{t("scenarios.inDomain")}</p> : null}
          </section>
          <section className="card">
            <h2>{t("scenarios.participants")}</h2>
            {s.participants.length ? (
              <ul className="list" data-testid="participants">
                {s.participants.map((p) => (
                  <li key={p.id}>
                    <Link to={`/orgs/${p.id}`}>{p.name}</Link>
                    <span className="tag">{enumLabel(t, "orgType", p.type)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState>{t("scenarios.noParticipants")}</EmptyState>
            )}
          </section>
          {s.own ? (
            <section className="card stack-sm">
              <Link to={`/scenarios/${s.id}/edit`} className="btn btn-ghost">
                {t("scenarios.edit")}
              </Link>
              {consent.pendingParticipants.length ? (
                <>
                  <h2>{t("consent.namedTitle")}</h2>
                  <ul className="list" data-testid="named-participants">
                    {consent.pendingParticipants.map((p) => (
                      <li key={p.id}>
                        <span>{p.name}</span>
                        <span className="tag">{t(`consent.participantStatus.${p.status}`)}</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {!s.nextStage ? <p className="muted small">{t("scenarios.finalStage")}</p> : null}
            </section>
          ) : null}
          {(s.own || consent.can.signOff) && req ? (
            <section className="card stack-sm" data-testid="stage-request">
              <h2>{t("consent.requestFor", { stage: t(`scenarios.stages.${req.toStage}`) })}</h2>
              <p>
                <span className="tag">{t(`consent.requestStatus.${req.status}`)}</span> {formatDate(req.createdAt, i18n.language)}
              </p>
              <p className="prose sc-pre">{req.evidence}</p>
              {req.evidenceUrl ? (
                <p>
                  <a href={req.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank">
                    {req.evidenceUrl}
                  </a>
                </p>
              ) : null}
              {req.hasFile ? (
                <p>
                  <a href={`/scenarios/evidence/${req.id}`}>{req.evidenceName ?? t("consent.evidenceFile")}</a>
                </p>
              ) : null}
              {req.status === "refused" && req.reason ? (
                <p data-testid="refusal-reason">
                  {t("consent.refusedBecause")} {req.reason}
                </p>
              ) : null}
              {consent.can.signOff ? <SignoffForm requestId={req.id} lastResult={reply} /> : null}
            </section>
          ) : null}
          {consent.can.requestStage && s.nextStage ? (
            <section className="card">
              <StageRequestForm to={s.nextStage} lastResult={reply} />
            </section>
          ) : null}
          {canReport ? <ReportLink type="scenario" id={s.id} /> : null}
        </aside>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
