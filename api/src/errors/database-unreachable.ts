/*
 * "The database is out of reach for a moment" (a restart, a failover, a network cut) as the drivers say it. Such a
 * failure is nobody's bug and the same request succeeds once the database is back, so clients get a code they can
 * retry on instead of an internal error to report.
 */

/** Socket errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
/** SQLSTATEs of a server going away or not yet accepting: admin/crash shutdown, starting up, class 08. */
const SERVER_GONE_STATES = new Set(["57P01", "57P02", "57P03"]);
/** mssql's codes for a connection that broke or timed out. */
const MSSQL_CODES = new Set(["ESOCKET", "ECONNCLOSED", "ETIMEOUT"]);
/** node-postgres says these in words only. */
const PG_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error/,
];

interface DriverFailure {
  code?: unknown;
  message?: unknown;
  originalError?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

function isUnreachable(failure: DriverFailure): boolean {
  const code = typeof failure.code === "string" ? failure.code : "";
  if (NETWORK_CODES.has(code) || SERVER_GONE_STATES.has(code) || MSSQL_CODES.has(code) || code.startsWith("08")) {
    return true;
  }
  const message = typeof failure.message === "string" ? failure.message : "";
  return PG_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Whether an error, or one it wraps as GraphQL, TypeORM or a multi-address connect wrap them, says the database
 * cannot be reached. `cause` is not followed: a failed fetch to a cloud carries its socket error there, and a
 * cloud out of reach is not the database.
 */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const failure = error as DriverFailure;
  if (isUnreachable(failure)) return true;
  const wrapped = [
    failure.originalError,
    failure.driverError,
    ...(Array.isArray(failure.errors) ? failure.errors : []),
  ];
  return wrapped.some((inner) => isDatabaseUnreachable(inner, depth + 1));
}

/** What the client reads: nothing of the driver, a request id to quote should retrying not help. */
export const unavailableMessage = (requestId?: string) =>
  `The service is briefly unavailable; try again in a few seconds (request ${requestId || "unknown"})`;
