import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { PageHeader } from "~/components/ui";
import { ConformForm, ConformHidden, ConformSelect, ConformTextArea } from "~/components/conform-fields";
import { guard, requireActor } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { titled } from "~/lib/page-meta";
import { REPORT_DESCRIPTION_MAX, reportInputSchema, reportTargetQuery } from "~/models/trust/report-schema";
import { fileReport, reportTarget } from "~/models/trust/reports.server";
import { REPORT_CATEGORIES } from "~/models/trust/vocabulary";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, checkEvidence, evidenceUploads } from "~/models/trust/evidence.server";
import { EvidenceInput } from "~/components/evidence";

export const meta = titled("trust.reportTitle", "trust.reportIntro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const url = new URL(request.url);
  const query = reportTargetQuery.safeParse({ type: url.searchParams.get("type"), id: url.searchParams.get("id") ?? "" });
  if (!query.success) throw json({ message: null }, { status: 404 });
  return guard(context, async () =>
    json({ target: await reportTarget(context.db, actor, query.data.type, query.data.id), maxFiles: MAX_EVIDENCE_FILES, mb: MAX_EVIDENCE_BYTES / 1024 / 1024 }),
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleSubmission(context, request, reportInputSchema, async (input, form) => {
    await fileReport(context.db, actor, input, checkEvidence(await evidenceUploads(form)));
    return redirect("/reports?filed=1");
  });
}

export default function NewReport() {
  const { target, maxFiles, mb } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(reportInputSchema, lastResult, { id: "report" });
  return (
    <div className="stack">
      <PageHeader title={t("trust.reportTitle")} intro={t("trust.reportIntro")} />
      <section className="card">
        <dl className="facts">
          <dt>{t("trust.target")}</dt>
          <dd>
            <span className="tag">{t(`trust.targets.${target.type}`)}</span> <Link to={target.path}>{target.title}</Link>
          </dd>
        </dl>
        <ConformForm form={form} className="stack" encType="multipart/form-data">
          <ConformHidden field={fields.targetType} value={target.type} />
          <ConformHidden field={fields.targetId} value={target.id} />
          <ConformSelect
            field={fields.category}
            label={t("trust.category")}
            placeholder={t("trust.choose")}
            options={REPORT_CATEGORIES.map((c) => ({ value: c, label: t(`trust.categories.${c}`) }))}
          />
          <ConformTextArea
            field={fields.description}
            label={t("trust.description")}
            hint={t("trust.descriptionHint")}
            rows={6}
            maxLength={REPORT_DESCRIPTION_MAX}
          />
          <EvidenceInput fields={fields} max={maxFiles} mb={mb} />
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t("trust.submit")}
            </button>
          </div>
        </ConformForm>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
