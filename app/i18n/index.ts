import i18next, { type i18n, type TFunction } from "i18next";
import { allCatalogs } from "./catalogs.server";

export const LOCALES = ["zh-Hans", "zh-Hant", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-Hans";
export const LOCALE_COOKIE = "yaosu_lang";
export const LOCALE_LABELS: Record<Locale, string> = { "zh-Hans": "简体", "zh-Hant": "繁體", en: "EN" };

/** Every catalog on the server; in the browser this module is empty and `provideCatalog` brings the page's own. */
export const catalogs = allCatalogs;
const loaded: Partial<Record<Locale, object>> = { ...(allCatalogs ?? {}) };

/** The browser's entry hands over the one catalog it loaded, before the first render. */
export function provideCatalog(locale: Locale, catalog: object) {
  loaded[locale] = catalog;
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/**
 * Maps a BCP 47 tag to one of ours. An explicit script decides (zh-Hans-HK is Simplified); without
 * one, Hong Kong, Macau and Taiwan read Traditional.
 */
export function matchLocale(tag: string): Locale | null {
  const subtags = tag.trim().toLowerCase().split(/[-_]/);
  if (subtags[0] === "zh") {
    if (subtags.includes("hans")) return "zh-Hans";
    if (subtags.some((s) => s === "hant" || s === "hk" || s === "mo" || s === "tw")) return "zh-Hant";
    return "zh-Hans";
  }
  if (subtags[0] === "en") return "en";
  return null;
}

/**
 * The site's language cookie first, then the member's saved choice, then Accept-Language (by q
 * order; q=0 means "not this one"), then Simplified Chinese.
 */
export function detectLocale(cookieValue: string | undefined, acceptLanguage: string | null, saved?: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  if (isLocale(saved)) return saved;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const l = matchLocale(tag);
    if (l) return l;
  }
  return DEFAULT_LOCALE;
}

const instances = new Map<Locale, i18n>();
/** One initialised instance per locale, shared: the language of an instance never changes. */
export function createI18n(locale: Locale): i18n {
  const cached = instances.get(locale);
  if (cached) return cached;
  const instance = i18next.createInstance();
  instances.set(locale, instance);
  void instance.init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { translation: loaded[locale] ?? {} } },
    interpolation: { escapeValue: false },
    nsSeparator: false,
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/** A translator for one locale (models' error keys, CSV headers, socket errors). */
export function getT(locale: Locale): TFunction {
  return createI18n(locale).t;
}

/** Validation keys may end in a number ("v.tooLong.80"): the number becomes {{n}}. */
export function translateKey(t: TFunction, key: string, params: Record<string, unknown> = {}): string {
  const m = /^(.*)\.(\d+)$/.exec(key);
  if (m) return t(m[1], { ...params, n: Number(m[2]) }) as string;
  return t(key, params) as string;
}
