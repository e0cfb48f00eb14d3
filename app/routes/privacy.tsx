import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LegalPage } from "~/components/LegalPage";
import { legalPage } from "~/lib/legal-pages.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ title: string }>((d) => d.title);

/** The privacy page, open to everyone (the footer links it from every page); its text is translated here. */
export async function loader({ context }: LoaderFunctionArgs) {
  return json(legalPage("privacy", context.locale));
}

export default function Privacy() {
  const data = useLoaderData<typeof loader>();

  return (
    <LegalPage
      data={data}
      after={{
        rights: (
          <p>
            <Link to="/reports/personal-info">{data.links.rights}</Link>
          </p>
        ),
      }}
    />
  );
}

export const ErrorBoundary = RouteErrorBoundary;
