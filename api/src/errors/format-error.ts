import type { GraphQLFormattedError } from "graphql";
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from "type-graphql";
import { QueryFailedError } from "typeorm";
import { AppError, type ErrorCode } from "./app-error.js";
import { isDatabaseUnreachable, unavailableMessage } from "./database-unreachable.js";
import { GRAPHQL_ERROR_CODES } from "./error-vocabulary.js";

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

export interface ErrorLogger {
  error(details: Record<string, unknown>, message: string): void;
}

const PASSTHROUGH_CODES = new Set<string>([...Object.keys(GRAPHQL_ERROR_CODES), "BAD_USER_INPUT"]);

function flattenValidation(failures: ValidationFailure[], prefix = ""): { field: string; messages: string[] }[] {
  return failures.flatMap((failure) => {
    const field = prefix ? `${prefix}.${failure.property}` : failure.property;
    const own = failure.constraints ? [{ field, messages: Object.values(failure.constraints) }] : [];
    return [...own, ...flattenValidation(failure.children ?? [], field)];
  });
}

function uniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; number?: number };
  return driverError.code === "23505" || driverError.number === 2627 || driverError.number === 2601;
}

function shape(code: ErrorCode, message: string, formatted: GraphQLFormattedError, extra = {}): GraphQLFormattedError {
  return { message, locations: formatted.locations, path: formatted.path, extensions: { code, ...extra } };
}

/**
 * Maps every error to the public vocabulary in one place. Anything we did not raise on purpose is masked:
 * the client gets a request id to quote, the log gets the details.
 */
export function createErrorFormatter(logger: ErrorLogger) {
  return (formatted: GraphQLFormattedError, raw: unknown, requestId?: string): GraphQLFormattedError => {
    const original = (raw as { originalError?: unknown })?.originalError ?? raw;
    if (original instanceof AppError) {
      return shape(original.code, original.message, formatted, original.details ?? {});
    }
    if (original instanceof ArgumentValidationError) {
      const fields = flattenValidation((original.extensions.validationErrors ?? []) as ValidationFailure[]);
      const message = fields.length
        ? `Invalid input: ${fields.map((f) => f.messages.join(", ")).join("; ")}`
        : "Invalid input";
      return shape("BAD_USER_INPUT", message, formatted, { fields });
    }
    if (original instanceof AuthenticationError) return shape("UNAUTHENTICATED", "Sign in to continue", formatted);
    if (original instanceof AuthorizationError) return shape("FORBIDDEN", "You are not allowed to do this", formatted);
    if (uniqueViolation(original)) return shape("CONFLICT", "Something with the same name already exists", formatted);
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PASSTHROUGH_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    if (isDatabaseUnreachable(original)) {
      logger.error({ err: original, requestId, path: formatted.path }, "database unreachable");
      return shape("SERVICE_UNAVAILABLE", unavailableMessage(requestId), formatted);
    }
    logger.error({ err: original, requestId, path: formatted.path }, "unexpected error");
    return shape("INTERNAL_SERVER_ERROR", `Internal server error (request ${requestId ?? "unknown"})`, formatted);
  };
}
