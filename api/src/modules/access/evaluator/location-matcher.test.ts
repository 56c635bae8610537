import { describe, expect, it } from "vitest";
import { type CompiledLocation, type Location, parseLocation, type TimeWindow } from "./location.types.js";
import { type ClientContext, isWithinTimeWindow, matchLocation } from "./location-matcher.js";

function compile(location: Location): CompiledLocation {
  const result = parseLocation(location);
  if (!result.ok) {
    throw new Error(result.error);
  }
  return result.location;
}

function windowOf(window: TimeWindow) {
  return compile({
    id: "w",
    name: "w",
    cidrs: ["0.0.0.0/0"],
    clientKinds: ["web"],
    viaGateway: "any",
    timeWindows: [window],
  }).timeWindows[0];
}

const inside = (window: TimeWindow, iso: string) => isWithinTimeWindow(windowOf(window), new Date(iso));

describe("isWithinTimeWindow: same-day windows", () => {
  const office = { days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00", timeZone: "UTC" } as const;
  it.each([
    ["2025-06-02T08:59:00Z", false], // Mon, one minute early
    ["2025-06-02T09:00:00Z", true], // start is inclusive
    ["2025-06-02T16:59:00Z", true],
    ["2025-06-02T17:00:00Z", false], // end is exclusive
    ["2025-06-07T12:00:00Z", false], // Saturday
  ])("%s -> %s", (iso, expected) => {
    expect(inside({ ...office, days: [...office.days] }, iso)).toBe(expected);
  });

  it("00:00-24:00 covers the whole listed day and nothing else", () => {
    const allMonday: TimeWindow = { days: ["mon"], start: "00:00", end: "24:00", timeZone: "UTC" };
    expect(inside(allMonday, "2025-06-02T00:00:00Z")).toBe(true);
    expect(inside(allMonday, "2025-06-02T23:59:59Z")).toBe(true);
    expect(inside(allMonday, "2025-06-01T23:59:59Z")).toBe(false);
    expect(inside(allMonday, "2025-06-03T00:00:00Z")).toBe(false);
  });
});

describe("isWithinTimeWindow: windows crossing midnight", () => {
  // Friday and Saturday nights, 22:00 until 06:00 the next morning.
  const nights: TimeWindow = { days: ["fri", "sat"], start: "22:00", end: "06:00", timeZone: "UTC" };
  it.each([
    ["2025-06-06T21:59:00Z", false], // Fri before start
    ["2025-06-06T22:00:00Z", true], // Fri night
    ["2025-06-07T00:00:00Z", true], // Sat early morning belongs to Friday's window
    ["2025-06-07T05:59:00Z", true],
    ["2025-06-07T06:00:00Z", false],
    ["2025-06-07T23:00:00Z", true], // Sat night
    ["2025-06-08T05:00:00Z", true], // Sun early morning belongs to Saturday's window
    ["2025-06-08T22:30:00Z", false], // Sun night: Sunday not listed
    ["2025-06-06T03:00:00Z", false], // Fri early morning would belong to Thursday's window
  ])("%s -> %s", (iso, expected) => {
    expect(inside(nights, iso)).toBe(expected);
  });

  it("a window ending at 00:00 runs to midnight and no further", () => {
    const evening: TimeWindow = { days: ["mon"], start: "18:00", end: "00:00", timeZone: "UTC" };
    expect(inside(evening, "2025-06-02T23:59:00Z")).toBe(true);
    expect(inside(evening, "2025-06-03T00:00:00Z")).toBe(false);
  });
});

describe("isWithinTimeWindow: DST change days", () => {
  it.each<[string, TimeWindow, string, boolean]>([
    // Europe/Berlin spring forward, Sun 2025-03-30: 09:00 local is 08:00Z on Saturday but 07:00Z on Sunday.
    [
      "Berlin Sat 08:59 CET",
      { days: ["sat", "sun"], start: "09:00", end: "17:00", timeZone: "Europe/Berlin" },
      "2025-03-29T07:59:00Z",
      false,
    ],
    [
      "Berlin Sat 09:00 CET",
      { days: ["sat", "sun"], start: "09:00", end: "17:00", timeZone: "Europe/Berlin" },
      "2025-03-29T08:00:00Z",
      true,
    ],
    [
      "Berlin Sun 08:59 CEST",
      { days: ["sat", "sun"], start: "09:00", end: "17:00", timeZone: "Europe/Berlin" },
      "2025-03-30T06:59:00Z",
      false,
    ],
    [
      "Berlin Sun 09:00 CEST",
      { days: ["sat", "sun"], start: "09:00", end: "17:00", timeZone: "Europe/Berlin" },
      "2025-03-30T07:00:00Z",
      true,
    ],
    [
      "Berlin Sun 16:59 CEST",
      { days: ["sat", "sun"], start: "09:00", end: "17:00", timeZone: "Europe/Berlin" },
      "2025-03-30T14:59:00Z",
      true,
    ],
    [
      "Berlin Sun 17:00 CEST",
      { days: ["sat", "sun"], start: "09:00", end: "17:00", timeZone: "Europe/Berlin" },
      "2025-03-30T15:00:00Z",
      false,
    ],
    // The skipped hour 02:00-03:00 never happens on the spring-forward day.
    [
      "Berlin skipped hour, just before",
      { days: ["sun"], start: "02:00", end: "03:00", timeZone: "Europe/Berlin" },
      "2025-03-30T00:59:00Z",
      false,
    ],
    [
      "Berlin skipped hour, just after",
      { days: ["sun"], start: "02:00", end: "03:00", timeZone: "Europe/Berlin" },
      "2025-03-30T01:00:00Z",
      false,
    ],
    // A window spanning the gap keeps its wall-clock edges.
    [
      "Berlin 01:30-03:30 at 01:30 CET",
      { days: ["sun"], start: "01:30", end: "03:30", timeZone: "Europe/Berlin" },
      "2025-03-30T00:30:00Z",
      true,
    ],
    [
      "Berlin 01:30-03:30 at 03:00 CEST",
      { days: ["sun"], start: "01:30", end: "03:30", timeZone: "Europe/Berlin" },
      "2025-03-30T01:00:00Z",
      true,
    ],
    [
      "Berlin 01:30-03:30 at 03:30 CEST",
      { days: ["sun"], start: "01:30", end: "03:30", timeZone: "Europe/Berlin" },
      "2025-03-30T01:30:00Z",
      false,
    ],
    // Fall back, Sun 2025-10-26: 02:00-03:00 happens twice, the window is open both times.
    [
      "Berlin repeated hour, first pass",
      { days: ["sun"], start: "02:00", end: "03:00", timeZone: "Europe/Berlin" },
      "2025-10-26T00:00:00Z",
      true,
    ],
    [
      "Berlin repeated hour, first pass end",
      { days: ["sun"], start: "02:00", end: "03:00", timeZone: "Europe/Berlin" },
      "2025-10-26T00:59:00Z",
      true,
    ],
    [
      "Berlin repeated hour, second pass",
      { days: ["sun"], start: "02:00", end: "03:00", timeZone: "Europe/Berlin" },
      "2025-10-26T01:00:00Z",
      true,
    ],
    [
      "Berlin repeated hour, after",
      { days: ["sun"], start: "02:00", end: "03:00", timeZone: "Europe/Berlin" },
      "2025-10-26T02:00:00Z",
      false,
    ],
    // Night window crossing midnight into the spring-forward morning.
    [
      "Berlin Sat night 22:00 CET",
      { days: ["sat"], start: "22:00", end: "06:00", timeZone: "Europe/Berlin" },
      "2025-03-29T21:00:00Z",
      true,
    ],
    [
      "Berlin Sun 05:59 CEST",
      { days: ["sat"], start: "22:00", end: "06:00", timeZone: "Europe/Berlin" },
      "2025-03-30T03:59:00Z",
      true,
    ],
    [
      "Berlin Sun 06:00 CEST",
      { days: ["sat"], start: "22:00", end: "06:00", timeZone: "Europe/Berlin" },
      "2025-03-30T04:00:00Z",
      false,
    ],
    // America/New_York spring forward, Sun 2025-03-09: 09:00 local is 14:00Z on Saturday, 13:00Z on Sunday.
    [
      "NY Sat 09:00 EST",
      { days: ["sat", "sun"], start: "09:00", end: "17:00", timeZone: "America/New_York" },
      "2025-03-08T14:00:00Z",
      true,
    ],
    [
      "NY Sat 08:59 EST",
      { days: ["sat", "sun"], start: "09:00", end: "17:00", timeZone: "America/New_York" },
      "2025-03-08T13:59:00Z",
      false,
    ],
    [
      "NY Sun 08:59 EDT",
      { days: ["sat", "sun"], start: "09:00", end: "17:00", timeZone: "America/New_York" },
      "2025-03-09T12:59:00Z",
      false,
    ],
    [
      "NY Sun 09:00 EDT",
      { days: ["sat", "sun"], start: "09:00", end: "17:00", timeZone: "America/New_York" },
      "2025-03-09T13:00:00Z",
      true,
    ],
    // Fall back, Sun 2025-11-02: 01:00-02:00 happens twice.
    [
      "NY 00:59 EDT",
      { days: ["sun"], start: "01:00", end: "02:00", timeZone: "America/New_York" },
      "2025-11-02T04:59:00Z",
      false,
    ],
    [
      "NY 01:00 EDT",
      { days: ["sun"], start: "01:00", end: "02:00", timeZone: "America/New_York" },
      "2025-11-02T05:00:00Z",
      true,
    ],
    [
      "NY 01:00 EST (again)",
      { days: ["sun"], start: "01:00", end: "02:00", timeZone: "America/New_York" },
      "2025-11-02T06:00:00Z",
      true,
    ],
    [
      "NY 01:59 EST",
      { days: ["sun"], start: "01:00", end: "02:00", timeZone: "America/New_York" },
      "2025-11-02T06:59:00Z",
      true,
    ],
    [
      "NY 02:00 EST",
      { days: ["sun"], start: "01:00", end: "02:00", timeZone: "America/New_York" },
      "2025-11-02T07:00:00Z",
      false,
    ],
  ])("%s", (_name, window, iso, expected) => {
    expect(inside(window, iso)).toBe(expected);
  });
});

describe("isWithinTimeWindow: weekday boundaries in a zone other than UTC", () => {
  it.each<[string, TimeWindow, string, boolean]>([
    // Monday in Tokyo starts while it is still Sunday in UTC.
    [
      "Tokyo Mon 00:00 (Sun 15:00Z)",
      { days: ["mon"], start: "00:00", end: "24:00", timeZone: "Asia/Tokyo" },
      "2025-06-01T15:00:00Z",
      true,
    ],
    [
      "Tokyo Sun 23:59 (Sun 14:59Z)",
      { days: ["mon"], start: "00:00", end: "24:00", timeZone: "Asia/Tokyo" },
      "2025-06-01T14:59:00Z",
      false,
    ],
    [
      "Tokyo Tue 00:00 (Mon 15:00Z)",
      { days: ["mon"], start: "00:00", end: "24:00", timeZone: "Asia/Tokyo" },
      "2025-06-02T15:00:00Z",
      false,
    ],
    // Friday evening in Los Angeles is already Saturday in UTC.
    [
      "LA Fri 17:30 (Sat 00:30Z)",
      { days: ["fri"], start: "17:00", end: "24:00", timeZone: "America/Los_Angeles" },
      "2025-06-07T00:30:00Z",
      true,
    ],
    [
      "LA Sat 00:30 (Sat 07:30Z)",
      { days: ["fri"], start: "17:00", end: "24:00", timeZone: "America/Los_Angeles" },
      "2025-06-07T07:30:00Z",
      false,
    ],
    // Weekday-only business hours in Berlin: Monday 07:30 local is Monday 05:30Z in summer.
    [
      "Berlin Mon 07:30",
      { days: ["mon"], start: "07:00", end: "08:00", timeZone: "Europe/Berlin" },
      "2025-06-02T05:30:00Z",
      true,
    ],
    [
      "Berlin Sun 23:30 (Sun 21:30Z)",
      { days: ["sun"], start: "23:00", end: "24:00", timeZone: "Europe/Berlin" },
      "2025-06-01T21:30:00Z",
      true,
    ],
    [
      "Berlin Mon 00:30 (Sun 22:30Z)",
      { days: ["sun"], start: "23:00", end: "24:00", timeZone: "Europe/Berlin" },
      "2025-06-01T22:30:00Z",
      false,
    ],
  ])("%s", (_name, window, iso, expected) => {
    expect(inside(window, iso)).toBe(expected);
  });

  it("returns null for an unreadable clock", () => {
    const window: TimeWindow = { days: ["mon"], start: "09:00", end: "17:00", timeZone: "UTC" };
    expect(inside(window, "not a date")).toBeNull();
  });
});

describe("matchLocation", () => {
  const office = compile({
    id: "office",
    name: "Office",
    cidrs: ["10.0.0.0/8", "2001:db8:1::/48"],
    clientKinds: ["web", "native"],
    viaGateway: false,
    timeWindows: [
      { days: ["mon", "tue", "wed", "thu", "fri"], start: "07:00", end: "19:00", timeZone: "Europe/Berlin" },
    ],
  });
  const external = compile({
    id: "external",
    name: "External",
    cidrs: ["0.0.0.0/0", "::/0"],
    clientKinds: ["web", "native", "api"],
    viaGateway: "any",
    timeWindows: [],
  });
  const mondayNoon = new Date("2025-06-02T10:00:00Z");
  const saturdayNoon = new Date("2025-06-07T10:00:00Z");
  const base: ClientContext = { ip: "10.1.2.3", kind: "web", viaGateway: false };

  it.each<[string, CompiledLocation, ClientContext, Date, string, RegExp]>([
    ["all dimensions match", office, base, mondayNoon, "match", /matched/],
    ["IPv6 client in range", office, { ...base, ip: "2001:db8:1::42" }, mondayNoon, "match", /matched/],
    ["mapped client in range", office, { ...base, ip: "::ffff:10.9.9.9" }, mondayNoon, "match", /matched/],
    ["address outside ranges", office, { ...base, ip: "192.0.2.1" }, mondayNoon, "no_match", /not in its ranges/],
    ["kind not allowed", office, { ...base, kind: "api" }, mondayNoon, "no_match", /client kind 'api'/],
    ["via gateway but direct required", office, { ...base, viaGateway: true }, mondayNoon, "no_match", /direct/],
    ["outside time windows", office, base, saturdayNoon, "no_match", /outside its time windows/],
    ["address unknown", office, { ...base, ip: null }, mondayNoon, "unknown", /address unknown/],
    ["address unparseable", office, { ...base, ip: "garbage" }, mondayNoon, "unknown", /address unknown/],
    [
      "unknown address but a definite mismatch",
      office,
      { ...base, ip: null, kind: "api" },
      mondayNoon,
      "no_match",
      /client kind/,
    ],
    ["clock unreadable", office, base, new Date(Number.NaN), "unknown", /time could not be read/],
    ["/0 ranges match any IPv4", external, { ...base, ip: "198.51.100.1" }, saturdayNoon, "match", /matched/],
    ["/0 ranges match any IPv6", external, { ...base, ip: "2001:db8:ffff::1" }, saturdayNoon, "match", /matched/],
    [
      "'any' gateway accepts gateway",
      external,
      { ...base, viaGateway: true, kind: "api" },
      saturdayNoon,
      "match",
      /matched/,
    ],
  ])("%s", (_name, location, client, now, outcome, why) => {
    const result = matchLocation(location, client, now);
    expect(result.outcome).toBe(outcome);
    expect(result.why).toMatch(why);
  });

  it("gateway-only location rejects direct clients", () => {
    const viaGateway = compile({
      id: "gw",
      name: "Gateway users",
      cidrs: ["0.0.0.0/0"],
      clientKinds: ["web"],
      viaGateway: true,
      timeWindows: [],
    });
    expect(matchLocation(viaGateway, { ...base, viaGateway: true }, mondayNoon).outcome).toBe("match");
    expect(matchLocation(viaGateway, base, mondayNoon)).toMatchObject({
      outcome: "no_match",
      why: /requires the gateway/,
    });
  });

  it("an IPv4-only location never matches an IPv6 client", () => {
    const v4only = compile({
      id: "v4",
      name: "v4",
      cidrs: ["0.0.0.0/0"],
      clientKinds: ["web"],
      viaGateway: "any",
      timeWindows: [],
    });
    expect(matchLocation(v4only, { ...base, ip: "2001:db8::1" }, mondayNoon).outcome).toBe("no_match");
  });
});
