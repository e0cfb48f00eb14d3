import { z } from "zod";

/**
 * The field shapes every schema is built from, with i18n keys as messages (see app/i18n `v.*`),
 * so a rule such as "trimmed, required, at most N characters" is written once.
 */
export const requiredText = (min: number, max: number) =>
  z
    .string({ required_error: "v.required", invalid_type_error: "v.invalid" })
    .trim()
    .min(1, "v.required")
    .min(min, `v.tooShort.${min}`)
    .max(max, `v.tooLong.${max}`);

/** Empty, missing and null all mean "not given" (null). */
export const optionalText = (max: number) =>
  z
    .string({ invalid_type_error: "v.invalid" })
    .trim()
    .max(max, `v.tooLong.${max}`)
    .nullish()
    .transform((v) => (v ? v : null));

export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values as unknown as [T[number], ...T[number][]], { errorMap: () => ({ message: "v.choose" }) });

/*
 * Query-string filters: a value that is not understood is dropped rather than refused, so a stale
 * or hand-edited link still shows a page.
 */
export const searchText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .catch(undefined)
  .transform((v) => v || undefined);
export const filterChoice = <T extends readonly [string, ...string[]]>(values: T) => choice(values).optional().catch(undefined);
export const pageNumber = (max: number) => z.coerce.number().int().min(1).max(max).catch(1);

/** A set of choices (duplicates dropped); `min` 1 means at least one must be picked. */
export const choices = <T extends readonly [string, ...string[]]>(values: T, max: number, min = 1) =>
  z
    .array(choice(values), { required_error: "v.chooseSome", invalid_type_error: "v.invalid" })
    .min(min, "v.chooseSome")
    .max(max, `v.tooMany.${max}`)
    .transform((v) => [...new Set(v)]);

/** A non-negative number from a form string or JSON number; empty means null. */
export const nonNegativeNumber = (max: number) =>
  z
    .union([z.number(), z.string().trim()], { invalid_type_error: "v.number" })
    .nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined || v === "") return null;
      const n = typeof v === "number" ? v : Number(v);
      if (!Number.isFinite(n) || n < 0 || n > max) {
        ctx.addIssue({ code: "custom", message: "v.number" });
        return z.NEVER;
      }
      return n;
    });

export type FieldErrors = Record<string, string[]>;

/** zod issues -> { field: [i18n keys] } */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_form";
    (out[field] ??= []).push(issue.message);
  }
  return out;
}

/** FormData -> plain object; absent fields stay absent so zod reports "required". */
export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
  return out;
}
