import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { FormFailure } from "~/lib/form-failure";

/** Action data from handleForm: field errors and the values the user typed. */
export type ActionFailure = FormFailure | undefined;

export function fieldValue(data: unknown, name: string): string | undefined {
  const d = data as FormFailure | undefined;
  return d && d.ok === false ? d.values[name] : undefined;
}

export function fieldError(data: unknown, name: string): string | undefined {
  const d = data as FormFailure | undefined;
  return d && d.ok === false ? d.fieldErrors[name] : undefined;
}

export function FormError({ data }: { data: unknown }) {
  const d = data as FormFailure | undefined;
  if (!d || d.ok !== false || !d.formError) return null;
  return (
    <div className="alert alert-error" role="alert">
      {d.formError}
    </div>
  );
}

interface FieldShell {
  name: string;
  label: string;
  hint?: string;
  data: unknown;
}

function Shell({ name, label, hint, error, children }: { name: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={`f-${name}`}>{label}</label>
      {children}
      {hint ? (
        <small id={`h-${name}`} className="hint">
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={`e-${name}`} className="field-error" role="alert">
          {error}
        </small>
      ) : null}
    </div>
  );
}

function describedBy(name: string, hint?: string, error?: string) {
  return [hint ? `h-${name}` : "", error ? `e-${name}` : ""].filter(Boolean).join(" ") || undefined;
}

export function TextField({ name, label, hint, data, defaultValue, ...rest }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const error = fieldError(data, name);
  return (
    <Shell name={name} label={label} hint={hint} error={error}>
      <input
        id={`f-${name}`}
        name={name}
        defaultValue={rest.type === "password" ? undefined : (fieldValue(data, name) ?? defaultValue)}
        aria-invalid={!!error}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
      />
    </Shell>
  );
}

export function TextArea({ name, label, hint, data, defaultValue, ...rest }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const error = fieldError(data, name);
  return (
    <Shell name={name} label={label} hint={hint} error={error}>
      <textarea
        id={`f-${name}`}
        name={name}
        defaultValue={fieldValue(data, name) ?? defaultValue}
        aria-invalid={!!error}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
      />
    </Shell>
  );
}

export function SelectField({
  name,
  label,
  hint,
  data,
  options,
  placeholder,
  defaultValue,
  ...rest
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder?: string }) {
  const error = fieldError(data, name);
  return (
    <Shell name={name} label={label} hint={hint} error={error}>
      <select
        id={`f-${name}`}
        name={name}
        defaultValue={fieldValue(data, name) ?? defaultValue ?? ""}
        aria-invalid={!!error}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
      >
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
