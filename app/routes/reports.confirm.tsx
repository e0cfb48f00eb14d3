import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm, ConformHidden } from "~/components/conform-fields";
import { guard, sendToEnrolment } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { titled } from "~/lib/page-meta";
import { confirmPublicReportSchema } from "~/models/trust/public-report-schema";
import { checkPublicReportLink, confirmPublicReport } from "~/models/trust/public-reports.server";

/**
 * The link in a public report's confirmation mail opens this page with one button. Opening it (GET
 * or HEAD, a person or a mail scanner) spends nothing; only the button (a form post from this
 * site, origin-checked by the server) confirms, and the report enters the moderators' queue.
 */

export const meta = titled("trust.publicReport.confirmTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  await guard(context, () => checkPublicReportLink(context.db, token));
  return json({ token });
}

export async function action({ request, context }: ActionFunctionArgs) {
  sendToEnrolment(context, request);
  return handleSubmission(context, request, confirmPublicReportSchema, async ({ token }) => {
    await confirmPublicReport(context.db, token);
    return redirect("/reports/personal-info?confirmed=1");
  });
}

export default function ConfirmPublicReport() {
  const { token } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(confirmPublicReportSchema, lastResult, { id: "confirm-report" });
  return (
    <section className="card narrow" data-testid="confirm-report">
      <h1>{t("trust.publicReport.confirmTitle")}</h1>
      <p>{t("trust.publicReport.confirmIntro")}</p>
      <ConformForm form={form}>
        <ConformHidden field={fields.token} value={token} />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {t("trust.publicReport.confirmButton")}
        </button>
      </ConformForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
