import { allCatalogs } from "./catalogs.server";
import { inShell, serverOnly, type CatalogPart } from "./catalog-parts";
import { flatten, makeTranslator, type Messages, type Translate } from "./translator";

export type { Translate } from "./translator";

export const LOCALES = ["zh-Hans", "zh-Hant", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-Hans";
export const LOCALE_COOKIE = "yaosu_lang";
export const LOCALE_LABELS: Record<Locale, string> = { "zh-Hans": "简体", "zh-Hant": "繁體", en: "EN" };

/** Every catalog on the server; in the browser this module is empty and `provideMessages` brings the page's own. */
export const catalogs = allCatalogs;

/** Flat messages per locale: on the server every message, in the browser the parts loaded so far. */
const loaded = new Map<Locale, Map<string, string>>();
if (allCatalogs) for (const [locale, catalog] of Object.entries(allCatalogs)) loaded.set(locale as Locale, flatten(catalog));

/** The browser hands over each part of its page's catalog as it arrives. */
export function provideMessages(locale: Locale, messages: Record<string, string>) {
  const into = loaded.get(locale) ?? new Map<string, string>();
  for (const [k, v] of Object.entries(messages)) into.set(k, v);
  loaded.set(locale, into);
  translators.clear();
}

/** The messages of one part of a locale's catalog (server side: what the browser is sent). */
export function messagesOf(locale: Locale, part: CatalogPart): Messages {
  const key = `${locale}:${part}`;
  let found = partMessages.get(key);
  if (!found) {
    found = new Map([...(loaded.get(locale) ?? [])].filter(([k]) => !serverOnly(k) && inShell(k) === (part === "shell")));
    partMessages.set(key, found);
  }
  return found;
}
const partMessages = new Map<string, Messages>();

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

const translators = new Map<string, Translate>();

/**
 * The translator of a locale, built once. `shell` limits it to the shell part on the server, so a
 * shell-only page renders exactly what its browser can; in the browser it reads every part loaded.
 */
export function getT(locale: Locale, part: "all" | "shell" = "all"): Translate {
  const scope = allCatalogs ? part : "all";
  const key = `${locale}:${scope}`;
  let t = translators.get(key);
  if (!t) {
    t = makeTranslator(locale, scope === "shell" ? messagesOf(locale, "shell") : (loaded.get(locale) ?? new Map()));
    translators.set(key, t);
  }
  return t;
}

/** Validation keys may end in a number ("v.tooLong.80"): the number becomes {{n}}. */
export function translateKey(t: Translate, key: string, params: Record<string, unknown> = {}): string {
  const m = /^(.*)\.(\d+)$/.exec(key);
  if (m) return t(m[1], { ...params, n: Number(m[2]) });
  return t(key, params);
}
