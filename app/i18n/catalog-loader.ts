import { provideMessages, type Locale } from "./index";

/**
 * The browser side of catalog parts (catalog-parts.ts): the document names the parts' URLs in
 * <meta name="yaosu-catalog" content="…">; the entry loads the page's parts before hydrating, and a page that
 * needs the rest later waits for it (CatalogGate) instead of showing keys.
 */
const META = 'meta[name="yaosu-catalog"]';

async function fetchPart(locale: Locale, url: string) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`catalog ${url}: ${response.status}`);
  provideMessages(locale, (await response.json()) as Record<string, string>);
}

/** The parts this page was rendered with. */
export function loadPageParts(locale: Locale): Promise<unknown> {
  const urls = (document.querySelector<HTMLMetaElement>(META)?.content ?? "").split(" ").filter(Boolean);
  if (urls.some((u) => u.includes(".rest."))) restLoaded = true;
  return Promise.all(urls.map((u) => fetchPart(locale, u)));
}

let restLoaded = false;
let restPending: Promise<void> | null = null;

/** Null once the rest of the catalog is here; else the promise of it (for Suspense). */
export function pendingRest(locale: Locale): Promise<void> | null {
  if (restLoaded) return null;
  const url = document.querySelector<HTMLMetaElement>(META)?.dataset.rest;
  if (!url) return null;
  // Offline or a failed deploy: render with what is here rather than wait for ever.
  restPending ??= fetchPart(locale, url)
    .catch(() => undefined)
    .then(() => {
      restLoaded = true;
    });
  return restPending;
}
