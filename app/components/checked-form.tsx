import type { ReactNode } from "react";
import type { ZodTypeAny } from "zod";
import { Form, type FormProps } from "@remix-run/react";
import { useClientCheck } from "~/lib/client-check";
import { FormError, type FieldSource } from "./forms";

type CheckedFormProps = Omit<FormProps, "children" | "onSubmit" | "noValidate"> & {
  /** The schema the action parses this form with. */
  schema: ZodTypeAny;
  toInput?: (form: FormData) => unknown;
  /** The action's answer when it was about this form, else undefined. */
  answer: FieldSource;
  /** Renders the fields from what they show: this form's refusal in the browser, else the action's answer. */
  children: (shown: FieldSource) => ReactNode;
};

/**
 * A post form checked in the browser with its action's own schema before anything is sent, with its
 * refusal on top. For pages holding several forms (one per comment, per card), each keeps its own.
 */
export function CheckedForm({ schema, toInput, answer, children, ...props }: CheckedFormProps) {
  const check = useClientCheck(schema, toInput);
  const shown = check.shown(answer);
  return (
    <Form method="post" {...props} noValidate onSubmit={check.onSubmit}>
      <FormError data={shown} />
      {children(shown)}
    </Form>
  );
}
