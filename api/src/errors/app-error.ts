import type { ErrorCode, ErrorReason } from "./error-vocabulary.js";

export type { ErrorCode, ErrorReason } from "./error-vocabulary.js";

/** What reaches the client in `extensions` next to the code; a reason only from the vocabulary. */
export interface ErrorDetails {
  reason?: ErrorReason;
  field?: string;
  [detail: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You are not allowed to do this") => new AppError("FORBIDDEN", message);
export const unauthenticated = (message = "Sign in to continue") => new AppError("UNAUTHENTICATED", message);
export const badInput = (message: string, field?: string) =>
  new AppError("BAD_USER_INPUT", message, field ? { field } : undefined);
export const conflict = (message: string) => new AppError("CONFLICT", message);
