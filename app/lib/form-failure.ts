/** What an action returns when it refuses input: translated messages and the values to refill the form. */
export interface FormFailure {
  ok: false;
  formError: string | null;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

/** Fields with several values (checkbox groups) come back to the form joined by this character. */
export const MULTI_SEPARATOR = "\u001f";
