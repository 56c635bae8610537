/*
 * The API's whole error vocabulary for integrators: every `extensions.code` a client can see, and every
 * `extensions.reason` that narrows one down to a case a client programs against ("no desktop is free" rather than
 * "conflict"). Both in UPPER_SNAKE, like the schema's enum values; the README's "Errors" section lists exactly these
 * (error-vocabulary.test.ts holds the two together).
 */

/** Codes the API raises itself, from AppError. */
export const APP_ERROR_CODES = {
  BAD_USER_INPUT: "The input is invalid; `field` or `fields` name what to fix. Nothing was changed",
  UNAUTHENTICATED: "No valid credentials: sign in (again), refresh the token or use a valid API key",
  FORBIDDEN: "The caller's role, policy or location does not allow this",
  NOT_FOUND: "No such object in the caller's tenant (another tenant's id is not found either)",
  CONFLICT: "The object's state or a name already taken prevents this; retrying the same request fails again",
  RATE_LIMITED: "Too many attempts; try again later",
  INTERNAL_SERVER_ERROR: "Something failed on our side; the message carries a request id to quote",
  SERVICE_UNAVAILABLE:
    "The database is out of reach for a moment (a restart or failover); retry the same request in a few seconds",
} as const;

/** Codes of the GraphQL layer, passed through as they come: the document itself is wrong. */
export const GRAPHQL_ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: "The document is not valid GraphQL syntax",
  GRAPHQL_VALIDATION_FAILED:
    "The document does not fit the schema, or exceeds the limits on depth, aliases and cost; nothing ran",
  PERSISTED_QUERY_NOT_FOUND: "The persisted query hash is unknown; send the document with it",
  OPERATION_RESOLUTION_FAILURE: "The operation name does not match an operation of the document",
  BAD_REQUEST: "The HTTP request is not a GraphQL request (wrong method, content type or body)",
} as const;

export type ErrorCode = keyof typeof APP_ERROR_CODES;

export const ERROR_REASONS = {
  ACCESS_DENIED: "The access rules refuse this sign-in or connect from the client's location (FORBIDDEN)",
  API_KEY_INVALID: "The API key is unknown, revoked or expired (UNAUTHENTICATED)",
  CLOUD_PROJECT_UNKNOWN:
    "The Keystone domain or project is not one the cloud's service account can use; pick one from its lists (BAD_USER_INPUT)",
  CLOUD_UNAVAILABLE:
    "The cloud's last connection check failed, so no new pool is built on it until the MSP fixes it (CONFLICT)",
  DESKTOP_LIMIT_REACHED: "The user already holds as many desktops as the policy allows (CONFLICT)",
  DESKTOP_TAKEN: "The desktop picked was just given to someone else; pick another (CONFLICT)",
  IDENTITY_CONFLICT: "The provider's link rule finds no single account for this person; an admin links it (CONFLICT)",
  LOGIN_THROTTLED: "Too many failed sign-ins from this address or for this name (RATE_LIMITED)",
  MFA_EXPIRED: "The sign-in waiting for its second factor has expired; sign in again (UNAUTHENTICATED)",
  MFA_INVALID: "The second-factor code is wrong or already used (UNAUTHENTICATED)",
  MFA_REQUIRED:
    "The tenant or the account requires a second factor: the app can be replaced, not turned off (FORBIDDEN)",
  NO_DESKTOP_AVAILABLE: "Every desktop of the pool is taken right now (CONFLICT)",
  NO_USABLE_PROTOCOL: "No display protocol of the desktop is allowed from the client's location (FORBIDDEN)",
  NOT_ENTITLED: "The user's policy does not offer this desktop or pool (FORBIDDEN)",
  PASSWORD_EXPIRED: "The directory account's password has expired; change it in Windows first (UNAUTHENTICATED)",
  PASSWORD_MUST_CHANGE: "The directory wants the password changed at next sign-in; change it first (UNAUTHENTICATED)",
  POWER_ACTION_NOT_ALLOWED: "The policy does not let the user run this power action (FORBIDDEN)",
  SESSION_ENDED: "The session behind the token was signed out or revoked (UNAUTHENTICATED)",
  STALE_EDIT: "The object changed since the caller read it (updatedAt differs); reload, edit again (CONFLICT)",
  TICKET_INVALID: "The single-sign-on ticket is unknown, used or expired; sign in again (UNAUTHENTICATED)",
  TOKEN_EXPIRED: "The access token has expired; refresh it (UNAUTHENTICATED)",
  TOKEN_INVALID: "The access token is malformed or its signature does not verify (UNAUTHENTICATED)",
} as const;

export type ErrorReason = keyof typeof ERROR_REASONS;
