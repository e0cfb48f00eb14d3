/** What an action returns when it refuses input: translated messages and the values to refill the form. */
export interface FormFailure {
  ok: false;
  formError: string | null;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

/** Fields with several values (checkbox groups) come back to the form joined by this character. */
export const MULTI_SEPARATOR = "\u001f";

/** A form's text fields as the failure's `values`: several values of one name joined by MULTI_SEPARATOR. */
export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(form.keys())) {
    out[key] = form
      .getAll(key)
      .filter((v): v is string => typeof v === "string")
      .join(MULTI_SEPARATOR);
  }
  return out;
}
