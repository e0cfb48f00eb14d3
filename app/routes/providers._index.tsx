import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ProfileResults, vocabLabel } from "~/components/profiles";
import { FilterButtons, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/ui";
import { enumOptions } from "~/lib/enums";
import { REGIONS } from "~/models/core/enums";
import { SERVICE_TYPES, directoryFilterSchema } from "~/models/directory/profile-schema";
import { listProfiles } from "~/models/directory/profiles.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("profiles.providersTitle", "profiles.providersIntro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const filter = { ...directoryFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams)), type: "service_provider" as const };
  const result = await listProfiles(context.db, context.actor, filter);
  return json({ filter, ...result });
}

export default function Providers() {
  const { filter, profiles, total, pageSize } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const all = t("filters.all");
  return (
    <div className="stack">
      <PageHeader
        title={t("profiles.providersTitle")}
        intro={t("profiles.providersIntro")}
        actions={
          <Link to="/enterprises" className="btn btn-ghost">
            {t("profiles.nav.enterprises")}
          </Link>
        }
      />
      <nav className="pf-chips" aria-label={t("profiles.filter.service")}>
        <Link to="/providers" className={filter.service ? "pf-chip" : "pf-chip pf-chip-on"}>
          {all}
        </Link>
        {SERVICE_TYPES.map((s) => (
          <Link key={s} to={`?service=${s}`} className={filter.service === s ? "pf-chip pf-chip-on" : "pf-chip"}>
            {vocabLabel(t, "serviceType", s)}
          </Link>
        ))}
      </nav>
      <Form method="get" className="card listing-filters" role="search">
        <FilterSelect
          name="service"
          label={t("profiles.filter.service")}
          value={filter.service}
          options={SERVICE_TYPES.map((s) => ({ value: s, label: vocabLabel(t, "serviceType", s) }))}
        />
        <FilterSelect name="region" label={t("profiles.filter.region")} value={filter.region} options={enumOptions(t, "region", REGIONS)} />
        <FilterButtons resetTo="/providers" />
      </Form>
      <ProfileResults profiles={profiles} total={total} page={filter.page} pageSize={pageSize} empty={t("profiles.emptyProviders")} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
