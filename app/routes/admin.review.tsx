import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, fieldError } from "~/components/forms";
import { EmptyState, PageHeader, ConfirmButton } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDateTime } from "~/lib/format";
import { guard, handleForm, requireActor } from "~/lib/http.server";
import { getOrganisation, listPendingApplications, reviewApplication } from "~/models/accounts/organisations.server";
import { reviewSchema } from "~/models/accounts/account-schema";
import { titled } from "~/lib/page-meta";

export const meta = titled("review.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => json({ applications: await listPendingApplications(context.db, actor) }));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleForm(context, request, reviewSchema, async (data) => {
    await reviewApplication(context.db, actor, data, context.realtime);
    const org = await getOrganisation(context.db, actor, data.orgId);
    return json({ ok: true as const, orgId: data.orgId, name: org.nameZh, decision: data.decision });
  });
}

export default function Review() {
  const { applications } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const failedFor = data && data.ok === false ? data.values.orgId : null;
  return (
    <div className="stack">
      <PageHeader title={t("review.title")} />
      {data && data.ok ? (
        <p className="alert alert-ok" role="status" data-testid="review-done">
          {t(data.decision === "approve" ? "review.approved" : "review.rejected", { name: data.name })}
        </p>
      ) : null}
      {applications.length === 0 ? <EmptyState>{t("review.empty")}</EmptyState> : null}
      {applications.map((a) => (
        <article key={a.id} className="card" data-testid="application">
          <div className="row-between">
            <h2>{a.name_zh}</h2>
            <span className="tag">{enumLabel(t, "orgType", a.type)}</span>
          </div>
          {a.name_en ? <p className="muted">{a.name_en}</p> : null}
          <dl className="facts">
            <dt>{t("org.region")}</dt>
            <dd>{enumLabel(t, "region", a.region)}</dd>
            <dt>{t("review.creditCode")}</dt>
            <dd className="mono">{a.credit_code ?? t("common.none")}</dd>
            <dt>{t("review.contact")}</dt>
            <dd>
              {a.contact_name} · {a.contact_email}
              {a.contact_phone ? ` · ${a.contact_phone}` : ""}
            </dd>
            <dt>{t("review.appliedBy")}</dt>
            <dd>{a.applicant_email}</dd>
            <dt>{t("review.appliedAt")}</dt>
            <dd>{formatDateTime(a.created_at, i18n.language)}</dd>
          </dl>
          <p className="prose">{a.description}</p>
          <Form method="post" className="review-form" noValidate>
            {failedFor === a.id ? <FormError data={data} /> : null}
            <input type="hidden" name="orgId" value={a.id} />
            <label htmlFor={`reason-${a.id}`}>{t("review.reason")}</label>
            <textarea
              id={`reason-${a.id}`}
              name="reason"
              rows={2}
              maxLength={500}
              placeholder={t("review.reasonHint")}
              defaultValue={failedFor === a.id ? (data as { values: Record<string, string> }).values.reason : ""}
            />
            {failedFor === a.id && fieldError(data, "reason") ? (
              <small className="field-error" role="alert">
                {fieldError(data, "reason")}
              </small>
            ) : null}
            <div className="row">
              <button type="submit" name="decision" value="approve" className="btn btn-primary" disabled={busy}>
                {t("review.approve")}
              </button>
              <ConfirmButton confirm={t("confirm.rejectApplication")} name="decision" value="reject" className="btn btn-danger" disabled={busy}>
                {t("review.reject")}
              </ConfirmButton>
            </div>
          </Form>
        </article>
      ))}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
