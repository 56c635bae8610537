import type { IncomingHttpHeaders } from "node:http";

/** A compute microversion; the major is always 2, so only the minor is kept. */
export interface Microversion {
  minor: number;
  /** How it is echoed in headers, e.g. `2.79`. */
  text: string;
}

export interface MicroversionRange {
  min: Microversion;
  max: Microversion;
}

export type Negotiation =
  | { kind: "ok"; version: Microversion }
  | { kind: "malformed"; value: string }
  | { kind: "unsupported"; value: string };

export function parseMicroversion(text: string): Microversion {
  const match = /^2\.(\d+)$/.exec(text);
  if (!match) throw new Error(`invalid compute microversion ${text}`);
  return { minor: Number(match[1]), text };
}

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * Nova's rules (README §4): `OpenStack-API-Version: compute X.Y` (case-insensitive name, may list several
 * services) wins; else legacy `X-OpenStack-Nova-API-Version`; a value without `compute ` or naming another
 * service is ignored → 2.1; `latest` → max; non-numeric → 400; out of range → 406.
 */
export function negotiateMicroversion(headers: IncomingHttpHeaders, range: MicroversionRange): Negotiation {
  let requested: string | undefined;
  const modern = single(headers, "openstack-api-version");
  if (modern !== undefined) {
    for (const part of modern.split(",")) {
      const [service, ...rest] = part.trim().split(/\s+/);
      if (service?.toLowerCase() === "compute" && rest.length > 0) requested = rest.join(" ");
    }
  }
  requested ??= single(headers, "x-openstack-nova-api-version")?.trim();
  if (requested === undefined || requested === "") return { kind: "ok", version: range.min };
  if (requested.toLowerCase() === "latest") return { kind: "ok", version: range.max };
  const match = /^(\d+)\.(\d+)$/.exec(requested);
  if (!match) return { kind: "malformed", value: requested };
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major !== 2 || minor < range.min.minor || minor > range.max.minor)
    return { kind: "unsupported", value: requested };
  return { kind: "ok", version: { minor, text: `2.${minor}` } };
}

export function atLeast(version: Microversion, minor: number): boolean {
  return version.minor >= minor;
}
