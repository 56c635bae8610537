import type { IncomingMessage } from "node:http";
import type { AppConfig } from "../config/env.js";
import { forwardedHeadersTrusted } from "./request-client.js";

type PublicUrlConfig = Pick<
  AppConfig,
  | "ATRIUM_PUBLIC_URL"
  | "API_PUBLIC_URL"
  | "TRUSTED_PROXIES"
  | "ATRIUM_PORTAL_CLIENT_KEY"
  | "ATRIUM_SECRET"
  | "ATRIUM_DATA_DIR"
>;

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The last value of a header a proxy may have appended to (the nearest proxy's own word). */
function lastValue(header: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(header) ? header.join(",") : header;
  const values = joined?.split(",").map((value) => value.trim()) ?? [];
  return values.at(-1) || undefined;
}

/**
 * The origin a request was made to, as the browser saw it. X-Forwarded-Proto and X-Forwarded-Host count only when
 * `trusted` (see forwardedHeadersTrusted): otherwise the scheme is this socket's and the host the Host header.
 */
export function requestOrigin(request: IncomingMessage, trusted: boolean): string {
  const encrypted = (request.socket as { encrypted?: boolean }).encrypted === true;
  let scheme = encrypted ? "https" : "http";
  let host = request.headers.host;
  if (trusted) {
    const proto = lastValue(request.headers["x-forwarded-proto"])?.toLowerCase();
    if (proto === "https" || proto === "http") scheme = proto;
    host = lastValue(request.headers["x-forwarded-host"]) ?? host;
  }
  return `${scheme}://${host && HOST.test(host) ? host : "localhost"}`;
}

/**
 * Base of the browser SSO endpoints (SAML ACS and SP metadata, OIDC redirect URI): ATRIUM_PUBLIC_URL (the portal
 * relays them), else API_PUBLIC_URL, else the request's own origin. The configured URLs are what an installation
 * behind a TLS-terminating proxy should set: the IdP registers them, so they must not depend on a request.
 */
export function ssoBaseUrlOf(request: IncomingMessage, config: PublicUrlConfig, now: Date): string {
  const configured = config.ATRIUM_PUBLIC_URL ?? config.API_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return requestOrigin(request, forwardedHeadersTrusted(request, config, now));
}
