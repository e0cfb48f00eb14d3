import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import { useRootData } from "~/lib/root-data";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { DEFAULT_LOCALE, createI18n, getT, type Locale } from "~/i18n";
import { AppShell } from "~/components/AppShell";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "要素 Yaosu" },
  { name: "description", content: data?.tagline ?? "" },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const t = getT(context.locale);
  const a = context.actor;
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
      : null,
    unread: context.unread,
  });
}

function Document({ locale, nonce, children }: { locale: Locale; nonce?: string; children: ReactNode }) {
  const i18n = useMemo(() => createI18n(locale), [locale]);
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  return (
    <Document locale={data?.locale ?? DEFAULT_LOCALE} nonce={data?.nonce}>
      <AppShell>{children}</AppShell>
    </Document>
  );
}

export default function App() {
  return <Outlet />;
}

export const ErrorBoundary = RouteErrorBoundary;
