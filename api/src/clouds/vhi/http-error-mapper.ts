import {
  faultKindErrorBodySchema,
  glanceErrorBodySchema,
  keystoneErrorBodySchema,
  neutronErrorBodySchema,
} from "./http.schemas.js";
import {
  VhiAuthError,
  VhiBadRequestError,
  VhiConflictError,
  type VhiError,
  type VhiErrorDetails,
  VhiForbiddenError,
  VhiIncompatibleError,
  VhiNotFoundError,
  VhiQuotaExceededError,
  VhiRateLimitedError,
  VhiTransientError,
} from "./vhi.errors.js";

const MAX_MESSAGE_LENGTH = 500;

/** Pulls the human message out of any of the OpenStack error body shapes; falls back to trimmed raw text. */
export function extractOpenStackMessage(bodyText: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return cleanMessage(bodyText);
  }
  const keystone = keystoneErrorBodySchema.safeParse(parsed);
  if (keystone.success) return cleanMessage(keystone.data.error.message);
  const neutron = neutronErrorBodySchema.safeParse(parsed);
  if (neutron.success) return cleanMessage(neutron.data.NeutronError.message);
  const glance = glanceErrorBodySchema.safeParse(parsed);
  if (glance.success) return cleanMessage(glance.data.message);
  const fault = faultKindErrorBodySchema.safeParse(parsed);
  if (fault.success) {
    const first = Object.values(fault.data)[0];
    if (first) return cleanMessage(first.message);
  }
  return cleanMessage(bodyText);
}

function cleanMessage(text: string): string {
  // Glance appends "<br /><br />\n\n\n"; HTML error pages from proxies are reduced to their text.
  const plain = text
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > MAX_MESSAGE_LENGTH ? `${plain.slice(0, MAX_MESSAGE_LENGTH)}…` : plain;
}

/**
 * Nova's schema errors echo the whole `server` dict (Python repr), which contains `user_data` — that may carry an
 * agent enrolment secret — so it is cut out, and any known secret (token, password) is replaced wherever it appears.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(/(['"]user_data['"]\s*:\s*)(['"])[^'"]*\2/g, "$1'<redacted>'");
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("<redacted>");
  }
  return out;
}

/** Retry-After is either delta-seconds or an HTTP date. Returns milliseconds, or undefined when absent/unparseable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function requestIdOf(headers: Headers): string | undefined {
  // Nova sends lower-case x-openstack-request-id, Glance/Neutron X-Openstack-Request-Id; Headers is case-insensitive.
  return headers.get("x-openstack-request-id") ?? headers.get("x-compute-request-id") ?? undefined;
}

export interface ErrorResponseInput {
  status: number;
  headers: Headers;
  bodyText: string;
  now: number;
  secrets: readonly string[];
  details: VhiErrorDetails;
}

/**
 * The quota resources a refusal names, or null when it is no quota refusal. Texts as the services send them: Nova
 * (recorded: "Quota exceeded for cores, ram: Requested …, but already used … of … cores, ram"), Neutron's port
 * limit as Nova relays it ("Maximum number of ports exceeded") and its own OverQuota ("Quota exceeded for
 * resources: ['floatingip']"), Cinder's volume count and gigabytes limits.
 */
export function quotaResourcesOf(message: string): string[] | null {
  const nova = /quota exceeded for ([a-z_, ]+):/i.exec(message);
  if (nova && !/^resources$/i.test(nova[1]!.trim())) return nova[1]!.split(",").map((r) => r.trim());
  const neutron = /quota exceeded for resources:?\s*\[?([^\]]*)\]?/i.exec(message);
  if (neutron)
    return neutron[1]!
      .split(",")
      .map((r) => r.replace(/['"\s.]/g, ""))
      .filter(Boolean);
  const maximum = /maximum number of (ports|floating ips|volumes|snapshots|instances)\b[^.]*exceeded/i.exec(message);
  if (maximum) return [maximum[1]!.toLowerCase().replace(" ", "_")];
  if (/exceeds allowed gigabytes quota/i.test(message)) return ["gigabytes"];
  if (/quota exceeded/i.test(message)) return [];
  return null;
}

/** Maps a non-2xx response to the typed error the workers branch on. */
export function mapErrorResponse(input: ErrorResponseInput): VhiError {
  const { status, headers } = input;
  const message = scrubSecrets(extractOpenStackMessage(input.bodyText), input.secrets) || `HTTP ${status}`;
  const details: VhiErrorDetails = { ...input.details, status, requestId: requestIdOf(headers) };
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"), input.now);

  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
    return new VhiRateLimitedError(message, { ...details, retryAfterMs });
  }
  if (status >= 500) return new VhiTransientError(message, details);
  switch (status) {
    case 400:
      return new VhiBadRequestError(message, details);
    case 401:
      return new VhiAuthError(message, details);
    case 403:
      return quotaResourcesOf(message)
        ? new VhiQuotaExceededError(message, { ...details, resources: quotaResourcesOf(message)! })
        : new VhiForbiddenError(message, details);
    case 404:
      return new VhiNotFoundError(message, details);
    case 406:
      return new VhiIncompatibleError(message, details);
    case 409:
      // Neutron's OverQuota is a 409.
      return quotaResourcesOf(message)
        ? new VhiQuotaExceededError(message, { ...details, resources: quotaResourcesOf(message)! })
        : new VhiConflictError(message, details);
    case 413:
      // Legacy v2 "overLimit" and some proxies; a 413 with Retry-After was the old rate limiter.
      return retryAfterMs !== undefined
        ? new VhiRateLimitedError(message, { ...details, retryAfterMs })
        : new VhiQuotaExceededError(message, { ...details, resources: quotaResourcesOf(message) ?? [] });
    default:
      return new VhiBadRequestError(message, details);
  }
}
