import { describe, expect, it } from "vitest";
import {
  type ClientAddressResult,
  InvalidTrustedProxyError,
  parseTrustedProxies,
  resolveClientAddress,
} from "./client-address.js";

// Load balancer 10.0.0.0/24, ingress 10.0.1.5, an IPv6 edge proxy range.
const trusted = parseTrustedProxies(["10.0.0.0/24", "10.0.1.5", "2001:db8:ed9e::/48"]);
const none = parseTrustedProxies([]);

function resolve(remoteAddress: string | null | undefined, forwardedFor?: string | string[] | null) {
  return resolveClientAddress({ remoteAddress, forwardedFor, trustedProxies: trusted });
}

describe("resolveClientAddress: proxy chains", () => {
  it.each<[string, string, string | string[] | undefined, Partial<ClientAddressResult>]>([
    // length 0: no proxy in front
    ["direct client, no XFF", "203.0.113.7", undefined, { ip: "203.0.113.7", source: "peer", trustedHops: 0 }],
    ["trusted peer without XFF is itself the client", "10.0.0.2", undefined, { ip: "10.0.0.2", source: "peer" }],
    ["trusted peer with empty XFF", "10.0.0.2", "  ", { ip: "10.0.0.2", source: "peer" }],
    // length 1
    ["one trusted proxy", "10.0.0.2", "203.0.113.7", { ip: "203.0.113.7", source: "forwarded_for", trustedHops: 1 }],
    // length 2
    [
      "two trusted proxies",
      "10.0.0.2",
      "203.0.113.7, 10.0.1.5",
      { ip: "203.0.113.7", source: "forwarded_for", trustedHops: 2 },
    ],
    // length 3, mixing families
    [
      "three trusted proxies incl. IPv6 edge",
      "10.0.0.3",
      "198.51.100.20, 2001:db8:ed9e::9, 10.0.1.5",
      { ip: "198.51.100.20", source: "forwarded_for", trustedHops: 3 },
    ],
    [
      "stops at the first untrusted hop; client-written entries further left are never read",
      "10.0.0.2",
      "6.6.6.6, 1.1.1.1, 203.0.113.7, 10.0.1.5",
      { ip: "203.0.113.7", source: "forwarded_for", trustedHops: 2 },
    ],
    [
      "an untrusted hop in the middle ends the walk",
      "10.0.0.2",
      "10.0.0.9, 198.51.100.1, 10.0.1.5",
      { ip: "198.51.100.1", source: "forwarded_for", trustedHops: 2 },
    ],
    [
      "all hops trusted: leftmost is the origin",
      "10.0.0.2",
      "10.0.0.50, 10.0.1.5",
      { ip: "10.0.0.50", source: "trusted_chain_origin", trustedHops: 2 },
    ],
    [
      "repeated headers are joined in arrival order",
      "10.0.0.2",
      ["6.6.6.6, 203.0.113.7", "10.0.1.5"],
      { ip: "203.0.113.7", source: "forwarded_for", trustedHops: 2 },
    ],
  ])("%s", (_name, remote, xff, expected) => {
    expect(resolve(remote, xff)).toMatchObject(expected);
  });
});

describe("resolveClientAddress: spoofing", () => {
  it.each([
    ["untrusted peer claims an internal address", "203.0.113.7", "10.0.0.77"],
    ["untrusted peer claims a trusted proxy chain", "203.0.113.7", "192.168.1.1, 10.0.0.2, 10.0.1.5"],
    ["untrusted peer sends garbage", "203.0.113.7", "not-an-ip"],
    ["untrusted IPv6 peer", "2001:db8:bad::1", "10.0.0.77"],
  ])("%s: XFF ignored", (_name, remote, xff) => {
    expect(resolve(remote, xff)).toEqual({ ip: remote, source: "peer", trustedHops: 0 });
  });

  it("with no trusted proxies configured, XFF is never read", () => {
    expect(resolveClientAddress({ remoteAddress: "10.0.0.2", forwardedFor: "1.2.3.4", trustedProxies: none })).toEqual({
      ip: "10.0.0.2",
      source: "peer",
      trustedHops: 0,
    });
  });

  it("a client cannot extend the trusted chain by prepending trusted-looking entries beyond an untrusted hop", () => {
    // The attacker sends "XFF: 10.0.0.66" through the real proxy, which appends the attacker's address.
    expect(resolve("10.0.0.2", "10.0.0.66, 198.51.100.66")).toMatchObject({ ip: "198.51.100.66" });
  });
});

describe("resolveClientAddress: malformed input fails closed", () => {
  it.each([
    ["garbage right after the proxy", "10.0.0.2", "garbage"],
    ["the obfuscation token 'unknown'", "10.0.0.2", "unknown"],
    ["empty element from a trailing comma", "10.0.0.2", "203.0.113.7,"],
    ["empty element between proxies", "10.0.0.2", "203.0.113.7,,10.0.1.5"],
    ["legacy IPv4 spelling", "10.0.0.2", "127.1"],
    ["hex IPv4", "10.0.0.2", "0x7f.0.0.1"],
    ["garbage after two trusted hops", "10.0.0.2", "x, 10.0.0.50, 10.0.1.5"],
  ])("%s", (_name, remote, xff) => {
    const result = resolve(remote, xff);
    expect(result.ip).toBeNull();
    expect(result.source).toBe("unknown");
    expect(result).toHaveProperty("reason");
  });

  it("garbage left of the real client is never reached", () => {
    expect(resolve("10.0.0.2", "garbage, 203.0.113.7")).toMatchObject({ ip: "203.0.113.7" });
  });

  it.each([[null], [undefined], [""], ["nonsense"]])("socket address %j -> unknown", (remote) => {
    expect(resolve(remote, "203.0.113.7")).toMatchObject({ ip: null, source: "unknown" });
  });
});

describe("resolveClientAddress: normalisation", () => {
  it.each([
    ["mapped socket peer (dual-stack listener), untrusted", "::ffff:203.0.113.7", undefined, "203.0.113.7"],
    ["mapped socket peer that is a trusted proxy", "::ffff:10.0.0.2", "198.51.100.4", "198.51.100.4"],
    ["mapped client in XFF", "10.0.0.2", "::ffff:198.51.100.4", "198.51.100.4"],
    ["mapped trusted hop in XFF", "10.0.0.2", "198.51.100.4, ::ffff:10.0.1.5", "198.51.100.4"],
    ["IPv4 with port in XFF", "10.0.0.2", "198.51.100.4:51234", "198.51.100.4"],
    ["bracketed IPv6 with port in XFF", "10.0.0.2", "[2001:db8:cafe::1]:443", "2001:db8:cafe::1"],
    ["zone id on the socket peer", "fe80::1%eth0", undefined, "fe80::1"],
    ["IPv6 canonicalised", "2001:DB8:CAFE:0:0:0:0:1", undefined, "2001:db8:cafe::1"],
    ["whitespace around entries", "10.0.0.2", "   198.51.100.4   ,  10.0.1.5 ", "198.51.100.4"],
  ])("%s", (_name, remote, xff, expected) => {
    expect(resolve(remote, xff).ip).toBe(expected);
  });
});

describe("parseTrustedProxies", () => {
  it("accepts CIDRs and single addresses of both families", () => {
    expect(parseTrustedProxies(["10.0.0.0/8", "192.0.2.1", "::1", "fd00::/8"]).ranges.map((r) => r.text)).toEqual([
      "10.0.0.0/8",
      "192.0.2.1/32",
      "::1/128",
      "fd00::/8",
    ]);
  });

  it("tolerates whitespace around an entry", () => {
    expect(parseTrustedProxies([" 10.0.0.0/8 "]).ranges.map((r) => r.text)).toEqual(["10.0.0.0/8"]);
  });

  it.each([["10.0.0.0/33"], ["proxy.internal"], [""], ["127.1"]])("throws on %j", (entry) => {
    expect(() => parseTrustedProxies(["10.0.0.0/8", entry])).toThrow(InvalidTrustedProxyError);
  });
});
