import { describe, expect, it } from "vitest";
import { ipInAnyRange, ipInRange, normalizeIp, parseCidr, parseIpLoose, parseIpStrict } from "./ip-address.util.js";

describe("normalizeIp", () => {
  it.each([
    ["1.2.3.4", "1.2.3.4"],
    ["  10.0.0.1  ", "10.0.0.1"],
    ["0.0.0.0", "0.0.0.0"],
    ["255.255.255.255", "255.255.255.255"],
    ["::1", "::1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["::ffff:1.2.3.4", "1.2.3.4"],
    ["::FFFF:192.168.1.10", "192.168.1.10"],
    ["::ffff:c0a8:010a", "192.168.1.10"],
    ["1.2.3.4:5678", "1.2.3.4"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[::ffff:1.2.3.4]:80", "1.2.3.4"],
    ["fe80::1%eth0", "fe80::1"],
    ["fe80::1%25", "fe80::1"],
    ["[fe80::abcd%en0]:22", "fe80::abcd"],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeIp(raw)).toBe(expected);
  });

  it.each([
    [""],
    ["unknown"],
    ["localhost"],
    ["1.2.3"],
    ["1.2.3.4.5"],
    ["256.1.1.1"],
    ["127.1"], // legacy short form: other software reads it as 127.0.0.1
    ["0x7f.0.0.1"],
    ["2130706433"],
    ["01.2.3.4"], // leading zero: octal in some parsers
    ["::ffff:0x7f.0.0.1"],
    ["1.2.3.4%eth0"],
    ["1.2.3.4:"],
    ["1.2.3.4:123456"],
    ["[2001:db8::1"],
    ["[2001:db8::1]x"],
    ["1:2:3:4:5:6:7:8:9"],
    ["gggg::1"],
    ["1.2.3.4/32"],
    ["_"],
  ])("rejects %j", (raw) => {
    expect(normalizeIp(raw)).toBeNull();
  });

  it("keeps strict parsing free of ports and zones", () => {
    expect(parseIpStrict("1.2.3.4:80")).toBeNull();
    expect(parseIpStrict("fe80::1%eth0")).toBeNull();
    expect(parseIpStrict("[::1]")).toBeNull();
    expect(parseIpStrict("::1")?.toString()).toBe("::1");
  });
});

describe("parseCidr", () => {
  it.each([
    ["10.0.0.0/8", "10.0.0.0/8"],
    ["10.1.2.3/8", "10.0.0.0/8"],
    ["192.168.1.7/32", "192.168.1.7/32"],
    ["192.168.1.7", "192.168.1.7/32"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["1.2.3.4/0", "0.0.0.0/0"],
    ["2001:db8::/32", "2001:db8::/32"],
    ["2001:db8:ffff::1/32", "2001:db8::/32"],
    ["::/0", "::/0"],
    ["2001:db8::1/128", "2001:db8::1/128"],
    ["2001:db8::1", "2001:db8::1/128"],
    ["::ffff:10.0.0.0/104", "10.0.0.0/8"],
    ["::ffff:0:0/96", "0.0.0.0/0"],
    ["::ffff:1.2.3.4/128", "1.2.3.4/32"],
    [" 172.16.0.0/12 ", "172.16.0.0/12"],
  ])("%j -> %j", (raw, expected) => {
    expect(parseCidr(raw)?.text).toBe(expected);
  });

  it.each([
    ["10.0.0.0/33"],
    ["10.0.0.0/-1"],
    ["10.0.0.0/"],
    ["10.0.0.0/8/8"],
    ["10.0.0.0/abc"],
    ["10.0.0/8"],
    ["::/129"],
    ["::ffff:10.0.0.0/90"], // would reach outside the mapped space
    ["::ffff:10.0.0.0/129"],
    ["fe80::/10%eth0"],
    ["/8"],
    [""],
    ["any"],
  ])("rejects %j", (raw) => {
    expect(parseCidr(raw)).toBeNull();
  });
});

describe("ipInRange", () => {
  const inRange = (ip: string, cidr: string): boolean => ipInRange(parseIpLoose(ip)!, parseCidr(cidr)!);

  it.each([
    // IPv4 basics and edges
    ["10.0.0.1", "10.0.0.0/8", true],
    ["10.255.255.255", "10.0.0.0/8", true],
    ["11.0.0.0", "10.0.0.0/8", false],
    ["9.255.255.255", "10.0.0.0/8", false],
    ["192.168.1.7", "192.168.1.7/32", true],
    ["192.168.1.8", "192.168.1.7/32", false],
    ["203.0.113.9", "0.0.0.0/0", true],
    ["0.0.0.0", "0.0.0.0/0", true],
    ["172.31.255.255", "172.16.0.0/12", true],
    ["172.32.0.0", "172.16.0.0/12", false],
    // IPv6 basics and edges
    ["2001:db8::1", "2001:db8::/32", true],
    ["2001:db9::1", "2001:db8::/32", false],
    ["2001:db8::1", "2001:db8::1/128", true],
    ["2001:db8::2", "2001:db8::1/128", false],
    ["fe80::1", "::/0", true],
    ["fe80::1%eth0", "fe80::/10", true],
    // families never cross
    ["10.0.0.1", "::/0", false],
    ["2001:db8::1", "0.0.0.0/0", false],
    // mapped addresses are IPv4 clients
    ["::ffff:10.0.0.1", "10.0.0.0/8", true],
    ["::ffff:10.0.0.1", "::/0", false],
    ["10.0.0.1", "::ffff:10.0.0.0/104", true],
    ["11.0.0.1", "::ffff:10.0.0.0/104", false],
  ])("%s in %s = %s", (ip, cidr, expected) => {
    expect(inRange(ip, cidr)).toBe(expected);
  });

  it("matches any of overlapping ranges", () => {
    const ranges = ["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "2001:db8::/48", "2001:db8::/64"].map(
      (cidr) => parseCidr(cidr)!,
    );
    expect(ipInAnyRange(parseIpLoose("10.1.2.3")!, ranges)).toBe(true);
    expect(ipInAnyRange(parseIpLoose("10.9.9.9")!, ranges)).toBe(true);
    expect(ipInAnyRange(parseIpLoose("2001:db8:0:1::5")!, ranges)).toBe(true);
    expect(ipInAnyRange(parseIpLoose("2001:db8:1::5")!, ranges)).toBe(false);
    expect(ipInAnyRange(parseIpLoose("192.0.2.1")!, ranges)).toBe(false);
    expect(ipInAnyRange(parseIpLoose("192.0.2.1")!, [])).toBe(false);
  });
});
