/** Dates shown in the alliance's time zone, so server and browser render the same text. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl formatter costs far more than using one: one per locale and style, kept. */
function formatter(locale: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", dateStyle: "medium", ...(withTime ? { timeStyle: "short" } : {}) });
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(value: string | Date, locale: string): string {
  return formatter(locale, true).format(new Date(value));
}

export function formatDate(value: string | Date, locale: string): string {
  return formatter(locale, false).format(new Date(value));
}

/** One formatter per locale and kind, made on first use (see `formatter` above for why). */
function perLocale<F>(make: (locale: string) => F): (locale: string) => F {
  const made = new Map<string, F>();
  return (locale) => {
    let f = made.get(locale);
    if (!f) made.set(locale, (f = make(locale)));
    return f;
  };
}

const yuan = perLocale((l) => new Intl.NumberFormat(l, { style: "currency", currency: "CNY", maximumFractionDigits: 0 }));
const yuanFen = perLocale((l) => new Intl.NumberFormat(l, { style: "currency", currency: "CNY", minimumFractionDigits: 2, maximumFractionDigits: 2 }));
/**
 * An amount in CNY, as the reader writes money (¥860 / CN¥860); an amount with 角 or 分 keeps them
 * (¥1,200,000.50), since a filed amount rounded to the yuan is a different amount.
 */
export function formatYuan(amount: number, locale: string): string {
  return (Number.isInteger(amount) ? yuan : yuanFen)(locale).format(amount);
}

const lists = perLocale((l) => new Intl.ListFormat(l, { style: "long", type: "conjunction" }));
/** A list as the reader writes one: 交通、物流和气象 / traffic, logistics, and weather. */
export function formatList(items: string[], locale: string): string {
  return lists(locale).format(items);
}

const compactYuan = perLocale(
  (l) => new Intl.NumberFormat(l, { style: "currency", currency: "CNY", notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }),
);
/**
 * An amount kept in 万元 (10,000 CNY), as the reader counts money: Chinese readers in 万元 as entered,
 * English readers in CNY with the usual short scale (CN¥8.6M), never "860 万元".
 */
export function formatWan(wan: number, locale: string): string {
  if (locale !== "en") return String(wan);
  return compactYuan(locale).format(wan * 10_000);
}
