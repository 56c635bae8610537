import ipaddr from "ipaddr.js";

/** A parsed address; IPv4-mapped IPv6 addresses are always unwrapped to IPv4 first. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** A parsed CIDR range, e.g. `10.0.0.0/8` or `2001:db8::/32`. */
export interface IpRange {
  readonly address: IpAddress;
  readonly prefixLength: number;
  /** The range as written by an operator, normalised (e.g. `10.0.0.0/8`). */
  readonly text: string;
}

const IPV4_MAPPED_PREFIX_BITS = 96;

/**
 * Strict parse of a bare address (no port, no brackets, no zone id).
 *
 * Why strict: ipaddr.js accepts legacy IPv4 spellings such as `127.1`, `0x7f.0.0.1` or `2130706433`
 * (also inside IPv6 as `::ffff:0x7f.0.0.1`). Different software reads those differently, so an address that
 * one hop logs as public could be matched here as internal. Only four-part decimal IPv4 is accepted.
 */
export function parseIpStrict(text: string): IpAddress | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return ipaddr.IPv4.parse(text);
  }
  if (!text.includes(":") || text.includes("%") || !ipaddr.IPv6.isValid(text)) {
    return null;
  }
  if (text.includes(".")) {
    const embedded = text.slice(text.lastIndexOf(":") + 1);
    if (!ipaddr.IPv4.isValidFourPartDecimal(embedded)) {
      return null;
    }
  }
  return unwrapMapped(ipaddr.IPv6.parse(text));
}

/** `::ffff:1.2.3.4` is the same client as `1.2.3.4` (dual-stack sockets report it that way). */
function unwrapMapped(address: IpAddress): IpAddress {
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address();
  }
  return address;
}

/**
 * Parses an address as it appears on a socket or in a header: tolerates surrounding whitespace, a port
 * (`1.2.3.4:5678`, `[2001:db8::1]:443`), brackets and an IPv6 zone id (`fe80::1%eth0`), all of which are
 * transport details and never part of the client's identity. Returns null when nothing valid remains.
 */
export function parseIpLoose(raw: string): IpAddress | null {
  let text = raw.trim();
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close < 0) {
      return null;
    }
    const rest = text.slice(close + 1);
    if (rest !== "" && !/^:\d{1,5}$/.test(rest)) {
      return null;
    }
    text = text.slice(1, close);
  } else if (/^[\d.]+:\d{1,5}$/.test(text)) {
    // Exactly one colon after a dotted quad: IPv4 with a port. Bare IPv6 always has two or more colons.
    text = text.slice(0, text.indexOf(":"));
  }
  const zone = text.indexOf("%");
  if (zone >= 0) {
    // A zone id only makes sense on an IPv6 address; "1.2.3.4%x" stays invalid.
    if (!text.slice(0, zone).includes(":")) {
      return null;
    }
    text = text.slice(0, zone);
  }
  return parseIpStrict(text);
}

/** Canonical text: dotted quad for IPv4 (mapped addresses included), RFC 5952 for IPv6. */
export function formatIp(address: IpAddress): string {
  return address.kind() === "ipv6" ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
}

/** Normalises an address string to canonical text, or null if it is not a valid address. */
export function normalizeIp(raw: string): string | null {
  const parsed = parseIpLoose(raw);
  return parsed ? formatIp(parsed) : null;
}

/**
 * Parses `a.b.c.d/n`, `x::/n`, or a bare address (a single host: /32 or /128). A range written in
 * IPv4-mapped form (`::ffff:10.0.0.0/104`) becomes the equivalent IPv4 range, because addresses are unwrapped
 * the same way before matching. Host bits may be set (`10.0.0.5/8` is 10.0.0.0/8): only the prefix matters.
 */
export function parseCidr(raw: string): IpRange | null {
  const text = raw.trim();
  const slash = text.indexOf("/");
  if (slash < 0) {
    const host = parseIpStrict(text);
    return host ? makeRange(host, host.kind() === "ipv4" ? 32 : 128) : null;
  }
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) {
    return null;
  }
  const prefixLength = Number(prefixText);
  // Validate the address before unwrapping: the prefix bound depends on how it was written.
  const isV6Text = addressText.includes(":");
  const address = parseIpStrict(addressText);
  if (!address) {
    return null;
  }
  if (isV6Text) {
    if (prefixLength > 128) {
      return null;
    }
    if (address.kind() === "ipv4") {
      // Mapped range: only prefixes that stay inside ::ffff:0:0/96 translate to an IPv4 range.
      return prefixLength >= IPV4_MAPPED_PREFIX_BITS
        ? makeRange(address, prefixLength - IPV4_MAPPED_PREFIX_BITS)
        : null;
    }
    return makeRange(address, prefixLength);
  }
  return prefixLength > 32 ? null : makeRange(address, prefixLength);
}

function makeRange(address: IpAddress, prefixLength: number): IpRange {
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefixLength}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefixLength}`);
  return { address: network, prefixLength, text: `${formatIp(network)}/${prefixLength}` };
}

/** True when the address lies in the range. An IPv4 address never matches an IPv6 range and vice versa. */
export function ipInRange(address: IpAddress, range: IpRange): boolean {
  if (address.kind() !== range.address.kind()) {
    return false;
  }
  return address.match(range.address, range.prefixLength);
}

/** True when the address lies in any of the ranges. */
export function ipInAnyRange(address: IpAddress, ranges: readonly IpRange[]): boolean {
  return ranges.some((range) => ipInRange(address, range));
}
