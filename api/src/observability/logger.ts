import { pino } from "pino";

export type Logger = pino.Logger;

/** The pino-compatible subset work is logged through, so handlers and tests need no concrete logger. */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child?(bindings: Record<string, unknown>): Log;
}

/**
 * JSON logs; secrets are redacted by path wherever they might appear in a logged object. `bindings` go on every
 * line: a node role passes its role and node id, so the lines of several nodes can be merged and still told apart.
 */
export function createLogger(level: string, bindings: Record<string, string> = {}): Logger {
  return pino({
    level,
    base: { service: "atrium", ...bindings },
    redact: {
      paths: [
        "password",
        "*.password",
        "*.*.password",
        "req.headers.authorization",
        "headers.authorization",
        "variables.input.password",
        "variables.password",
        "refreshToken",
        "*.refreshToken",
      ],
      censor: "[redacted]",
    },
  });
}
