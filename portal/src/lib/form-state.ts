import type { MutationOutcome } from "./api/server-api";

/** What every server action returns to its form. */
export interface FormState {
  status: "idle" | "error" | "success";
  message: string | null;
  fieldErrors: Record<string, string>;
  /** Submitted values (never passwords), so the form keeps what the user typed after an error. */
  values: Record<string, string>;
  /** Data to show once, e.g. a new API key's secret. */
  result?: Record<string, string>;
}

export const initialFormState: FormState = { status: "idle", message: null, fieldErrors: {}, values: {} };

const NEVER_ECHOED = /password|secret|ticket|^code$/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$") || NEVER_ECHOED.test(key)) continue;
    values[key] = values[key] ? `${values[key]},${value}` : value;
  }
  return values;
}

export function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** Empty inputs mean "not set" for optional API fields. */
export function optionalText(formData: FormData, name: string): string | null {
  return text(formData, name) || null;
}

export function optionalInt(formData: FormData, name: string): number | null {
  const value = text(formData, name);
  return value === "" ? null : Number(value);
}

export function invalid(formData: FormData, fieldErrors: Record<string, string>): FormState {
  return { status: "error", message: "Some fields need attention.", fieldErrors, values: formValues(formData) };
}

export function failure(formData: FormData, outcome: Extract<MutationOutcome<unknown>, { ok: false }>): FormState {
  return { status: "error", message: outcome.message, fieldErrors: outcome.fieldErrors, values: formValues(formData) };
}

export function success(message: string, result?: Record<string, string>): FormState {
  return { status: "success", message, fieldErrors: {}, values: {}, result };
}

/** Local checks mirror the API's rules for instant feedback; the API stays the authority. */
export function requireFields(formData: FormData, labels: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [name, label] of Object.entries(labels)) {
    if (!text(formData, name)) errors[name] = `${label} is required.`;
  }
  return errors;
}
