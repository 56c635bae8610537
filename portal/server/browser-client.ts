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

/**
 * Runs on every request before Next.js sees it: whatever the browser sent as proof, request id or forwarded-for is
 * replaced, so the pages and routes pass on to the API only what this process resolved and signed.
 */
export function vouchForBrowser(request: IncomingMessage, trust: ProxyTrust, key: string, now: Date): void {
  const address = browserAddress(request, trust);
  const offered = request.headers["x-request-id"];
  const requestId = typeof offered === "string" && REQUEST_ID.test(offered) ? offered : randomUUID();
  request.headers["x-request-id"] = requestId;
  request.headers["x-forwarded-for"] = address;
  request.headers[CLIENT_PROOF_HEADER] = signClientProof(key, address, requestId, now);
}
