import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FilterButtons, ProfileResults, vocabLabel } from "~/components/profiles";
import { PageHeader } from "~/components/ui";
import { enumOptions } from "~/lib/enums";
import { REGIONS, SECTORS } from "~/models/core/enums";
import { DCMM_LEVELS, FUNDING_STAGES, PROFILE_ORG_TYPES, directoryFilterSchema } from "~/models/directory/profile-schema";
import { listProfiles } from "~/models/directory/profiles.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("profiles.enterprisesTitle", "profiles.enterprisesIntro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const filter = directoryFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listProfiles(context.db, context.actor, filter);
  return json({ filter, ...result });
}

export default function Enterprises() {
  const { filter, profiles, total, pageSize } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const all = t("profiles.filter.all");
  return (
    <div className="stack">
      <PageHeader
        title={t("profiles.enterprisesTitle")}
        intro={t("profiles.enterprisesIntro")}
        actions={
          <Link to="/providers" className="btn btn-ghost">
            {t("profiles.nav.providers")}
          </Link>
        }
      />
      <Form method="get" className="card listing-filters" role="search" data-testid="pf-filters">
        <select name="sector" defaultValue={filter.sector ?? ""} aria-label={t("profiles.filter.sector")}>
          <option value="">
            {t("profiles.filter.sector")}: {all}
          </option>
          {enumOptions(t, "sector", SECTORS).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <select name="dcmm" defaultValue={filter.dcmm ? String(filter.dcmm) : ""} aria-label={t("profiles.filter.dcmm")}>
          <option value="">
            {t("profiles.filter.dcmm")}: {all}
          </option>
          {DCMM_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t("profiles.dcmmValue", { level: l })}
            </option>
          ))}
        </select>
        <select name="stage" defaultValue={filter.stage ?? ""} aria-label={t("profiles.filter.stage")}>
          <option value="">
            {t("profiles.filter.stage")}: {all}
          </option>
          {FUNDING_STAGES.map((s) => (
            <option key={s} value={s}>
              {vocabLabel(t, "fundingStage", s)}
            </option>
          ))}
        </select>
        <select name="financing" defaultValue={filter.financing ?? ""} aria-label={t("profiles.filter.financing")}>
          <option value="">
            {t("profiles.filter.financing")}: {all}
          </option>
          <option value="yes">{t("profiles.yes")}</option>
          <option value="no">{t("profiles.no")}</option>
        </select>
        <select name="region" defaultValue={filter.region ?? ""} aria-label={t("profiles.filter.region")}>
          <option value="">
            {t("profiles.filter.region")}: {all}
          </option>
          {enumOptions(t, "region", REGIONS).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <select name="type" defaultValue={filter.type ?? ""} aria-label={t("profiles.filter.type")}>
          <option value="">
            {t("profiles.filter.type")}: {all}
          </option>
          {enumOptions(t, "orgType", PROFILE_ORG_TYPES).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <select name="sort" defaultValue={filter.sort} aria-label={t("profiles.filter.sort")}>
          <option value="completeness">
            {t("profiles.filter.sort")}: {t("profiles.filter.sortCompleteness")}
          </option>
          <option value="dcmm">
            {t("profiles.filter.sort")}: {t("profiles.filter.sortDcmm")}
          </option>
          <option value="newest">
            {t("profiles.filter.sort")}: {t("profiles.filter.sortNewest")}
          </option>
        </select>
        <FilterButtons resetTo="/enterprises" />
      </Form>
      <ProfileResults profiles={profiles} total={total} page={filter.page} pageSize={pageSize} empty={t("profiles.empty")} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
