import type { MetaFunction } from "@remix-run/node";
import { DEFAULT_LOCALE, getT, type Locale, type Translate } from "~/i18n";

type Text = (t: Translate, data: unknown, locale: Locale) => string | null | undefined;
interface RootHead {
  locale?: Locale;
  title?: string;
  tagline?: string;
}

/**
 * A route's title and description in the reader's language: "<page> · <site>". Remix hands a meta
 * function only the matches up to its own route, so each page exports one of these.
 */
function pageMeta(title: Text, description?: Text): MetaFunction {
  return ({ data, matches }) => {
    const root = matches[0]?.data as RootHead | undefined;
    const locale = root?.locale ?? DEFAULT_LOCALE;
    const t = getT(locale);
    const site = root?.title ?? "要素 Yaosu";
    const page = title(t, data, locale);
    return [{ title: page ? `${page} · ${site}` : site }, { name: "description", content: description?.(t, data, locale) ?? root?.tagline ?? "" }];
  };
}

/** A page whose title (and description) are catalog keys. */
export function titled(titleKey: string, descriptionKey?: string): MetaFunction {
  return pageMeta((t) => t(titleKey), descriptionKey ? (t) => t(descriptionKey) : undefined);
}

/** A page titled from its own data (a listing's title, a group's name); `fallbackKey` while there is none. */
export function titledBy<D>(title: (data: D, t: Translate, locale: Locale) => string | null | undefined, fallbackKey?: string): MetaFunction {
  return pageMeta((t, data, locale) => (data ? title(data as D, t, locale) : null) ?? (fallbackKey ? t(fallbackKey) : null));
}

/** An organisation's name in the reader's language: the English one for English readers when there is one. */
export function inReaderLanguage(locale: Locale, zh: string, en?: string | null): string {
  return en && locale === "en" ? en : zh;
}
