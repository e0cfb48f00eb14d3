import { useState, type FormEvent } from "react";
import type { ZodTypeAny } from "zod";
import { translateKey } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formToObject, toFieldErrors } from "~/models/core/zod-fields";
import { formValues, type FormFailure } from "./form-failure";

/**
 * Checks a form in the browser with the same zod schema its action uses, so a mistake shows at once,
 * next to its field and in the page's language, instead of after a round trip (and never as the
 * browser's own bubble: forms are noValidate). The server checks again; its answer wins when it comes.
 * `failure` has the shape of the action's refusal, so fields render both alike.
 */
export function useClientCheck(schema: ZodTypeAny, toInput: (form: FormData) => unknown = formToObject) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // The button pressed is part of what is sent (a review's approve or reject), so it is part of what is checked.
    const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    const result = schema.safeParse(toInput(form));
    if (result.success) {
      setFailure(null);
      return;
    }
    event.preventDefault();
    const errors = toFieldErrors(result.error);
    const fieldErrors = Object.fromEntries(Object.entries(errors).map(([field, keys]) => [field, translateKey(t, keys[0])]));
    const values = formValues(form);
    delete values.password;
    setFailure({ ok: false, formError: fieldErrors._form ?? t("errors.fixBelow"), fieldErrors, values });
    // The first field in error takes the focus, as a screen reader user would want.
    const first = Object.keys(errors)[0]?.split(".")[0];
    if (first) event.currentTarget.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)?.focus();
  }
  /** What the fields show: this check's refusal, else the action's answer. */
  const shown = <T>(actionData: T): T | FormFailure => failure ?? actionData;
  return { onSubmit, shown };
}
