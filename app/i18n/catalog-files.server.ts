import { createHash } from "node:crypto";
import { messagesOf, type Locale } from "./index";
import type { CatalogPart } from "./catalog-parts";

interface CatalogFile {
  body: string;
  url: string;
}
const files = new Map<string, CatalogFile>();

/**
 * One part of a language's catalog as the browser downloads it: flat JSON at a URL that names its
 * content, so a browser keeps it until the messages change.
 */
export function catalogFile(locale: Locale, part: CatalogPart): CatalogFile {
  const key = `${locale}.${part}`;
  let file = files.get(key);
  if (!file) {
    const body = JSON.stringify(Object.fromEntries(messagesOf(locale, part)));
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
    file = { body, url: `/i18n/${key}.${hash}.json` };
    files.set(key, file);
  }
  return file;
}
