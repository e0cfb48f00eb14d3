import { json, type AppLoadContext } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import type { z, ZodTypeAny } from "zod";
import { getT, translateKey } from "~/i18n";
import { isDatabaseUnavailable, isDomainError, retryAfterHeaders } from "~/models/core/errors";
import { readFormData } from "./http.server";
import { zodMessages, type FormReply } from "./conform";

/** Never sent back to refill a form. */
const SECRET_FIELDS = ["password"];

/**
 * The one path for Conform form actions, the server half of useSchemaForm: read the form, parse it
 * with the same schema and parseWithZod, run the model call, and answer refusals (zod or domain)
 * as Conform's reply with a 4xx status and messages in the user's language; the form keeps what
 * was typed (never a password).
 */
export async function handleSubmission<S extends ZodTypeAny>(
  ctx: AppLoadContext,
  request: Request,
  schema: S,
  /** `form` is the request's form, for what the schema does not carry (uploaded files). */
  run: (data: z.output<S>, form: FormData) => Promise<Response>,
): Promise<Response> {
  const t = getT(ctx.locale);
  const form = await readFormData(ctx, request);
  if (!form) return json<FormReply>({ status: "error", error: { "": [translateKey(t, "v.invalid")] } }, { status: 400 });
  const submission = parseWithZod(form, { schema, formatError: zodMessages(t) });
  if (submission.status !== "success") {
    return json<FormReply>(submission.reply({ hideFields: SECRET_FIELDS }), { status: submission.status === "error" ? 400 : 200 });
  }
  try {
    return await run(submission.value, form);
  } catch (e) {
    if (isDomainError(e)) {
      const fieldErrors = Object.fromEntries(Object.entries(e.fieldErrors).map(([field, keys]) => [field, keys.map((k) => translateKey(t, k, e.params))]));
      const formErrors = [translateKey(t, e.messageKey, e.params)];
      return json<FormReply>(submission.reply({ formErrors, fieldErrors, hideFields: SECRET_FIELDS }), {
        status: e.status,
        headers: retryAfterHeaders(e.status, e.params),
      });
    }
    // Nothing was committed (the write failed with the connection): the form keeps what was typed.
    if (isDatabaseUnavailable(e)) {
      return json<FormReply>(submission.reply({ formErrors: [translateKey(t, "errors.unavailable")], hideFields: SECRET_FIELDS }), {
        status: 503,
        headers: retryAfterHeaders(503),
      });
    }
    throw e;
  }
}
