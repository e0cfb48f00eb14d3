import { getT, type Locale } from "~/i18n";
import { CROSSBORDER_AREAS, type CrossBorderArea } from "../../db/vocabulary/crossborder-areas";

/** The areas of cross-border mutual recognition in the reader's language, as a loader sends them (issue 35). */
export interface CrossBorderAreaText {
  label: string;
  names: Record<CrossBorderArea, string>;
}

/**
 * Translated here, not in the browser: the keys are server-only (app/i18n/catalog-parts.ts), so the
 * catalogue every full page downloads does not carry them; only the scenario pages send these words.
 */
export function crossBorderAreaText(locale: Locale): CrossBorderAreaText {
  const t = getT(locale);
  return {
    label: t("crossborder.areasLabel"),
    names: Object.fromEntries(CROSSBORDER_AREAS.map((a) => [a, t(`crossborder.areas.${a}`)])) as Record<CrossBorderArea, string>,
  };
}

/** A scenario's areas as one line in the reader's language, with their label; null when it stays in the mainland. */
export function crossBorderAreasOf(locale: Locale, areas: readonly CrossBorderArea[]): { label: string; text: string } | null {
  if (!areas.length) return null;
  const { label, names } = crossBorderAreaText(locale);
  return { label, text: areas.map((a) => names[a]).join(locale === "en" ? ", " : "、") };
}
