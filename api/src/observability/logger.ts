import { pino } from "pino";

export type Logger = pino.Logger;

/** JSON logs; secrets are redacted by path wherever they might appear in a logged object. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "atrium" },
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
