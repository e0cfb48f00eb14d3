import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { PageHeader } from "~/components/ui";
import { ConformForm, ConformHidden, ConformInput, ConformSelect, ConformTextArea } from "~/components/conform-fields";
import { enumLabel } from "~/lib/enums";
import { guard, requireActor } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { titled } from "~/lib/page-meta";
import { uuidParam } from "~/models/core/params";
import { DELIVERY_MODES } from "~/models/core/enums";
import { PRICING_TERMS_MAX, filingInputSchema } from "~/models/trust/filing-schema";
import { fileDeal, filingDraft } from "~/models/trust/filings.server";

export const meta = titled("trust.filingTitle", "trust.filingIntro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const matchId = uuidParam.safeParse(new URL(request.url).searchParams.get("match"));
  if (!matchId.success) throw json({ message: null }, { status: 404 });
  return guard(context, async () => json({ deal: await filingDraft(context.db, actor, matchId.data) }));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleSubmission(context, request, filingInputSchema, async (input) => {
    const number = await fileDeal(context.db, actor, input, context.realtime);
    return redirect(`/filings/${number}`);
  });
}

export default function NewFiling() {
  const { deal } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(filingInputSchema, lastResult, { id: "filing" });
  return (
    <div className="stack">
      <PageHeader title={t("trust.filingTitle")} intro={t("trust.filingIntro")} />
      <section className="card">
        <dl className="facts">
          <dt>{t("trust.deal")}</dt>
          <dd>
            <Link to={`/matches/${deal.matchId}`}>
              {deal.supplyTitle} ⇄ {deal.demandTitle}
            </Link>
          </dd>
        </dl>
        <ConformForm form={form} className="stack">
          <ConformHidden field={fields.matchId} value={deal.matchId} />
          <ConformInput field={fields.amount} label={t("trust.amount")} type="number" inputMode="decimal" step="0.01" min={0} />
          <ConformInput field={fields.termMonths} label={t("trust.termMonths")} type="number" inputMode="numeric" step="1" min={1} max={120} />
          <ConformSelect
            field={fields.deliveryMode}
            label={t("trust.deliveryMode")}
            placeholder={t("trust.choose")}
            options={DELIVERY_MODES.map((m) => ({ value: m, label: enumLabel(t, "delivery", m) }))}
          />
          {deal.crossBorder ? (
            <ConformSelect
              field={fields.crossBorderStep}
              label={t("crossborder.filingStep")}
              hint={t("crossborder.filingStepHint", { route: t(`crossborder.routes.${deal.crossBorder.route}`) })}
              placeholder={t("trust.choose")}
              options={deal.crossBorder.steps.map((s) => ({ value: s, label: t(`crossborder.filingSteps.${s}`) }))}
            />
          ) : null}
          <ConformTextArea
            field={fields.pricingTerms}
            label={t("trust.pricingTerms")}
            hint={t("trust.pricingTermsHint")}
            rows={3}
            maxLength={PRICING_TERMS_MAX}
          />
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t("trust.submitFiling")}
            </button>
          </div>
        </ConformForm>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
