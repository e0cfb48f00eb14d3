import type { NextFunction, Request, Response } from "express";
import { detectLocale, getT, type Locale } from "../app/i18n/index";
import { MAX_BODY_BYTES, MAX_UPLOAD_BODY_BYTES, isUnsafeText } from "../app/models/core/input-rules";
import { retryAfterHeaders } from "../app/models/core/errors";
import { requestLocale } from "./cookies";

const BODYLESS = new Set(["GET", "HEAD", "OPTIONS"]);

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** The pages whose forms carry evidence files (five of 5 MB at most, evidence.server.ts). */
const EVIDENCE_ROUTES = [/^\/disputes\/new\/?$/, new RegExp(`^/disputes/${UUID}/?$`), /^\/reports\/new\/?$/];
/** The pages whose forms carry files (scenario pictures): only these take more than MAX_BODY_BYTES. */
const UPLOAD_ROUTES = [/^\/scenarios\/new\/?$/, new RegExp(`^/scenarios/${UUID}/edit/?$`), ...EVIDENCE_ROUTES];

/** The body limit of a request: the upload allowance for a multipart form to an upload page, else 1 MB. */
export function bodyLimit(req: Request): number {
  const multipart = /^multipart\/form-data/i.test(req.headers["content-type"] ?? "");
  return multipart && UPLOAD_ROUTES.some((r) => r.test(req.path)) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
}

/**
 * After refusing a body unread, keep reading (and dropping) it for a while, as nginx's lingering
 * close does. Closing at once would leave the client's bytes unread in our socket, and the kernel
 * answers those with a reset that can reach the client before our 413, so it never sees why.
 * Bounded: past LINGER_MS or LINGER_BYTES the connection is cut anyway (by then the client has
 * had its answer; reading more only spends our CPU on its bytes).
 */
const LINGER_MS = 2000;
const LINGER_BYTES = 16 * 1024 * 1024;
function discardBody(req: Request) {
  let seen = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  req.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > LINGER_BYTES) cut();
  });
  req.on("end", () => clearTimeout(timer));
  req.on("close", () => clearTimeout(timer));
  req.resume();
}

/**
 * The first door for every request that reaches Express: a URL whose path or query holds text the
 * database cannot take, a body declared larger than the limit, or a page form streamed without a
 * length are refused here, in the requester's language and in the shape the requester reads
 * (the API's error object, Remix's `_data` JSON, or a page).
 */
export function inputGuard(req: Request, res: Response, next: NextFunction) {
  const problem = urlProblem(req.originalUrl);
  if (problem) return refuse(req, res, 400, problem);
  if (!BODYLESS.has(req.method)) {
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > bodyLimit(req)) {
      // Refused before it is read (parsing 32 MB to refuse it is the stall this prevents), then
      // drained for a bounded time so the client reads the 413 instead of a reset.
      discardBody(req);
      return refuse(req, res, 413, isApi(req) ? "api.tooLarge" : "errors.tooLarge");
    }
    // The API counts a streamed body as it reads it; page forms always come with a length.
    if (declared === undefined && req.headers["transfer-encoding"] && !isApi(req)) {
      discardBody(req);
      return refuse(req, res, 411, "errors.lengthRequired");
    }
  }
  next();
}

function urlProblem(url: string): string | null {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(path);
  } catch {
    return "errors.badRequest";
  }
  if (isUnsafeText(decodedPath)) return "errors.unsafeText";
  if (q !== -1) {
    for (const [k, v] of new URLSearchParams(url.slice(q + 1))) if (isUnsafeText(k) || isUnsafeText(v)) return "errors.unsafeText";
  }
  return null;
}

const isApi = (req: Request) => req.path.startsWith("/api/");

function localeOf(req: Request): Locale {
  // The API speaks the Accept-Language of its client; pages follow the site's language cookie first.
  return isApi(req) ? detectLocale(undefined, req.get("accept-language") ?? null) : requestLocale(req.headers);
}

const API_CODES: Record<number, string> = { 400: "bad_request", 411: "length_required", 413: "payload_too_large", 500: "internal_error", 503: "unavailable" };

export function refuse(req: Request, res: Response, status: number, key: string) {
  const t = getT(localeOf(req));
  const message = t(key);
  res.status(status).set({ "Cache-Control": "no-store", ...retryAfterHeaders(status) });
  if (isApi(req)) return res.json({ error: { code: API_CODES[status] ?? "error", message, fields: {} } });
  if ("_data" in req.query) return res.json({ message });
  res.type("html").send(errorPage(t("errors.title"), message, t("errors.backHome"), localeOf(req)));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The refusal as a small page of its own: these requests never reach Remix to get the layout. */
function errorPage(title: string, message: string, back: string, lang: Locale) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · 要素</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f6f8fb;color:#1c2733}main{max-width:32rem;margin:15vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002}a{color:#1d5fbf}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">${escapeHtml(back)}</a></p></main></body></html>`;
}
