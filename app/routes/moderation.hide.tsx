import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { PageHeader } from "~/components/ui";
import { ConformForm, ConformHidden, ConformSelect, ConformTextArea } from "~/components/conform-fields";
import { guard, requireActor } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { titled } from "~/lib/page-meta";
import { MODERATION_REASON_MAX, moderateInputSchema } from "~/models/trust/moderation-schema";
import { moderate, moderationTarget } from "~/models/trust/moderation.server";
import { MODERATION_TARGETS } from "~/models/trust/vocabulary";
import { choice } from "~/models/core/zod-fields";

export const meta = titled("moderation.hideTitle", "moderation.hideIntro");

const targetQuery = z.object({ type: choice(MODERATION_TARGETS), id: z.string().trim().min(1).max(64) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const url = new URL(request.url);
  const query = targetQuery.safeParse({ type: url.searchParams.get("type"), id: url.searchParams.get("id") ?? "" });
  const valid = query.success && moderateInputSchema.safeParse({ targetType: query.data.type, targetId: query.data.id, kind: "hide", reason: "ok" }).success;
  if (!query.success || !valid) throw json({ message: null }, { status: 404 });
  return guard(context, async () => json({ target: await moderationTarget(context.db, actor, query.data.type, query.data.id) }));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleSubmission(context, request, moderateInputSchema, async (input) => {
    await moderate(context.db, actor, input, context.realtime);
    return redirect("/moderation/actions");
  });
}

export default function HideContent() {
  const { target } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(moderateInputSchema, lastResult, { id: "moderate" });
  const kinds = target.can.suspendOrg ? (["hide", "suspend_org"] as const) : (["hide"] as const);
  return (
    <div className="stack">
      <PageHeader title={t("moderation.hideTitle")} intro={t("moderation.hideIntro")} />
      <section className="card stack-sm">
        <dl className="facts">
          <dt>{t("moderation.targetType")}</dt>
          <dd>
            <span className="tag">{t(`moderation.targets.${target.type}`)}</span> <Link to={target.path}>{target.title}</Link>
          </dd>
          {target.active ? (
            <>
              <dt>{t("moderation.kind")}</dt>
              <dd>
                {t(`moderation.kinds.${target.active.kind}`)} · {target.active.reason}
              </dd>
            </>
          ) : null}
        </dl>
        {target.can.hide ? (
          <ConformForm form={form} className="stack">
            <ConformHidden field={fields.targetType} value={target.type} />
            <ConformHidden field={fields.targetId} value={target.id} />
            <ConformSelect
              field={fields.kind}
              label={t("moderation.kind")}
              placeholder={t("trust.choose")}
              options={kinds.map((k) => ({ value: k, label: t(`moderation.kinds.${k}`) }))}
            />
            <ConformTextArea
              field={fields.reason}
              label={t("moderation.reason")}
              hint={t("moderation.reasonHint")}
              rows={3}
              maxLength={MODERATION_REASON_MAX}
            />
            <div className="row">
              <button type="submit" className="btn btn-danger" disabled={busy}>
                {t("moderation.hide")}
              </button>
            </div>
          </ConformForm>
        ) : (
          <p>
            <Link to="/moderation/actions">{t("moderation.actionsTitle")}</Link>
          </p>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
