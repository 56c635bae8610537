import {
  formatIp,
  type IpAddress,
  type IpRange,
  ipInAnyRange,
  parseCidr,
  parseIpLoose,
} from "../evaluator/ip-address.util.js";

/** Thrown at start-up when the trusted-proxy configuration has an entry that is not an address or CIDR. */
export class InvalidTrustedProxyError extends Error {
  constructor(readonly entry: string) {
    super(`trusted proxy entry is not an IP address or CIDR range: ${JSON.stringify(entry)}`);
    this.name = "InvalidTrustedProxyError";
  }
}

/** Parsed trusted-proxy list; build it once at start-up with {@link parseTrustedProxies}. */
export interface TrustedProxies {
  readonly ranges: readonly IpRange[];
}

/**
 * Parses the configured trusted proxies (CIDRs or single addresses). Throws on any bad entry: silently
 * dropping a typo would make the broker ignore X-Forwarded-For from its own load balancer, and then every
 * user would appear to come from the load balancer's (probably "internal") address.
 */
export function parseTrustedProxies(entries: readonly string[]): TrustedProxies {
  const ranges = entries.map((entry) => {
    const range = parseCidr(entry);
    if (!range) {
      throw new InvalidTrustedProxyError(entry);
    }
    return range;
  });
  return { ranges };
}

/** Whether a socket peer is one of the configured proxies (whose forwarded headers may then be read). */
export function isTrustedProxy(remoteAddress: string | null | undefined, proxies: TrustedProxies): boolean {
  const peer = remoteAddress ? parseIpLoose(remoteAddress) : null;
  return peer !== null && ipInAnyRange(peer, proxies.ranges);
}

export interface ClientAddressInput {
  /** `socket.remoteAddress` of the TCP connection that reached us. */
  readonly remoteAddress: string | null | undefined;
  /** The `X-Forwarded-For` header: one string, several (repeated headers, in arrival order) or absent. */
  readonly forwardedFor?: string | readonly string[] | null;
  readonly trustedProxies: TrustedProxies;
}

export type ClientAddressSource =
  /** The socket peer is the client (no trusted proxy in front, or it sent no XFF). */
  | "peer"
  /** Taken from X-Forwarded-For through a chain of trusted proxies. */
  | "forwarded_for"
  /** Every hop was a trusted proxy; the leftmost one is the origin as far as we can know. */
  | "trusted_chain_origin";

export type ClientAddressResult =
  | { readonly ip: string; readonly source: ClientAddressSource; readonly trustedHops: number }
  /** The address is unknown: callers must fail closed (no address-based location may grant anything). */
  | { readonly ip: null; readonly source: "unknown"; readonly trustedHops: number; readonly reason: string };

/**
 * Resolves the real client address behind a chain of trusted reverse proxies.
 *
 * Each trusted proxy appends the address of its own peer to X-Forwarded-For, so the header reads, left to
 * right, "client, proxy1, proxy2" and the last hop is the socket peer. We walk from the right and stop at the
 * first address that is not one of our proxies: that address was written by a proxy we trust, so it is the
 * real client. Everything further left was supplied by the client and can be forged, so it is never read.
 * An untrusted socket peer means XFF came straight from the client: ignored entirely (anti-spoofing).
 */
export function resolveClientAddress(input: ClientAddressInput): ClientAddressResult {
  const peer = input.remoteAddress ? parseIpLoose(input.remoteAddress) : null;
  if (!peer) {
    return { ip: null, source: "unknown", trustedHops: 0, reason: "socket address is missing or malformed" };
  }
  const { ranges } = input.trustedProxies;
  if (!ipInAnyRange(peer, ranges)) {
    return { ip: formatIp(peer), source: "peer", trustedHops: 0 };
  }

  const hops = splitForwardedFor(input.forwardedFor);
  if (hops.length === 0) {
    return { ip: formatIp(peer), source: "peer", trustedHops: 0 };
  }

  let trustedHops = 1; // the socket peer itself
  let current: IpAddress = peer;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = parseIpLoose(hops[index]);
    if (!hop) {
      // A trusted proxy vouched for something that is not an address. Falling back to the proxy's own
      // address would make an outside user look like they sit inside the proxy's (often internal) network,
      // so the answer is "unknown" and callers fail closed.
      return {
        ip: null,
        source: "unknown",
        trustedHops,
        reason: `malformed X-Forwarded-For entry at position ${index}`,
      };
    }
    current = hop;
    if (!ipInAnyRange(hop, ranges)) {
      return { ip: formatIp(hop), source: "forwarded_for", trustedHops };
    }
    trustedHops++;
  }
  return { ip: formatIp(current), source: "trusted_chain_origin", trustedHops: trustedHops - 1 };
}

/** Repeated headers are equivalent to one comma-joined header (RFC 9110 §5.3), in arrival order. */
function splitForwardedFor(value: string | readonly string[] | null | undefined): string[] {
  if (value == null) {
    return [];
  }
  const joined = typeof value === "string" ? value : value.join(",");
  if (joined.trim() === "") {
    return [];
  }
  return joined.split(",").map((part) => part.trim());
}
