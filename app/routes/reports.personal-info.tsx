import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { PageHeader } from "~/components/ui";
import { ConformForm, ConformInput, ConformTextArea } from "~/components/conform-fields";
import { sendToEnrolment } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { titled } from "~/lib/page-meta";
import { REPORT_DESCRIPTION_MAX } from "~/models/trust/report-schema";
import { PUBLIC_AFFECTED_MAX, publicReportSchema } from "~/models/trust/public-report-schema";
import { filePublicReport } from "~/models/trust/public-reports.server";

/**
 * The public personal-information report (信息安全举报机制): open to anyone, signed out too. The
 * answer after a valid form is always the same page, whether or not a mail left (the model decides).
 */

export const meta = titled("trust.publicReport.title", "trust.publicReport.intro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return json({
    sent: url.searchParams.get("sent") === "1",
    confirmed: url.searchParams.get("confirmed") === "1",
    // A signed-in reader's own address is offered; they may give another.
    email: context.actor?.email ?? "",
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  sendToEnrolment(context, request);
  return handleSubmission(context, request, publicReportSchema, async (input) => {
    await filePublicReport(context.db, input, { origin: context.publicUrl, locale: context.locale, ip: context.clientIp }, context.mailer);
    return redirect("/reports/personal-info?sent=1");
  });
}

export default function PublicReport() {
  const { sent, confirmed, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(publicReportSchema, lastResult, { id: "public-report", defaultValue: { contactEmail: email } });
  return (
    <div className="stack">
      <PageHeader title={t("trust.publicReport.title")} intro={t("trust.publicReport.intro")} />
      {sent ? (
        <p className="alert alert-ok" role="status" data-testid="public-report-sent">
          {t("trust.publicReport.sent")}
        </p>
      ) : null}
      {confirmed ? (
        <p className="alert alert-ok" role="status" data-testid="public-report-confirmed">
          {t("trust.publicReport.confirmed")}
        </p>
      ) : null}
      {sent || confirmed ? null : (
        <section className="card">
          <ConformForm form={form} className="stack">
            <ConformInput
              field={fields.affected}
              label={t("trust.publicReport.affected")}
              hint={t("trust.publicReport.affectedHint")}
              maxLength={PUBLIC_AFFECTED_MAX}
            />
            <ConformTextArea
              field={fields.description}
              label={t("trust.publicReport.description")}
              hint={t("trust.publicReport.descriptionHint")}
              rows={6}
              maxLength={REPORT_DESCRIPTION_MAX}
            />
            <ConformInput field={fields.contactEmail} type="email" label={t("trust.publicReport.contactEmail")} hint={t("trust.publicReport.contactHint")} />
            <div className="row">
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t("trust.publicReport.submit")}
              </button>
            </div>
          </ConformForm>
        </section>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
