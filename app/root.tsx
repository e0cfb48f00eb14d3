import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches } from "@remix-run/react";
import { useRootData } from "~/lib/root-data";
import { icpNumber } from "~/lib/site.server";
import { Suspense, type ReactNode } from "react";
import { DEFAULT_LOCALE, getT, type Locale } from "~/i18n";
import { needsRest } from "~/i18n/catalog-parts";
import { catalogFile } from "~/i18n/catalog-files.server";
import { pendingRest } from "~/i18n/catalog-loader";
import { LocaleContext } from "~/i18n/use-translation";
import { AppShell } from "~/components/AppShell";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { sendToEnrolment } from "~/lib/http.server";
import { isSecretariat, mayApply } from "~/models/core/permissions";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "要素 Yaosu" }, { name: "description", content: data?.tagline ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Every page passes here: staff without two-factor see the enrolment page and nothing else.
  sendToEnrolment(context, request);
  const t = getT(context.locale);
  const a = context.actor;
  const enrolling = context.enrolling;
  return json({
    locale: context.locale,
    nonce: context.nonce,
    title: t("app.fullName"),
    tagline: t("app.tagline"),
    user: a
      ? {
          id: a.id,
          displayName: a.displayName,
          platformRole: a.platformRole,
          org: a.org ? { id: a.org.id, type: a.org.type, name: a.org.nameZh, nameEn: a.org.nameEn, status: a.org.status, role: a.org.role } : null,
        }
      : // Signed in (the menu offers sign-out) with neither role nor organisation until enrolled.
        enrolling
        ? { id: enrolling.id, displayName: enrolling.displayName, platformRole: "member" as const, org: null }
        : null,
    // What the shell offers, decided by the models' rules (the pages' doors ask the same).
    can: { apply: mayApply(a), admin: isSecretariat(a) },
    unread: context.unread,
    catalog: { shell: catalogFile(context.locale, "shell").url, rest: catalogFile(context.locale, "rest").url },
    icpNumber: icpNumber(),
  });
}

interface CatalogUrls {
  shell: string;
  rest: string;
}

/** Renders once the page's catalog parts are in the browser (after a navigation from a shell-only page, it waits). */
function CatalogGate({ locale, rest, children }: { locale: Locale; rest: boolean; children: ReactNode }) {
  if (rest && typeof document !== "undefined") {
    const pending = pendingRest(locale);
    if (pending) throw pending;
  }
  return <>{children}</>;
}

function Document({ locale, nonce, catalog, children }: { locale: Locale; nonce?: string; catalog?: CatalogUrls; children: ReactNode }) {
  const rest = needsRest(
    useMatches()
      .filter((m) => m.id !== "root")
      .map((m) => m.handle),
  );
  const load = catalog ? (rest ? [catalog.shell, catalog.rest] : [catalog.shell]) : [];
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {load.map((href) => (
          <link key={href} rel="preload" href={href} as="fetch" crossOrigin="anonymous" />
        ))}
        {catalog ? <meta name="yaosu-catalog" content={load.join(" ")} data-rest={catalog.rest} /> : null}
      </head>
      <body>
        <LocaleContext.Provider value={{ locale, part: rest ? "all" : "shell" }}>
          <Suspense fallback={null}>
            <CatalogGate locale={locale} rest={rest}>
              {children}
            </CatalogGate>
          </Suspense>
        </LocaleContext.Provider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  return (
    <Document locale={data?.locale ?? DEFAULT_LOCALE} nonce={data?.nonce} catalog={data?.catalog}>
      <AppShell>{children}</AppShell>
    </Document>
  );
}

export default function App() {
  return <Outlet />;
}

export const ErrorBoundary = RouteErrorBoundary;
