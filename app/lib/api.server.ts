import { json } from "@remix-run/node";
import type { Db } from "../../db/index";
import { detectLocale, getT, translateKey, type Locale } from "~/i18n";
import { authenticateApiKey } from "~/models/accounts/api-keys.server";
import { isDatabaseUnavailable, isDomainError, retryAfterHeaders } from "~/models/core/errors";
import { logError } from "~/models/core/log.server";
import { claimIdempotencyKey, parseIdempotencyKey, requestHash, storeIdempotentAnswer } from "~/models/accounts/idempotency.server";
import { joinedTransaction } from "../../db/joined-transaction";
import type { Actor } from "~/models/core/permissions";
import { MAX_BODY_BYTES, findInputProblem } from "~/models/core/input-rules";
import type { FieldErrors } from "~/models/core/zod-fields";

/**
 * The JSON API's plumbing: key authentication from the Authorization header (never cookies),
 * bounded body reading, and one error shape for every refusal:
 * { "error": { "code", "message" (in the Accept-Language language), "fields": { field: message } } }.
 */

/** Past the limit we keep reading and discarding up to this much, so the client gets its 413 instead of a reset. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

const CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/** A refusal the API itself raises (statuses DomainError does not carry, and specific codes). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
    readonly fields: FieldErrors = {},
    readonly code: string = CODES[status] ?? "error",
    readonly headers: Record<string, string> = {},
  ) {
    super(messageKey);
    this.name = "ApiFailure";
  }
}

/** API clients choose their language with Accept-Language only: the site's language cookie is not theirs. */
export function apiLocale(request: Request): Locale {
  return detectLocale(undefined, request.headers.get("accept-language"));
}

export function apiJson(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return json(data, { status: init.status ?? 200, headers: { "Cache-Control": "no-store", ...init.headers } });
}

export function apiError(
  locale: Locale,
  status: number,
  key: string,
  options: { fields?: FieldErrors; params?: Record<string, unknown>; code?: string; headers?: Record<string, string> } = {},
): Response {
  const t = getT(locale);
  const fields: Record<string, string> = {};
  for (const [field, keys] of Object.entries(options.fields ?? {})) fields[field] = translateKey(t, keys[0], options.params);
  const headers: Record<string, string> = { ...retryAfterHeaders(status, options.params), ...options.headers };
  if (status === 401) headers["WWW-Authenticate"] = 'Bearer realm="yaosu"';
  return apiJson({ error: { code: options.code ?? CODES[status] ?? "error", message: translateKey(t, key, options.params), fields } }, { status, headers });
}

/** Runs an endpoint and turns every expected refusal into the JSON error shape. */
export async function apiHandle(request: Request, run: () => Promise<Response>): Promise<Response> {
  const locale = apiLocale(request);
  try {
    return await run();
  } catch (e) {
    if (e instanceof ApiFailure) return apiError(locale, e.status, e.messageKey, { fields: e.fields, code: e.code, headers: e.headers });
    if (isDomainError(e)) {
      const code = e.status === 400 && Object.keys(e.fieldErrors).length ? "validation_failed" : undefined;
      return apiError(locale, e.status, e.messageKey, { fields: e.fieldErrors, params: e.params, code });
    }
    // Anything else is ours, not the client's: logged without parameters, answered in the API's shape.
    logError(`${request.method} ${new URL(request.url).pathname}`, e);
    if (isDatabaseUnavailable(e)) return apiError(locale, 503, "errors.unavailable", { code: "unavailable" });
    return apiError(locale, 500, "errors.generic", { code: "internal_error" });
  }
}

export function methodNotAllowed(allow: string): never {
  throw new ApiFailure(405, "api.methodNotAllowed", {}, "method_not_allowed", { Allow: allow });
}

/** The key from `Authorization: Bearer yk_...`; null when the header is absent. */
function bearerKey(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header === null) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new ApiFailure(401, "api.keyInvalid");
  return m[1];
}

/** Reads may go without a key (public data); a key that is sent must be valid. */
export async function optionalApiActor(db: Db, request: Request): Promise<Actor | null> {
  const key = bearerKey(request);
  return key === null ? null : authenticateApiKey(db, key);
}

export async function requireApiActor(db: Db, request: Request): Promise<Actor> {
  return authenticateApiKey(db, bearerKey(request));
}

async function readLimited(request: Request): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > DRAIN_LIMIT_BYTES) {
      await reader.cancel().catch(() => {});
      break;
    }
    if (size <= MAX_BODY_BYTES) chunks.push(value);
  }
  if (size > MAX_BODY_BYTES) throw new ApiFailure(413, "api.tooLarge");
  return Buffer.concat(chunks);
}

/**
 * The request body as a JSON object: 415 unless sent as JSON, 413 over 1 MB, 400 for anything that
 * is not a JSON object or holds text the database cannot store (NUL, lone surrogates) or nests
 * deeper than any of our shapes.
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && !/^application\/[\w.+-]+\+json$/.test(type)) {
    throw new ApiFailure(415, "api.unsupportedMediaType");
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) throw new ApiFailure(413, "api.tooLarge");
  const bytes = await readLimited(request);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new ApiFailure(400, "api.invalidJson", {}, "invalid_json");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ApiFailure(400, "api.bodyObject", {}, "invalid_json");
  const problem = findInputProblem(value);
  if (problem === "unsafeText") throw new ApiFailure(400, "errors.unsafeText", {}, "unsafe_text");
  if (problem === "tooDeep") throw new ApiFailure(400, "api.bodyObject", {}, "invalid_json");
  return value as Record<string, unknown>;
}

/**
 * Runs an API write under its Idempotency-Key, if the client sent one: a retry of the same request
 * gets the stored answer (`Idempotent-Replayed: true`) instead of writing twice. The claim, the
 * write (`run` gets the transaction as its db; models' own transactions join it) and the answer
 * commit together or not at all.
 */
export async function idempotentWrite(db: Db, request: Request, actor: Actor, body: unknown, run: (db: Db) => Promise<Response>): Promise<Response> {
  const key = parseIdempotencyKey(request.headers.get("idempotency-key"));
  if (!key || !actor.apiKeyId || !actor.org) return run(db);
  const { apiKeyId, org } = actor;
  const hash = requestHash(request.method, new URL(request.url).pathname, body);
  return db.transaction().execute(async (trx) => {
    const stored = await claimIdempotencyKey(trx, apiKeyId, org.id, key, hash);
    if (stored) return apiJson(JSON.parse(stored.body), { status: stored.status, headers: { "Idempotent-Replayed": "true" } });
    const res = await run(joinedTransaction(trx));
    await storeIdempotentAnswer(trx, org.id, key, { status: res.status, body: await res.clone().text() });
    return res;
  });
}
