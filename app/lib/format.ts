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
