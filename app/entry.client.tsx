import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n";
import { loadPageParts } from "~/i18n/catalog-loader";

const lang = document.documentElement.lang;
const locale: Locale = isLocale(lang) ? lang : DEFAULT_LOCALE;

/** The page's own language, and only the parts of its catalog the page was rendered with (i18n/catalog-parts.ts). */
void loadPageParts(locale)
  .catch(() => undefined)
  .then(() => {
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    });
  });
