import type { IncomingHttpHeaders } from "node:http";
import { parse } from "cookie";
import { LOCALE_COOKIE, detectLocale, type Locale } from "../app/i18n/index";

export function parseCookies(header: string | undefined): Record<string, string | undefined> {
  return header ? parse(header) : {};
}

/** A page visitor's language: the site's language cookie, the member's saved choice, then Accept-Language. */
export function requestLocale(headers: IncomingHttpHeaders, saved?: string | null): Locale {
  return detectLocale(parseCookies(headers.cookie)[LOCALE_COOKIE], headers["accept-language"] ?? null, saved);
}
