import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ProfileResults, vocabLabel } from "~/components/profiles";
import { FilterButtons, FilterSelect, SortSelect } from "~/components/filters";
import { PageHeader } from "~/components/ui";
import { enumOptions } from "~/lib/enums";
import { REGIONS, SECTORS } from "~/models/core/enums";
import { DCMM_LEVELS, FUNDING_STAGES, PROFILE_ORG_TYPES, directoryFilterSchema } from "~/models/directory/profile-schema";
import { listProfiles } from "~/models/directory/profiles.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("profiles.enterprisesTitle", "profiles.enterprisesIntro");

/** The minimum credit scores offered as a filter. */
const CREDIT_STEPS = [40, 50, 60, 70, 80] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const filter = directoryFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listProfiles(context.db, context.actor, filter);
  return json({ filter, ...result });
}

export default function Enterprises() {
  const { filter, profiles, total, pageSize } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
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
        <FilterSelect name="sector" label={t("profiles.filter.sector")} value={filter.sector} options={enumOptions(t, "sector", SECTORS)} />
        <FilterSelect
          name="dcmm"
          label={t("profiles.filter.dcmm")}
          value={filter.dcmm}
          options={DCMM_LEVELS.map((l) => ({ value: String(l), label: t("profiles.dcmmValue", { level: l }) }))}
        />
        <FilterSelect
          name="stage"
          label={t("profiles.filter.stage")}
          value={filter.stage}
          options={FUNDING_STAGES.map((s) => ({ value: s, label: vocabLabel(t, "fundingStage", s) }))}
        />
        <FilterSelect
          name="financing"
          label={t("profiles.filter.financing")}
          value={filter.financing}
          options={[
            { value: "yes", label: t("profiles.yes") },
            { value: "no", label: t("profiles.no") },
          ]}
        />
        <FilterSelect name="region" label={t("profiles.filter.region")} value={filter.region} options={enumOptions(t, "region", REGIONS)} />
        <FilterSelect name="type" label={t("profiles.filter.type")} value={filter.type} options={enumOptions(t, "orgType", PROFILE_ORG_TYPES)} />
        <FilterSelect
          name="minCredit"
          label={t("credit.minCredit")}
          value={filter.minCredit}
          options={CREDIT_STEPS.map((score) => ({ value: String(score), label: t("credit.atLeast", { score }) }))}
        />
        <SortSelect
          label={t("profiles.filter.sort")}
          value={filter.sort}
          options={[
            { value: "completeness", label: t("profiles.filter.sortCompleteness") },
            { value: "credit", label: t("credit.sortCredit") },
            { value: "dcmm", label: t("profiles.filter.sortDcmm") },
            { value: "newest", label: t("profiles.filter.sortNewest") },
          ]}
        />
        <FilterButtons resetTo="/enterprises" />
      </Form>
      <ProfileResults profiles={profiles} total={total} page={filter.page} pageSize={pageSize} empty={t("profiles.empty")} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
