import { describe, expect, it } from "vitest";
import { type Location, parseLocation } from "./location.types.js";

const office: Location = {
  id: "loc-office",
  name: "Office",
  cidrs: ["10.0.0.0/8", "2001:db8::/32"],
  clientKinds: ["web", "native"],
  viaGateway: false,
  timeWindows: [{ days: ["mon", "tue"], start: "08:00", end: "18:00", timeZone: "Europe/Berlin" }],
};

describe("parseLocation", () => {
  it("compiles a valid location", () => {
    const result = parseLocation({ ...office, tenantId: "t1", createdAt: "ignored" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.location.ranges.map((range) => range.text)).toEqual(["10.0.0.0/8", "2001:db8::/32"]);
    expect([...result.location.clientKinds]).toEqual(["web", "native"]);
    expect(result.location.timeWindows[0]).toMatchObject({
      startMinute: 480,
      endMinute: 1080,
      timeZone: "Europe/Berlin",
    });
  });

  it.each([
    ["00:00-24:00 (whole day)", { start: "00:00", end: "24:00" }],
    ["crossing midnight", { start: "22:00", end: "06:00" }],
    ["ending at midnight", { start: "18:00", end: "00:00" }],
  ])("accepts a window %s", (_name, times) => {
    const result = parseLocation({ ...office, timeWindows: [{ ...office.timeWindows[0], ...times }] });
    expect(result.ok).toBe(true);
  });

  const window = office.timeWindows[0];
  it.each<[string, unknown, string]>([
    ["not an object", "office", "(root)"],
    ["missing id", { ...office, id: undefined }, "id"],
    ["empty name", { ...office, name: "  " }, "name"],
    ["no CIDRs (must be explicit)", { ...office, cidrs: [] }, "cidrs"],
    ["a bad CIDR", { ...office, cidrs: ["10.0.0.0/8", "10.0.0.0/40"] }, "cidrs.1"],
    ["a hostname instead of a CIDR", { ...office, cidrs: ["vpn.example.com"] }, "cidrs.0"],
    ["no client kinds", { ...office, clientKinds: [] }, "clientKinds"],
    ["an unknown client kind", { ...office, clientKinds: ["telnet"] }, "clientKinds.0"],
    ["viaGateway as string", { ...office, viaGateway: "yes" }, "viaGateway"],
    ["missing time windows (typo-safe: must be explicit)", { ...office, timeWindows: undefined }, "timeWindows"],
    ["a window without days", { ...office, timeWindows: [{ ...window, days: [] }] }, "timeWindows.0.days"],
    ["an unknown weekday", { ...office, timeWindows: [{ ...window, days: ["monday"] }] }, "timeWindows.0.days.0"],
    ["a bad start time", { ...office, timeWindows: [{ ...window, start: "8:00" }] }, "timeWindows.0.start"],
    ["start 24:00", { ...office, timeWindows: [{ ...window, start: "24:00" }] }, "timeWindows.0.start"],
    ["a bad end time", { ...office, timeWindows: [{ ...window, end: "18:61" }] }, "timeWindows.0.end"],
    ["start equals end", { ...office, timeWindows: [{ ...window, end: "08:00" }] }, "timeWindows.0"],
    [
      "an unknown zone",
      { ...office, timeWindows: [{ ...window, timeZone: "Europe/Atlantis" }] },
      "timeWindows.0.timeZone",
    ],
    ["an unknown key in a window", { ...office, timeWindows: [{ ...window, dayz: ["mon"] }] }, "timeWindows.0"],
  ])("rejects %s", (_name, raw, path) => {
    const result = parseLocation(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(`${path}:`);
  });

  it("reports the id of an invalid location when it has one", () => {
    expect(parseLocation({ ...office, cidrs: [] })).toMatchObject({ ok: false, id: "loc-office" });
    expect(parseLocation({ name: "x" })).toMatchObject({ ok: false, id: null });
    expect(parseLocation(null)).toMatchObject({ ok: false, id: null });
  });
});
