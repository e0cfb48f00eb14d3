import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ZodIssue, ZodTypeAny, input } from "zod";
import { translateKey } from "~/i18n";
import type { Translate } from "~/i18n/translator";
import { useTranslation } from "~/i18n/use-translation";

/*
 * The form adapter for Conform (DESIGN.md): one zod schema per form, parsed in the browser by
 * useSchemaForm and on the server by handleSubmission (conform.server.ts), both through
 * parseWithZod. Schemas carry i18n keys as messages ("v.required", "v.tooLong.80"); zodMessages
 * turns them into the reader's language on either side, so the two always say the same thing.
 */

/** zod issues -> the messages Conform shows, in the reader's language. */
export const zodMessages =
  (t: Translate) =>
  (issues: ZodIssue[]): string[] =>
    issues.map((i) => translateKey(t, i.message));

/** What an action answers a Conform form with (a refusal, or a success the page may announce). */
export type FormReply = SubmissionResult<string[]>;

/**
 * A Conform form checked in the browser with its action's schema: errors show after the first
 * submit and follow what is typed; the server checks again and its answer (`lastResult`) wins.
 */
export function useSchemaForm<S extends ZodTypeAny>(
  schema: S,
  lastResult: FormReply | null | undefined,
  options: { id?: string; defaultValue?: Partial<input<S>> } = {},
) {
  const { t } = useTranslation();
  return useForm<input<S> & Record<string, unknown>>({
    id: options.id,
    lastResult,
    defaultValue: options.defaultValue as never,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema, formatError: zodMessages(t) }) as never,
  });
}
