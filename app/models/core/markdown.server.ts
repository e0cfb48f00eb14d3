import crypto from "node:crypto";
import MarkdownIt from "markdown-it";

/**
 * Descriptions, charters, agendas and drafts are markdown written by members. markdown-it runs in
 * linear time on hostile input and bounds nesting (maxNesting), where the previous parser
 * overflowed its stack on 4,000 `>` and took seconds on 100,000 characters of `*a`. Raw HTML is
 * escaped (html: false) and only http(s)/mailto links survive, so markup comes out inert.
 */
const md = new MarkdownIt("default", { html: false, linkify: false, breaks: true });
// Not in the published types; the parser reads it from options (default 100).
(md.options as { maxNesting?: number }).maxNesting = 20;
md.validateLink = (url) => /^(https?:|mailto:)/i.test(url.trim());

// Page headings belong to the page: a member's # and ## render as h3.
md.renderer.rules.heading_open = (tokens, i, options, _env, self) => {
  const token = tokens[i];
  if (token.tag === "h1" || token.tag === "h2") token.tag = "h3";
  return self.renderToken(tokens, i, options);
};
md.renderer.rules.heading_close = (tokens, i, options, _env, self) => {
  const token = tokens[i];
  if (token.tag === "h1" || token.tag === "h2") token.tag = "h3";
  return self.renderToken(tokens, i, options);
};
md.renderer.rules.link_open = (tokens, i, options, _env, self) => {
  tokens[i].attrSet("rel", "nofollow noopener");
  tokens[i].attrSet("target", "_blank");
  return self.renderToken(tokens, i, options);
};
md.renderer.rules.image = (tokens, i) => md.utils.escapeHtml(tokens[i].content);

/** Longer texts are shown as plain paragraphs: no column holds more, and rendering stays bounded. */
const MAX_MARKDOWN_CHARS = 200_000;

/** Rendered HTML by source hash: a popular draft is parsed once, not on every view. */
const cache = new Map<string, string>();
const CACHE_MAX_CHARS = 32 * 1024 * 1024;
let cachedChars = 0;

export function renderMarkdown(source: string): string {
  const key = crypto.createHash("sha256").update(source).digest("base64");
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const html = source.length > MAX_MARKDOWN_CHARS ? plainParagraphs(source) : md.render(source);
  cache.set(key, html);
  cachedChars += html.length;
  for (const [k, v] of cache) {
    if (cachedChars <= CACHE_MAX_CHARS) break;
    cache.delete(k);
    cachedChars -= v.length;
  }
  return html;
}

function plainParagraphs(source: string): string {
  return source
    .split(/\n{2,}/)
    .map((p) => `<p>${md.utils.escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}
