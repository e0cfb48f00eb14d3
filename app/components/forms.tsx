import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { MULTI_SEPARATOR, type FormFailure } from "~/lib/form-failure";

/**
 * What fields read their values and errors from: an action's answer (a refusal, or any success that
 * says `ok: true`), or nothing yet.
 */
export type FieldSource = FormFailure | { ok: true } | null | undefined;

/** The action's refusal, when that is what the answer is. */
export const formRefusal = (data: FieldSource): FormFailure | null => (data && data.ok === false ? data : null);

/**
 * The refusal when it is about the form these values pick out (its intent, its item's id), else
 * undefined: on a page of several forms, each shows only its own.
 */
export function refusalOf(data: FieldSource, about: Record<string, string>): FormFailure | undefined {
  const r = formRefusal(data);
  return r && Object.entries(about).every(([name, value]) => r.values[name] === value) ? r : undefined;
}

/** A multi-valued field (a checkbox group) as the refused form had it, else the fallback. */
export function fieldValues(data: FieldSource, name: string, fallback: string[] = []): string[] {
  const r = formRefusal(data);
  return r ? (r.values[name] ?? "").split(MULTI_SEPARATOR).filter(Boolean) : fallback;
}

export function fieldValue(data: FieldSource, name: string): string | undefined {
  return formRefusal(data)?.values[name];
}

export function fieldError(data: FieldSource, name: string): string | undefined {
  return formRefusal(data)?.fieldErrors[name];
}

export function FormError({ data }: { data: FieldSource }) {
  const d = formRefusal(data);
  if (!d?.formError) return null;
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
  data: FieldSource;
  /** Tells apart the ids of same-named fields when a page holds one form per item (a review queue). */
  scope?: string;
}

const fieldKey = (name: string, scope?: string) => (scope ? `${scope}-${name}` : name);

function Shell({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={`f-${id}`}>{label}</label>
      {children}
      {hint ? (
        <small id={`h-${id}`} className="hint">
          {hint}
        </small>
      ) : null}
      <ErrorText id={`e-${id}`} error={error} />
    </div>
  );
}

function describedBy(name: string, hint?: string, error?: string) {
  return [hint ? `h-${name}` : "", error ? `e-${name}` : ""].filter(Boolean).join(" ") || undefined;
}

export function TextField({ name, label, hint, data, scope, defaultValue, ...rest }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const error = fieldError(data, name);
  const id = fieldKey(name, scope);
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <input
        id={`f-${id}`}
        name={name}
        defaultValue={rest.type === "password" ? undefined : (fieldValue(data, name) ?? defaultValue)}
        aria-invalid={!!error}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </Shell>
  );
}

export function TextArea({ name, label, hint, data, scope, defaultValue, ...rest }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const error = fieldError(data, name);
  const id = fieldKey(name, scope);
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <textarea
        id={`f-${id}`}
        name={name}
        defaultValue={fieldValue(data, name) ?? defaultValue}
        aria-invalid={!!error}
        aria-describedby={describedBy(id, hint, error)}
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
  scope,
  defaultValue,
  ...rest
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder?: string }) {
  const error = fieldError(data, name);
  const id = fieldKey(name, scope);
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <select
        id={`f-${id}`}
        name={name}
        defaultValue={fieldValue(data, name) ?? defaultValue ?? ""}
        aria-invalid={!!error}
        aria-describedby={describedBy(id, hint, error)}
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

/** A field's error under it, announced when it appears; nothing without one. */
export function ErrorText({ id, error }: { id?: string; error?: string }) {
  if (!error) return null;
  return (
    <small id={id} className="field-error" role="alert">
      {error}
    </small>
  );
}

/** The error of a field drawn inline, without the usual shell; the field names it in aria-describedby. */
export function InlineFieldError({ data, name, id }: { data: FieldSource; name: string; id: string }) {
  return <ErrorText id={id} error={fieldError(data, name)} />;
}

/** A field that picks several of a list: its options, which are picked, and where its error comes from. */
export interface ChoicesProps {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  selected: string[];
  data: FieldSource;
}

/** A checkbox group for any vocabulary, with its error. */
export function Checks({ name, label, options, selected, data }: ChoicesProps) {
  const error = fieldError(data, name);
  return (
    <fieldset className={error ? "checks field-invalid" : "checks"}>
      <legend>{label}</legend>
      <div className="check-grid">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} /> {o.label}
          </label>
        ))}
      </div>
      <ErrorText error={error} />
    </fieldset>
  );
}
