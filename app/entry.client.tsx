import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale, provideCatalog, type Locale } from "~/i18n";

/** Each language's messages are their own chunk: a page downloads only the language it is in. */
const CATALOGS: Record<Locale, () => Promise<{ default: object }>> = {
  "zh-Hans": () => import("./i18n/locales/zh-Hans"),
  "zh-Hant": () => import("./i18n/locales/zh-Hant"),
  en: () => import("./i18n/locales/en"),
};

const lang = document.documentElement.lang;
const locale: Locale = isLocale(lang) ? lang : DEFAULT_LOCALE;

void CATALOGS[locale]().then(({ default: catalog }) => {
  provideCatalog(locale, catalog);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
