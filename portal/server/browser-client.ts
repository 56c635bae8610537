import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import proxyaddr from "proxy-addr";
import { CLIENT_PROOF_HEADER, signClientProof } from "./client-proof";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export type ProxyTrust = (address: string, hop: number) => boolean;

/** TRUSTED_PROXIES of the portal's own process: comma-separated addresses or CIDRs of its reverse proxies. */
export function trustedProxies(setting: string | undefined): ProxyTrust {
  const entries = (setting ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  return proxyaddr.compile(entries);
}

/**
 * The browser's address as the portal sees it: its own socket peer, or, through the portal's own trusted proxies
 * only, the right-most X-Forwarded-For entry that is not one of them (everything left of it the browser may have
 * written). "unknown" when that entry is not an address: the API then fails closed.
 */
export function browserAddress(request: IncomingMessage, trust: ProxyTrust): string {
  const address = proxyaddr(request, trust).replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return isIP(address) ? address : "unknown";
}

const lastValue = (header: string | string[] | undefined) =>
  (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").at(-1)?.trim() || undefined;

/**
 * X-Forwarded-Proto and X-Forwarded-Host say which origin the browser used. They are kept (the nearest proxy's
 * value) only when the socket peer is one of the portal's own trusted proxies, else replaced by this socket's plain
 * http and the Host header: the SSO relay passes them to the API, which builds its endpoints on them when no
 * ATRIUM_PUBLIC_URL is set, and next-auth reads them for its own URLs.
 */
function forwardOrigin(request: IncomingMessage, trust: ProxyTrust): void {
  const peer = (request.socket.remoteAddress ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  const fromProxy = peer !== "" && trust(peer, 0);
  const proto = fromProxy ? lastValue(request.headers["x-forwarded-proto"])?.toLowerCase() : undefined;
  const host = fromProxy ? lastValue(request.headers["x-forwarded-host"]) : undefined;
  request.headers["x-forwarded-proto"] = proto === "https" || proto === "http" ? proto : "http";
  const ownHost = request.headers.host;
  if (host ?? ownHost) request.headers["x-forwarded-host"] = host ?? ownHost;
  else delete request.headers["x-forwarded-host"];
}

/**
 * Runs on every request before Next.js sees it: whatever the browser sent as proof, request id, forwarded-for or
 * (unless through a trusted proxy) forwarded proto and host is replaced, so the pages and routes pass on to the API
 * only what this process resolved and signed.
 */
export function vouchForBrowser(request: IncomingMessage, trust: ProxyTrust, key: string, now: Date): void {
  forwardOrigin(request, trust);
  const address = browserAddress(request, trust);
  const offered = request.headers["x-request-id"];
  const requestId = typeof offered === "string" && REQUEST_ID.test(offered) ? offered : randomUUID();
  request.headers["x-request-id"] = requestId;
  request.headers["x-forwarded-for"] = address;
  request.headers[CLIENT_PROOF_HEADER] = signClientProof(key, address, requestId, now);
}
