import { createContext, useContext } from "react";
import { DEFAULT_LOCALE, getT, type Locale } from "./index";

/** The page's language, and whether it is rendered from the shell part of the catalog only (catalog-parts.ts). */
export const LocaleContext = createContext<{ locale: Locale; part: "all" | "shell" }>({ locale: DEFAULT_LOCALE, part: "all" });

/**
 * The page's translator. `i18n.language` keeps the shape components already read (for dates and
 * numbers in the page's language).
 */
export function useTranslation() {
  const { locale, part } = useContext(LocaleContext);
  return { t: getT(locale, part), i18n: { language: locale } };
}
