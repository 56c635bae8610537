/**
 * One small error hierarchy for everything the VHI client throws. Each error says which service answered, the HTTP
 * status (0 when no response arrived), the OpenStack request id (for correlating with the cloud's logs) and the
 * server's own message. Tokens and passwords are never part of an error: messages are scrubbed before construction.
 */

export type VhiServiceName = "identity" | "compute" | "image" | "network" | "volume";

/** The OpenStack service names operators know, for messages: "Glance failed", not "image failed". */
export const VHI_SERVICE_LABELS: Record<VhiServiceName, string> = {
  identity: "Keystone",
  compute: "Nova",
  image: "Glance",
  network: "Neutron",
  volume: "Cinder",
};

/** The service that answered (or did not), for the start of a message; "The cloud" when unknown. */
export function serviceLabel(error: { service?: VhiServiceName }): string {
  return error.service ? VHI_SERVICE_LABELS[error.service] : "The cloud";
}

export interface VhiErrorDetails {
  service?: VhiServiceName;
  status?: number;
  requestId?: string;
  method?: string;
  /** Path only (no query, no host) so logs stay short and carry no filter values. */
  path?: string;
  cause?: unknown;
}

export abstract class VhiError extends Error {
  /** Stable machine-readable kind, mapped once to API error codes. */
  abstract readonly code: string;
  /** Whether repeating the same request later can succeed without changing anything. */
  readonly retryable: boolean = false;
  readonly service?: VhiServiceName;
  readonly status: number;
  readonly requestId?: string;
  readonly method?: string;
  readonly path?: string;

  constructor(message: string, details: VhiErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.service = details.service;
    this.status = details.status ?? 0;
    this.requestId = details.requestId;
    this.method = details.method;
    this.path = details.path;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      service: this.service,
      status: this.status,
      requestId: this.requestId,
      method: this.method,
      path: this.path,
    };
  }
}

/** 403 "Quota exceeded …" or the legacy 413 overLimit: park the pool, do not retry. */
export class VhiQuotaExceededError extends VhiError {
  readonly code = "VHI_QUOTA_EXCEEDED";
  /** The quota resources the cloud named (instances, cores, ram, ports, volumes, gigabytes, floatingip…). */
  readonly resources: string[];

  constructor(message: string, details: VhiErrorDetails & { resources?: string[] } = {}) {
    super(message, details);
    this.resources = details.resources ?? [];
  }
}

/** 409: the server is in the wrong state (or locked by another task); refresh and decide. */
export class VhiConflictError extends VhiError {
  readonly code = "VHI_CONFLICT";
}

/** 404; also what Nova answers for another project's server. */
export class VhiNotFoundError extends VhiError {
  readonly code = "VHI_NOT_FOUND";
}

/** 429, or 503 with Retry-After (nginx in front of VHI). `retryAfterMs` is the server's requested pause. */
export class VhiRateLimitedError extends VhiError {
  readonly code = "VHI_RATE_LIMITED";
  override readonly retryable = true;
  readonly retryAfterMs?: number;

  constructor(message: string, details: VhiErrorDetails & { retryAfterMs?: number } = {}) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 5xx, timeouts, resets, refused connections. `requestSent` false means the cloud never saw the request. */
export class VhiTransientError extends VhiError {
  readonly code = "VHI_TRANSIENT";
  override readonly retryable = true;
  readonly requestSent: boolean;

  constructor(message: string, details: VhiErrorDetails & { requestSent?: boolean } = {}) {
    super(message, details);
    this.requestSent = details.requestSent ?? true;
  }
}

/** Keystone rejected the credentials, or a fresh token was rejected again. */
export class VhiAuthError extends VhiError {
  readonly code = "VHI_AUTH";
}

/** 400 with the server's message (validation, unknown image/flavor/network, bad marker…). */
export class VhiBadRequestError extends VhiError {
  readonly code = "VHI_BAD_REQUEST";
}

/** 403 by policy (not quota): the service account lacks a role. */
export class VhiForbiddenError extends VhiError {
  readonly code = "VHI_FORBIDDEN";
}

/**
 * The cloud cannot do what we need: microversion too old, a service missing from the catalog, or a feature
 * (tags at create, BDM volume_type) above the negotiated microversion.
 */
export class VhiIncompatibleError extends VhiError {
  readonly code = "VHI_INCOMPATIBLE";
}

/** A 2xx answer whose body did not match the schema we rely on. */
export class VhiInvalidResponseError extends VhiError {
  readonly code = "VHI_INVALID_RESPONSE";
}

export function isVhiError(value: unknown): value is VhiError {
  return value instanceof VhiError;
}
