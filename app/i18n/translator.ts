/**
 * The message lookup the catalogs need, and no more: dotted keys, `{{name}}` interpolation,
 * plural forms by `count` (`key_one` / `key_other`, chosen by Intl.PluralRules) and `$t(key)`
 * references. i18next did the same in 14 kB of every page's JavaScript (a fifth of the landing
 * page's budget) and in a per-call language resolution that was a tenth of a server render;
 * this is the same behaviour on a flat map built once per catalog.
 */
export type TranslateOptions = { defaultValue?: string; count?: number | string } & Record<string, unknown>;
export type Translate = (key: string, options?: TranslateOptions) => string;

type Tree = { readonly [key: string]: string | Tree };
export type Messages = ReadonlyMap<string, string>;

/** Nested catalog -> "a.b.c" -> message. Keys that themselves hold a dot ("draft.stage") join the same way. */
export function flatten(tree: object, prefix = "", into = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree as Tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") into.set(key, v);
    else flatten(v, key, into);
  }
  return into;
}

const INTERPOLATION = /\{\{\s*([\w.]+)\s*\}\}/g;
const REFERENCE = /\$t\(([^)]+)\)/g;

export function makeTranslator(locale: string, messages: Messages): Translate {
  const plurals = new Intl.PluralRules(locale);

  const find = (key: string, count: unknown): string | undefined => {
    if (typeof count === "number") return messages.get(`${key}_${plurals.select(count)}`) ?? messages.get(`${key}_other`) ?? messages.get(key);
    return messages.get(key);
  };

  const t: Translate = (key, options) => {
    const message = find(key, options?.count) ?? options?.defaultValue ?? key;
    if (!options && !message.includes("$t(")) return message;
    // A value not given leaves its placeholder, which a test of the page then shows plainly.
    const filled = options ? message.replace(INTERPOLATION, (whole, name: string) => (options[name] === undefined ? whole : String(options[name]))) : message;
    return filled.includes("$t(") ? filled.replace(REFERENCE, (_, ref: string) => t(ref.trim())) : filled;
  };
  return t;
}
