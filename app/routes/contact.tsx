import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LegalPage } from "~/components/LegalPage";
import { legalPage } from "~/lib/legal-pages.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ title: string }>((d) => d.title);

/** The contact page, open to everyone (the footer links it from every page); its text is translated here. */
export async function loader({ context }: LoaderFunctionArgs) {
  return json(legalPage("contact", context.locale));
}

export default function Contact() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <LegalPage
      data={data}
      after={{
        join: (
          <p>
            <Link to="/apply">{data.links.join}</Link>
          </p>
        ),
        personal: (
          <p>
            <Link to="/reports/personal-info">{t("trust.publicReportLink")}</Link>
          </p>
        ),
        reports: (
          <p>
            <Link to="/reports">{t("nav.reports")}</Link>
          </p>
        ),
      }}
    />
  );
}

export const ErrorBoundary = RouteErrorBoundary;
