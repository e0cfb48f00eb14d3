import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, type SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextArea, refusalOf, type FieldSource } from "~/components/forms";
import { EmptyState, PageHeader, ConfirmButton } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDateTime } from "~/lib/format";
import { guard, handleForm, requireActor } from "~/lib/http.server";
import { getOrganisation, listPendingApplications, reviewApplication } from "~/models/accounts/organisations.server";
import { reviewSchema } from "~/models/accounts/account-schema";
import { titled } from "~/lib/page-meta";
import { useClientCheck } from "~/lib/client-check";

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

type Application = SerializeFrom<typeof loader>["applications"][number];

export default function Review() {
  const { applications } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
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
        <PendingApplication key={a.id} application={a} answer={refusalOf(data, { orgId: a.id })} />
      ))}
    </div>
  );
}

/** One application with its own form, so a refusal to reject without a reason shows on that card only. */
function PendingApplication({ application: a, answer }: { application: Application; answer: FieldSource }) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const check = useClientCheck(reviewSchema);
  const shown = check.shown(answer);
  return (
    <article className="card" data-testid="application">
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
      <Form method="post" className="review-form" noValidate onSubmit={check.onSubmit}>
        <FormError data={shown} />
        <input type="hidden" name="orgId" value={a.id} />
        <TextArea name="reason" scope={a.id} label={t("review.reason")} rows={2} maxLength={500} placeholder={t("review.reasonHint")} data={shown} />
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
  );
}

export const ErrorBoundary = RouteErrorBoundary;
