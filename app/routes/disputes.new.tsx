import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { PageHeader } from "~/components/ui";
import { ConformForm, ConformHidden, ConformInput, ConformTextArea } from "~/components/conform-fields";
import { EvidenceInput } from "~/components/evidence";
import { guard, requireActor } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { titled } from "~/lib/page-meta";
import { uuidParam } from "~/models/core/params";
import { DISPUTE_TITLE_MAX, STATEMENT_MAX, openDisputeSchema } from "~/models/trust/dispute-schema";
import { ANSWER_DAYS, disputeDraft, openDispute } from "~/models/trust/disputes.server";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, checkEvidence, evidenceUploads } from "~/models/trust/evidence.server";

export const meta = titled("disputes.newTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const matchId = uuidParam.safeParse(new URL(request.url).searchParams.get("match"));
  if (!matchId.success) throw json({ message: null }, { status: 404 });
  return guard(context, async () =>
    json({ deal: await disputeDraft(context.db, actor, matchId.data), days: ANSWER_DAYS, maxFiles: MAX_EVIDENCE_FILES, mb: MAX_EVIDENCE_BYTES / 1024 / 1024 }),
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleSubmission(context, request, openDisputeSchema, async (input, form) => {
    const evidence = checkEvidence(await evidenceUploads(form));
    const id = await openDispute(context.db, actor, input, evidence, context.realtime);
    return redirect(`/disputes/${id}?opened=1`);
  });
}

export default function NewDispute() {
  const { deal, days, maxFiles, mb } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(openDisputeSchema, lastResult, { id: "dispute" });
  return (
    <div className="stack">
      <PageHeader title={t("disputes.newTitle")} intro={t("disputes.newIntro", { days })} />
      <section className="card">
        <dl className="facts">
          <dt>{t("disputes.deal")}</dt>
          <dd>
            <Link to={`/matches/${deal.matchId}`}>
              {deal.supplyTitle} ⇄ {deal.demandTitle}
            </Link>
          </dd>
          <dt>{t("disputes.respondent")}</dt>
          <dd>{deal.respondent.name}</dd>
        </dl>
        <ConformForm form={form} className="stack" encType="multipart/form-data">
          <ConformHidden field={fields.matchId} value={deal.matchId} />
          <ConformInput field={fields.title} label={t("disputes.titleLabel")} hint={t("disputes.titleHint")} maxLength={DISPUTE_TITLE_MAX} />
          <ConformTextArea field={fields.claim} label={t("disputes.claim")} hint={t("disputes.claimHint")} rows={6} maxLength={STATEMENT_MAX} />
          <EvidenceInput fields={fields} max={maxFiles} mb={mb} />
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t("disputes.submit")}
            </button>
          </div>
        </ConformForm>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
