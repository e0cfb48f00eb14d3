import { json, redirect, type AppLoadContext } from "@remix-run/node";
import type { z, ZodTypeAny } from "zod";
import { getT, translateKey } from "~/i18n";
import { isDatabaseUnavailable, isDomainError, retryAfterHeaders, type DomainError } from "~/models/core/errors";
import { formToObject, toFieldErrors, type FieldErrors } from "~/models/core/zod-fields";
import { requireUser, type Actor } from "~/models/core/permissions";

import { isUnsafeText } from "~/models/core/input-rules";
import { uuidParam } from "~/models/core/params";
import { type FormFailure } from "./form-failure";

export { formValues } from "./form-failure";

const SECRET_FIELDS = new Set(["password"]);

/** A refusal's params fill its field messages too ("at most {{max}} images" under the file input). */
function translateFields(ctx: AppLoadContext, errors: FieldErrors, params?: Record<string, unknown>): Record<string, string> {
  const t = getT(ctx.locale);
  const out: Record<string, string> = {};
  for (const [field, keys] of Object.entries(errors)) out[field] = translateKey(t, keys[0], params);
  return out;
}

function keepValues(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!SECRET_FIELDS.has(k)) out[k] = v.slice(0, 5000);
  return out;
}

export function failure(
  ctx: AppLoadContext,
  status: number,
  values: Record<string, string>,
  errors: FieldErrors,
  formKey?: string,
  params?: Record<string, unknown>,
) {
  const t = getT(ctx.locale);
  const fieldErrors = translateFields(ctx, errors, params);
  // A refusal that names its field is said there; above the form it only points down (it showed twice).
  const saidAtField = !!formKey && Object.values(errors).some((keys) => ([] as string[]).concat(keys).includes(formKey));
  const formError = formKey && !saidAtField ? translateKey(t, formKey, params) : Object.keys(fieldErrors).length ? t("errors.fixBelow") : null;
  return json<FormFailure>(
    { ok: false, formError: fieldErrors._form ?? formError, fieldErrors, values: keepValues(values) },
    { status, headers: retryAfterHeaders(status, params) },
  );
}

/**
 * The request's form, or null when the body is not a form. Text the database cannot store (NUL,
 * lone surrogates) ends the request here with a 400 in the user's language, before any model.
 */
export async function readFormData(ctx: AppLoadContext, request: Request): Promise<FormData | null> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return null;
  }
  for (const [k, v] of form.entries()) {
    if (isUnsafeText(k) || (typeof v === "string" && isUnsafeText(v))) {
      throw json({ message: translateKey(getT(ctx.locale), "errors.unsafeText") }, { status: 400 });
    }
  }
  return form;
}

/** The bytes of the files a multipart form sent under `name` (an empty file input sends none). */
export async function uploadedFiles(form: FormData, name: string): Promise<Uint8Array[]> {
  const files = form.getAll(name).filter((v): v is File => typeof v !== "string" && v.size > 0);
  return Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
}

async function readForm(ctx: AppLoadContext, request: Request): Promise<Record<string, string> | null> {
  const form = await readFormData(ctx, request);
  return form && formToObject(form);
}

/**
 * The one path for form actions: read the form, validate with the action's zod schema, run the
 * model call, and turn refusals (zod or domain) into a 4xx with messages in the user's language.
 */
export async function handleForm<S extends ZodTypeAny>(
  ctx: AppLoadContext,
  request: Request,
  schema: S,
  run: (data: z.infer<S>, values: Record<string, string>) => Promise<Response>,
): Promise<Response> {
  const values = await readForm(ctx, request);
  if (!values) return failure(ctx, 400, {}, {}, "v.invalid");
  return handleValues(ctx, values, schema, run);
}

export async function handleValues<S extends ZodTypeAny>(
  ctx: AppLoadContext,
  values: Record<string, string>,
  schema: S,
  run: (data: z.infer<S>, values: Record<string, string>) => Promise<Response>,
): Promise<Response> {
  return handleInput(ctx, values, values, schema, run);
}

/** Like handleValues, for forms whose input is shaped first (checkbox groups, lines of fields). */
export async function handleInput<S extends ZodTypeAny>(
  ctx: AppLoadContext,
  input: unknown,
  values: Record<string, string>,
  schema: S,
  run: (data: z.infer<S>, values: Record<string, string>) => Promise<Response>,
): Promise<Response> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return failure(ctx, 400, values, toFieldErrors(parsed.error));
  try {
    return await run(parsed.data, values);
  } catch (e) {
    if (isDomainError(e)) return failure(ctx, e.status, values, e.fieldErrors, e.messageKey, e.params);
    // Nothing was committed (the write failed with the connection): the form keeps what was typed.
    if (isDatabaseUnavailable(e)) return failure(ctx, 503, values, {}, "errors.unavailable");
    throw e;
  }
}

/** For actions with several buttons: the intent picks the schema. */
export async function readIntent(ctx: AppLoadContext, request: Request): Promise<{ intent: string; values: Record<string, string> } | null> {
  const values = await readForm(ctx, request);
  if (!values) return null;
  return { intent: values.intent ?? "", values };
}

/** Loaders: turn a model's refusal into an HTTP error the ErrorBoundary shows in the user's language. */
export async function guard<T>(ctx: AppLoadContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isDomainError(e)) throw domainResponse(ctx, e);
    if (isDatabaseUnavailable(e)) throw unavailableResponse(ctx);
    throw e;
  }
}

/** The database is down or restarting: a retryable 503 in the user's language, never a 500. */
export function unavailableResponse(ctx: AppLoadContext): Response {
  return json({ message: translateKey(getT(ctx.locale), "errors.unavailable") }, { status: 503, headers: retryAfterHeaders(503) });
}

export function domainResponse(ctx: AppLoadContext, e: DomainError): Response {
  return json({ message: translateKey(getT(ctx.locale), e.messageKey, e.params) }, { status: e.status });
}

/** Where staff without two-factor sign-in set it up: the one page their session reaches. */
const ENROLMENT_PAGE = "/account/security";

/**
 * Staff signed in without two-factor (the gate in auth.server.ts made them `enrolling`) are sent to
 * set it up from every page but that one. The root loader calls this on every page, requireActor
 * on every action that needs an account; both only redirect, since the gate already took the actor.
 */
export function sendToEnrolment(ctx: AppLoadContext, request: Request): void {
  if (ctx.enrolling && new URL(request.url).pathname !== ENROLMENT_PAGE) throw redirect(`${ENROLMENT_PAGE}?required=1`);
}

/** Pages that need an account send visitors to sign in and come back. */
export function requireActor(ctx: AppLoadContext, request: Request): Actor {
  sendToEnrolment(ctx, request);
  // Past sendToEnrolment, an enrolling account is on the enrolment page: it may act there as itself.
  if (ctx.enrolling) return ctx.enrolling;
  const url = new URL(request.url);
  if (!ctx.actor) throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  return requireUser(ctx.actor);
}

const SELF = "http://yaosu.invalid";

/**
 * The one rule for every `next` and `returnTo`: resolve the target as a browser would against our
 * own origin and follow it only if it stays there. The result is the URL's own serialisation, so
 * tabs and line breaks are gone and non-ASCII text is percent-encoded (a valid Location header).
 *
 * Resolving removes dot segments, so `/.//evil.example` or `/a/..//x` comes out as `//evil.example`:
 * a path that now starts with `//` (or `/\`) is itself a link to another host once it is sent as
 * Location, so the resolved result is checked again, as the browser will read it.
 */
export function safeRedirect(to: string | null | undefined, fallback = "/home"): string {
  if (!to || !to.startsWith("/")) return fallback;
  const local = sameOriginPath(to);
  // What we send must resolve to itself: the browser reads the Location we write, not what we were given.
  return local !== null && sameOriginPath(local) === local ? local : fallback;
}

/** The target's path, query and fragment when it resolves on our own origin to a path no browser reads as another host. */
function sameOriginPath(target: string): string | null {
  let url: URL;
  try {
    url = new URL(target, `${SELF}/`);
  } catch {
    return null;
  }
  if (url.origin !== SELF || /^\/[/\\]/.test(url.pathname)) return null;
  return url.pathname + url.search + url.hash;
}

/** A page's uuid path parameter: a malformed one names no row, so the page is a 404 before any query. */
export function routeUuid(params: Record<string, string | undefined>, name: string): string {
  const parsed = uuidParam.safeParse(params[name]);
  if (!parsed.success) throw json({ message: null }, { status: 404 });
  return parsed.data;
}
