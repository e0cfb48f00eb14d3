import { useContext } from "react";
import type { i18n, TFunction } from "i18next";
import { I18nContext } from "react-i18next";

const translators = new WeakMap<i18n, TFunction>();

/**
 * One translator per locale instance, kept for the life of the process. react-i18next makes a
 * fixed-T per component and render, and i18next re-resolves the language code on every call: on
 * a server render that was about a tenth of a page's CPU. Keys without options are looked up once;
 * calls with options (interpolation, plurals) go to i18next as before.
 */
export function translatorFor(instance: i18n): TFunction {
  const cached = translators.get(instance);
  if (cached) return cached;
  const fixed = instance.getFixedT(instance.language);
  const plain = new Map<string, string>();
  const t = ((key: string | string[], options?: unknown) => {
    if (options !== undefined || typeof key !== "string") return (fixed as (k: unknown, o?: unknown) => string)(key, options);
    let text = plain.get(key);
    if (text === undefined) {
      text = fixed(key) as string;
      plain.set(key, text);
    }
    return text;
  }) as unknown as TFunction;
  translators.set(instance, t);
  return t;
}

/** The page's translator; every component takes it from here rather than from react-i18next. */
export function useTranslation() {
  const { i18n } = useContext(I18nContext);
  return { t: translatorFor(i18n), i18n };
}
