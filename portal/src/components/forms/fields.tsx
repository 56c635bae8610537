"use client";

import { type ReactNode, useId } from "react";
import { useFormStatus } from "react-dom";
import { useFormState } from "./action-form";

interface BaseProps {
  name: string;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  defaultValue?: string;
}

function useField(name: string, defaultValue?: string) {
  const state = useFormState();
  const id = useId();
  const error = state.fieldErrors[name];
  const value = state.values[name] ?? defaultValue ?? "";
  return { id, error, value, errorId: `${id}-error`, hintId: `${id}-hint` };
}

function describedBy(error: string | undefined, hint: ReactNode, ids: { errorId: string; hintId: string }) {
  return [hint ? ids.hintId : null, error ? ids.errorId : null].filter(Boolean).join(" ") || undefined;
}

function FieldFooter({
  error,
  hint,
  ids,
}: {
  error?: string;
  hint?: ReactNode;
  ids: { errorId: string; hintId: string };
}) {
  return (
    <>
      {hint ? (
        <span className="hint" id={ids.hintId}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={ids.errorId}>
          {error}
        </span>
      ) : null}
    </>
  );
}

interface TextFieldProps extends BaseProps {
  type?: "text" | "password" | "email" | "number" | "url" | "color" | "date" | "time";
  autoComplete?: string;
  placeholder?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  autoFocus?: boolean;
}

export function TextField({ name, label, hint, required, defaultValue, type = "text", ...input }: TextFieldProps) {
  const { id, error, value, ...ids } = useField(name, type === "password" ? undefined : defaultValue);
  return (
    <div className="field" data-invalid={error ? "true" : undefined}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        key={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error, hint, ids)}
        {...input}
      />
      <FieldFooter error={error} hint={hint} ids={ids} />
    </div>
  );
}

/** Multi-line input with the same label, hint and API error placement as TextField. */
export function TextAreaField({
  name,
  label,
  hint,
  required,
  defaultValue,
  rows = 3,
  placeholder,
}: BaseProps & { rows?: number; placeholder?: string }) {
  const { id, error, value, ...ids } = useField(name, defaultValue);
  return (
    <div className="field" data-invalid={error ? "true" : undefined}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        placeholder={placeholder}
        defaultValue={value}
        key={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error, hint, ids)}
      />
      <FieldFooter error={error} hint={hint} ids={ids} />
    </div>
  );
}

interface SelectFieldProps extends BaseProps {
  options: { value: string; label: string }[];
}

export function SelectField({ name, label, hint, required, defaultValue, options }: SelectFieldProps) {
  const { id, error, value, ...ids } = useField(name, defaultValue);
  return (
    <div className="field" data-invalid={error ? "true" : undefined}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={value}
        key={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error, hint, ids)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldFooter error={error} hint={hint} ids={ids} />
    </div>
  );
}

interface CheckboxGroupProps {
  name: string;
  legend: string;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  defaultChecked?: string[];
}

export function CheckboxGroup({ name, legend, hint, options, defaultChecked = [] }: CheckboxGroupProps) {
  const { error, ...ids } = useField(name);
  const state = useFormState();
  const checked = state.values[name] !== undefined ? state.values[name].split(",") : defaultChecked;
  return (
    <fieldset
      className="field"
      data-invalid={error ? "true" : undefined}
      aria-describedby={describedBy(error, hint, ids)}
    >
      <legend>{legend}</legend>
      <div className="checks">
        {options.map((option) => (
          <label className="check" key={option.value}>
            <input type="checkbox" name={name} value={option.value} defaultChecked={checked.includes(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
      <FieldFooter error={error} hint={hint} ids={ids} />
    </fieldset>
  );
}

export function Checkbox({ name, label, defaultChecked }: { name: string; label: string; defaultChecked?: boolean }) {
  const state = useFormState();
  const checked = state.values[name] !== undefined ? state.values[name] === "on" : Boolean(defaultChecked);
  return (
    <label className="check">
      <input type="checkbox" name={name} defaultChecked={checked} key={String(checked)} />
      {label}
    </label>
  );
}

export function SubmitButton({
  children,
  variant = "primary",
}: {
  children: ReactNode;
  variant?: "primary" | "danger";
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={`btn btn-${variant}`} disabled={pending} aria-busy={pending}>
      {pending ? "Working…" : children}
    </button>
  );
}
