import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Checks, FormError, TextArea, TextField, fieldValues } from "~/components/forms";
import { vocabLabel } from "~/components/profiles";
import { EmptyState, PageHeader } from "~/components/ui";
import { enumOptions } from "~/lib/enums";
import { failure, formValues, guard, handleInput, requireActor, readFormData } from "~/lib/http.server";
import { REGIONS, SECTORS } from "~/models/core/enums";
import { getInvestorProfile, updateInvestorProfile } from "~/models/directory/investors.server";
import { FUNDING_STAGES, investorFromForm, investorProfileSchema } from "~/models/directory/profile-schema";
import { useClientCheck } from "~/lib/client-check";
import { viewerOf } from "~/models/directory/profiles.server";
import { canManageOrg } from "~/models/core/permissions";
import { titled } from "~/lib/page-meta";

export const meta = titled("profiles.investorTitle", "profiles.investorIntro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const viewer = await viewerOf(context.db, actor);
  if (!viewer.investor || !actor.org) return json({ investor: null, canEdit: false });
  return guard(context, async () => {
    const investor = await getInvestorProfile(context.db, actor, actor.org!.id);
    return json({ investor, canEdit: canManageOrg(actor, actor.org!.id) });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readFormData(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  return handleInput(context, investorFromForm(form), formValues(form), investorProfileSchema, async (input) => {
    await updateInvestorProfile(context.db, actor, input);
    return json({ ok: true as const });
  });
}

export default function InvestorProfilePage() {
  const { investor, canEdit } = useLoaderData<typeof loader>();
  const check = useClientCheck(investorProfileSchema, investorFromForm);
  const data = check.shown(useActionData<typeof action>());
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  if (!investor) {
    return (
      <div className="stack">
        <PageHeader title={t("profiles.investorTitle")} />
        <EmptyState
          action={
            <Link to="/enterprises" className="btn btn-ghost">
              {t("profiles.browse")}
            </Link>
          }
        >
          {t("profiles.notInvestor")}
        </EmptyState>
      </div>
    );
  }
  const saved = data && "ok" in data && data.ok === true;
  const failed = saved ? undefined : data;
  const list = (name: string, fallback: string[]) => fieldValues(failed, name, fallback);
  return (
    <div className="stack">
      <PageHeader
        title={t("profiles.investorTitle")}
        intro={t("profiles.investorIntro")}
        actions={
          <>
            <Link to="/enterprises" className="btn btn-ghost">
              {t("profiles.browse")}
            </Link>
            <Link to="/watchlist" className="btn btn-ghost">
              {t("profiles.nav.watchlist")}
            </Link>
          </>
        }
      />
      {saved ? (
        <p className="alert alert-ok" role="status">
          {t("profiles.saved")}
        </p>
      ) : null}
      {!canEdit ? <p className="alert alert-error">{t("profiles.readOnly")}</p> : null}
      <Form method="post" noValidate onSubmit={check.onSubmit}>
        <FormError data={failed} />
        <fieldset className="card form-grid" disabled={!canEdit}>
          <h2 className="span-2">{investor.nameZh}</h2>
          <div className="span-2">
            <TextArea name="thesis" label={t("profiles.investor.thesis")} rows={3} maxLength={2000} data={failed} defaultValue={investor.thesis ?? ""} />
          </div>
          <div className="span-2">
            <Checks
              name="focusSectors"
              label={t("profiles.investor.focusSectors")}
              options={enumOptions(t, "sector", SECTORS)}
              selected={list("focusSectors", investor.focusSectors)}
              data={failed}
            />
          </div>
          <div className="span-2">
            <Checks
              name="stages"
              label={t("profiles.investor.stages")}
              options={FUNDING_STAGES.map((s) => ({ value: s, label: vocabLabel(t, "fundingStage", s) }))}
              selected={list("stages", investor.stages)}
              data={failed}
            />
          </div>
          <TextField
            name="ticketMin"
            type="number"
            min={0}
            step="any"
            label={t("profiles.investor.ticketMin")}
            data={failed}
            defaultValue={investor.ticketMin ?? undefined}
          />
          <TextField
            name="ticketMax"
            type="number"
            min={0}
            step="any"
            label={t("profiles.investor.ticketMax")}
            data={failed}
            defaultValue={investor.ticketMax ?? undefined}
          />
          <div className="span-2">
            <Checks
              name="regions"
              label={t("profiles.investor.regions")}
              options={enumOptions(t, "region", REGIONS)}
              selected={list("regions", investor.regions)}
              data={failed}
            />
          </div>
          <div className="span-2">
            <button type="submit" className="btn btn-primary" disabled={busy || !canEdit}>
              {t("profiles.investor.save")}
            </button>
          </div>
        </fieldset>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
