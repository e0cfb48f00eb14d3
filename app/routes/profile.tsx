import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Checks, FormError, SelectField, TextArea, TextField, fieldValue, fieldValues, type FieldSource } from "~/components/forms";
import { CompletenessMeter, InterestTable, fieldLabel, vocabLabel } from "~/components/profiles";
import { EmptyState, PageHeader } from "~/components/ui";
import { enumOptions } from "~/lib/enums";
import { failure, formValues, guard, handleInput, requireActor, readFormData } from "~/lib/http.server";
import { SECTORS } from "~/models/core/enums";
import {
  DCMM_LEVELS,
  FUNDING_STAGES,
  REVENUE_BANDS,
  SERVICE_TYPES,
  TEAM_SIZES,
  VISIBILITIES,
  profileFromForm,
  profileInputSchema,
  type ProfileField,
} from "~/models/directory/profile-schema";
import { getOwnProfile, profileInterest, updateProfile, viewerOf } from "~/models/directory/profiles.server";
import { useClientCheck } from "~/lib/client-check";
import { titled } from "~/lib/page-meta";
import { approvedOrg } from "~/models/core/permissions";

export const meta = titled("profiles.profileTitle", "profiles.profileIntro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  if (!approvedOrg(actor)) return json({ kind: "none" as const });
  const { orgType } = await viewerOf(context.db, actor);
  if (orgType === "investor") throw redirect("/investors/profile");
  if (orgType !== "enterprise" && orgType !== "service_provider") return json({ kind: "other" as const });
  return guard(context, async () => {
    const [own, interest] = await Promise.all([getOwnProfile(context.db, actor), profileInterest(context.db, actor)]);
    return json({ kind: "profile" as const, own, interest });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readFormData(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  const values = formValues(form);
  return handleInput(context, profileFromForm(form), values, profileInputSchema, async (input) => {
    await updateProfile(context.db, actor, input);
    return json({ ok: true as const });
  });
}

function Vis({ field, value, data, disabled }: { field: ProfileField; value: string; data: FieldSource; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <label className="pf-vis">
      <span className="small muted">{t("profiles.visibility.label")}</span>
      <select
        name={`vis_${field}`}
        defaultValue={fieldValue(data, `vis_${field}`) ?? value}
        aria-label={`${fieldLabel(t, field)}: ${t("profiles.visibility.label")}`}
        disabled={disabled}
      >
        {VISIBILITIES.map((v) => (
          <option key={v} value={v}>
            {t(`profiles.visibility.${v}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function ProfilePage() {
  const loaded = useLoaderData<typeof loader>();
  const check = useClientCheck(profileInputSchema, profileFromForm);
  const data = check.shown(useActionData<typeof action>());
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  if (loaded.kind === "none") {
    return (
      <div className="stack">
        <PageHeader title={t("profiles.profileTitle")} />
        <EmptyState
          action={
            <Link to="/apply" className="btn btn-primary">
              {t("nav.apply")}
            </Link>
          }
        >
          {t("profiles.errors.noOrg")}
        </EmptyState>
      </div>
    );
  }
  if (loaded.kind === "other") {
    return (
      <div className="stack">
        <PageHeader title={t("profiles.profileTitle")} />
        <EmptyState
          action={
            <Link to="/enterprises" className="btn btn-ghost">
              {t("profiles.browse")}
            </Link>
          }
        >
          {t("profiles.notProfileOrg")}
        </EmptyState>
      </div>
    );
  }
  const { own, interest } = loaded;
  const d = own.data;
  const saved = data && "ok" in data && data.ok === true;
  const failed = saved ? undefined : data;
  const list = (name: string, fallback: string[]) => fieldValues(failed, name, fallback);
  const ro = !own.canEdit;
  const row = (field: ProfileField, control: React.ReactNode) => (
    <div className="pf-row span-2">
      <div className="pf-row-control">{control}</div>
      <Vis field={field} value={own.visibility[field]} data={failed} disabled={ro} />
    </div>
  );
  const optionsOf = (vocab: "teamSize" | "revenueBand" | "fundingStage", values: readonly string[]) =>
    values.map((v) => ({ value: v, label: vocabLabel(t, vocab, v) }));
  return (
    <div className="stack">
      <PageHeader
        title={t("profiles.profileTitle")}
        intro={t("profiles.profileIntro")}
        actions={
          <Link to={`/enterprises/${own.orgId}`} className="btn btn-ghost">
            {t("profiles.open")}
          </Link>
        }
      />
      <CompletenessMeter percent={own.meter.percent} missing={own.meter.missing} />
      {saved ? (
        <p className="alert alert-ok" role="status">
          {t("profiles.saved")}
        </p>
      ) : null}
      {ro ? <p className="alert alert-error">{t("profiles.readOnly")}</p> : null}
      <Form method="post" noValidate className="stack" onSubmit={check.onSubmit}>
        <FormError data={failed} />
        <fieldset className="card form-grid pf-form" disabled={ro}>
          <h2 className="span-2">{own.nameZh}</h2>
          {row(
            "introduction",
            <TextArea
              name="introduction"
              label={t("profiles.field.introduction")}
              rows={4}
              maxLength={4000}
              data={failed}
              defaultValue={d.introduction ?? ""}
            />,
          )}
          {row(
            "businessScope",
            <TextArea
              name="businessScope"
              label={t("profiles.field.businessScope")}
              rows={3}
              maxLength={2000}
              data={failed}
              defaultValue={d.businessScope ?? ""}
            />,
          )}
          {row(
            "products",
            <TextArea
              name="products"
              label={t("profiles.field.products")}
              hint={t("profiles.linesHint")}
              rows={3}
              data={failed}
              defaultValue={d.products.join("\n")}
            />,
          )}
          {row(
            "sectors",
            <Checks
              name="sectors"
              label={t("profiles.field.sectors")}
              options={enumOptions(t, "sector", SECTORS)}
              selected={list("sectors", d.sectors)}
              data={failed}
            />,
          )}
          {row(
            "dataAssets",
            <div className="field">
              <span className="pf-label">{t("profiles.field.dataAssets")}</span>
              <small className="hint">{t("profiles.dataAssetsHint")}</small>
              {d.dataAssets.length ? (
                <ul className="pf-list">
                  {d.dataAssets.map((a) => (
                    <li key={a.id}>
                      <Link to={`/listings/${a.id}`}>{a.title}</Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted small">
                  {t("profiles.noDataAssets")} <Link to="/listings/new">{t("listings.post")}</Link>
                </p>
              )}
            </div>,
          )}
          {own.type === "service_provider"
            ? row(
                "serviceTypes",
                <Checks
                  name="serviceTypes"
                  label={t("profiles.field.serviceTypes")}
                  options={SERVICE_TYPES.map((s) => ({ value: s, label: vocabLabel(t, "serviceType", s) }))}
                  selected={list("serviceTypes", d.serviceTypes)}
                  data={failed}
                />,
              )
            : null}
          {row(
            "dcmmLevel",
            <SelectField
              name="dcmmLevel"
              label={t("profiles.field.dcmmLevel")}
              placeholder={t("profiles.choose")}
              options={DCMM_LEVELS.map((l) => ({ value: String(l), label: t("profiles.dcmmValue", { level: l }) }))}
              data={failed}
              defaultValue={d.dcmmLevel ? String(d.dcmmLevel) : ""}
            />,
          )}
          {row(
            "certifications",
            <TextArea
              name="certifications"
              label={t("profiles.field.certifications")}
              hint={t("profiles.linesHint")}
              rows={3}
              data={failed}
              defaultValue={d.certifications.join("\n")}
            />,
          )}
          {row(
            "teamSize",
            <SelectField
              name="teamSize"
              label={t("profiles.field.teamSize")}
              placeholder={t("profiles.choose")}
              options={optionsOf("teamSize", TEAM_SIZES)}
              data={failed}
              defaultValue={d.teamSize ?? ""}
            />,
          )}
          {row(
            "revenueBand",
            <SelectField
              name="revenueBand"
              label={t("profiles.field.revenueBand")}
              placeholder={t("profiles.choose")}
              options={optionsOf("revenueBand", REVENUE_BANDS)}
              data={failed}
              defaultValue={d.revenueBand ?? ""}
            />,
          )}
          {row(
            "fundingStage",
            <SelectField
              name="fundingStage"
              label={t("profiles.field.fundingStage")}
              placeholder={t("profiles.choose")}
              options={optionsOf("fundingStage", FUNDING_STAGES)}
              data={failed}
              defaultValue={d.fundingStage ?? ""}
            />,
          )}
          {row(
            "financing",
            <div className="pf-financing">
              <SelectField
                name="financingSought"
                label={t("profiles.financingSought")}
                placeholder={t("profiles.financingUnknown")}
                options={[
                  { value: "yes", label: t("profiles.yes") },
                  { value: "no", label: t("profiles.no") },
                ]}
                data={failed}
                defaultValue={d.financing ? (d.financing.sought ? "yes" : "no") : ""}
              />
              <div className="pf-pair">
                <TextField
                  name="financingMin"
                  type="number"
                  min={0}
                  step="any"
                  label={t("profiles.financingMin")}
                  data={failed}
                  defaultValue={d.financing?.min ?? undefined}
                />
                <TextField
                  name="financingMax"
                  type="number"
                  min={0}
                  step="any"
                  label={t("profiles.financingMax")}
                  data={failed}
                  defaultValue={d.financing?.max ?? undefined}
                />
              </div>
              <TextArea name="financingUse" label={t("profiles.financingUse")} rows={2} maxLength={1000} data={failed} defaultValue={d.financing?.use ?? ""} />
            </div>,
          )}
          {row(
            "keyScenarios",
            <TextArea
              name="keyScenarios"
              label={t("profiles.field.keyScenarios")}
              hint={t("profiles.linesHint")}
              rows={3}
              data={failed}
              defaultValue={d.keyScenarios.join("\n")}
            />,
          )}
          <div className="span-2">
            <button type="submit" className="btn btn-primary" disabled={busy || ro}>
              {t("profiles.save")}
            </button>
          </div>
        </fieldset>
      </Form>
      <InterestTable weeks={interest.weeks} watchingNow={interest.watchingNow} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
