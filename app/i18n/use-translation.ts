import { useContext } from "react";
import type { i18n, TFunction } from "i18next";
import { I18nContext } from "react-i18next";

const translators = new WeakMap<i18n, TFunction>();
const MISSING = "\u0000missing";
const MAX_CACHED_KEYS = 10_000;

/** `{ defaultValue }` alone (enum labels) is a plain lookup with a fallback. */
function onlyDefaultValue(options: unknown): boolean {
  if (typeof options !== "object" || options === null) return false;
  for (const k in options) if (k !== "defaultValue") return false;
  return true;
}

/**
 * One translator per locale instance, kept for the life of the process. react-i18next makes a
 * fixed-T per component and render, and i18next re-resolves the language code on every call: on
 * a server render that was about a tenth of a page's CPU. Keys without options (or with only a
 * default value) are looked up once; calls with other options (interpolation, plurals) go to i18next as before.
 */
export function translatorFor(instance: i18n): TFunction {
  const cached = translators.get(instance);
  if (cached) return cached;
  const fixed = instance.getFixedT(instance.language) as (key: unknown, options?: unknown) => string;
  const plain = new Map<string, string>();
  const t = ((key: string | string[], options?: unknown) => {
    if (typeof key !== "string" || !(options === undefined || onlyDefaultValue(options))) return fixed(key, options);
    let text = plain.get(key);
    if (text === undefined) {
      text = fixed(key, { defaultValue: MISSING });
      // Keys come from the code and the vocabularies; the cap keeps a key built from input from growing it.
      if (plain.size < MAX_CACHED_KEYS) plain.set(key, text);
    }
    return text === MISSING ? ((options as { defaultValue?: string } | undefined)?.defaultValue ?? key) : text;
  }) as unknown as TFunction;
  translators.set(instance, t);
  return t;
}

/** The page's translator; every component takes it from here rather than from react-i18next. */
export function useTranslation() {
  const { i18n } = useContext(I18nContext);
  return { t: translatorFor(i18n), i18n };
}
