/** The error shape the Atrium API sends (see api/src/errors/format-error.ts). */
export interface ApiErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: {
    code?: string;
    field?: string;
    fields?: { field: string; messages: string[] }[];
    [key: string]: unknown;
  };
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** `input.admin.username` → `username`: forms name their inputs after the last segment of the API's field path. */
function fieldKey(path: string): string {
  const segments = path.split(".").filter(Boolean);
  return segments[segments.length - 1] ?? path;
}

/** Per-field messages from a BAD_USER_INPUT error, keyed by form field name. */
export function fieldErrorsOf(errors: ApiErrorShape[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const error of errors) {
    if (error.extensions?.code !== "BAD_USER_INPUT") continue;
    for (const entry of error.extensions.fields ?? []) {
      const key = fieldKey(entry.field);
      if (!result[key]) result[key] = entry.messages.map(sentence).join(" ");
    }
    if (error.extensions.field) {
      const key = fieldKey(error.extensions.field);
      if (!result[key]) result[key] = error.message;
    }
  }
  return result;
}

/** class-validator writes "username must be shorter than…"; the form shows it under the field, capitalised. */
function sentence(message: string): string {
  const trimmed = message.trim();
  const text = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Turns a GraphQL error list into one ApiError, keeping the first code and every field message. */
export function toApiError(errors: ApiErrorShape[]): ApiError {
  const first = errors[0];
  const code = first?.extensions?.code ?? "INTERNAL_SERVER_ERROR";
  const fields = fieldErrorsOf(errors);
  const message =
    code === "BAD_USER_INPUT" && Object.keys(fields).length > 0
      ? "Some fields need attention."
      : (first?.message ?? "The request failed");
  return new ApiError(code, message, fields);
}
