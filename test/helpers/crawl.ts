import type { HttpClient } from "./app";

export interface FoundField {
  name: string;
  value: string;
}

/** A post form as a page offers it: where it goes, its fields with their shown values, and the intent button. */
export interface FoundForm {
  action: string;
  fields: FoundField[];
  intent?: string;
  page: string;
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return m ? decode(m[1]) : undefined;
}

/** The post forms of one page; a form with several intent buttons counts once per intent. */
export function formsOf(html: string, page: string): FoundForm[] {
  const out: FoundForm[] = [];
  for (const m of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, attrs, inner] = m;
    if ((attr(attrs, "method") ?? "get").toLowerCase() !== "post") continue;
    const action = attr(attrs, "action") ?? page;
    const fields = new Map<string, string>();
    const intents = new Set<string>();
    for (const tag of inner.matchAll(/<(input|textarea|select|button)\b([^>]*)>([^<]*)/gi)) {
      const [, kind, a, text] = tag;
      const name = attr(` ${a}`, "name");
      if (!name) continue;
      let value = attr(` ${a}`, "value") ?? (kind.toLowerCase() === "textarea" ? decode(text) : "");
      // A select shows its first real choice.
      if (kind.toLowerCase() === "select") value = /<option value="([^"]+)"/.exec(inner.slice(tag.index!))?.[1] ?? "";
      if (kind.toLowerCase() === "button") {
        if (name === "intent") intents.add(value);
        else if (!fields.has(name)) fields.set(name, value);
      } else if (!fields.has(name)) fields.set(name, value);
    }
    const list = [...fields].map(([name, value]) => ({ name, value }));
    if (intents.size === 0) out.push({ action, fields: list, page });
    for (const intent of intents) out.push({ action, fields: list.filter((f) => f.name !== "intent"), intent, page });
  }
  return out;
}

/** Same-site links worth following (pages, not assets or downloads). */
export function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*\shref="(\/[^"#]*)"/gi)) {
    const href = decode(m[1]);
    if (href.startsWith("//") || href.startsWith("/build/") || /\.(csv|ics|png|svg|css|js)(\?|$)/.test(href)) continue;
    out.push(href);
  }
  return out;
}

/** Breadth-first over the site as one client sees it, up to `max` pages. */
export async function crawl(client: HttpClient, seeds: string[], max: number): Promise<{ pages: string[]; forms: FoundForm[] }> {
  const queue = [...seeds];
  const seen = new Set<string>();
  const pages: string[] = [];
  const forms: FoundForm[] = [];
  // One page per route shape is enough to find its forms: ids differ, forms do not.
  const shapes = new Map<string, number>();
  const shape = (p: string) =>
    p
      .split("?")[0]
      .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ":id")
      .replace(/\/\d{4}(?=\/|$)/, "/:year");
  while (queue.length && pages.length < max) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const n = shapes.get(shape(path)) ?? 0;
    if (n >= 3) continue;
    shapes.set(shape(path), n + 1);
    const res = await client.get(path);
    if (res.status !== 200 || !(res.headers.get("content-type") ?? "").includes("html")) continue;
    const html = await res.text();
    pages.push(path);
    forms.push(...formsOf(html, path));
    for (const link of linksOf(html)) if (!seen.has(link)) queue.push(link);
  }
  return { pages, forms };
}
