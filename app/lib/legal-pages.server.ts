import { getT, type Locale } from "~/i18n";

/** The sections of each plain text page, in order; each has a heading `legal.<page>.<s>` and a body `<s>Body`. */
const SECTIONS = {
  privacy: ["who", "what", "why", "keep", "rights"],
  terms: ["members", "content", "deals", "moderation", "changes"],
  contact: ["join", "personal", "reports"],
} as const;

export type LegalPageName = keyof typeof SECTIONS;

/**
 * A plain text page translated on the server: its long texts are kept out of the catalogue every
 * page downloads (catalog-parts.ts SERVER_ONLY_PREFIXES).
 */
export function legalPage(page: LegalPageName, locale: Locale) {
  const t = getT(locale);
  return {
    title: t(`legal.${page}.title`),
    intro: t(`legal.${page}.intro`),
    updated: page === "contact" ? null : t("legal.updated"),
    sections: SECTIONS[page].map((id) => ({ id, heading: t(`legal.${page}.${id}`), body: t(`legal.${page}.${id}Body`) })),
    links: {
      rights: t("legal.privacy.rightsLink"),
      join: t("legal.contact.join"),
    },
  };
}
