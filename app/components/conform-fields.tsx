import type { ReactNode } from "react";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { ErrorText } from "./forms";

/*
 * Fields of Conform forms (app/lib/conform.ts) in the markup and classes of the project's other
 * forms (components/forms.tsx): the same label, hint and error lines, so both look alike.
 */

// Any form's and field's metadata: these components read only ids, names, errors and initial values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyForm = FormMetadata<any, string[]>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, string[]>;

/** A post form run by Conform; the form's own refusal on top (or "fix the fields below"). */
export function ConformForm({
  form,
  children,
  className,
  action,
  encType,
}: {
  form: AnyForm;
  children: ReactNode;
  className?: string;
  action?: string;
  encType?: "multipart/form-data";
}) {
  const { t } = useTranslation();
  const fieldErrors = Object.entries(form.allErrors).some(([name, errors]) => name !== form.name && errors.length > 0);
  const message = form.errors?.[0] ?? (fieldErrors ? t("errors.fixBelow") : null);
  return (
    <Form method="post" action={action} encType={encType} className={className} {...getFormProps(form)}>
      {message ? (
        <div className="alert alert-error" role="alert" id={form.errorId}>
          {message}
        </div>
      ) : null}
      {children}
    </Form>
  );
}

function Shell({ field, label, hint, id, children }: { field: Field; label: string; hint?: string; id?: string; children: ReactNode }) {
  const error = field.errors?.[0];
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id ?? field.id}>{label}</label>
      {children}
      {hint ? (
        <small id={field.descriptionId} className="hint">
          {hint}
        </small>
      ) : null}
      <ErrorText id={field.errorId} error={error} />
    </div>
  );
}

export function ConformInput({
  field,
  label,
  hint,
  type = "text",
  id,
  ...rest
}: {
  field: Field;
  label: string;
  hint?: string;
  /** The element id, where pages and browser tests already name the field by one (`f-email`); Conform's own otherwise. */
  id?: string;
  autoComplete?: string;
  type?: "text" | "number" | "email" | "url" | "datetime-local";
  inputMode?: "numeric" | "decimal";
  step?: string;
  min?: number;
  max?: number;
  maxLength?: number;
}) {
  const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: hint ? field.descriptionId : undefined });
  return (
    <Shell field={field} label={label} hint={hint} id={id}>
      <input key={key} {...props} {...rest} id={id ?? props.id} />
    </Shell>
  );
}

export function ConformTextArea({
  field,
  label,
  hint,
  rows,
  maxLength,
  className,
}: {
  field: Field;
  label: string;
  hint?: string;
  rows?: number;
  maxLength?: number;
  className?: string;
}) {
  const { key, ...props } = getTextareaProps(field, { ariaDescribedBy: hint ? field.descriptionId : undefined });
  return (
    <Shell field={field} label={label} hint={hint}>
      <textarea key={key} {...props} rows={rows} maxLength={maxLength} className={className} />
    </Shell>
  );
}

export function ConformSelect({
  field,
  label,
  hint,
  options,
  placeholder,
}: {
  field: Field;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const { key, ...props } = getSelectProps(field, { ariaDescribedBy: hint ? field.descriptionId : undefined });
  return (
    <Shell field={field} label={label} hint={hint}>
      <select key={key} {...props}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

/** A value the form carries but the reader does not edit (the target of a report, the report decided). */
export function ConformHidden({ field, value }: { field: Field; value: string }) {
  const { key, ...props } = getInputProps(field, { type: "hidden", value: false });
  return <input key={key} {...props} value={value} />;
}
