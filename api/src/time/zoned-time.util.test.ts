import { describe, expect, it } from "vitest";
import { isValidTimeZone, parseClockTime, previousWeekday, wallTimeIn } from "./zoned-time.util.js";

const hm = (minuteOfDay: number): string =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, "0")}:${String(minuteOfDay % 60).padStart(2, "0")}`;

describe("wallTimeIn", () => {
  it.each([
    // Berlin, spring forward Sun 2025-03-30 01:00Z: 02:00 CET jumps to 03:00 CEST
    ["2025-03-30T00:59:00Z", "Europe/Berlin", "sun", "01:59"],
    ["2025-03-30T01:00:00Z", "Europe/Berlin", "sun", "03:00"],
    // Berlin, fall back Sun 2025-10-26 01:00Z: 03:00 CEST goes back to 02:00 CET
    ["2025-10-26T00:30:00Z", "Europe/Berlin", "sun", "02:30"],
    ["2025-10-26T01:30:00Z", "Europe/Berlin", "sun", "02:30"],
    // New York, spring forward Sun 2025-03-09 07:00Z
    ["2025-03-09T06:59:00Z", "America/New_York", "sun", "01:59"],
    ["2025-03-09T07:00:00Z", "America/New_York", "sun", "03:00"],
    // New York, fall back Sun 2025-11-02 06:00Z: 01:xx happens twice
    ["2025-11-02T05:30:00Z", "America/New_York", "sun", "01:30"],
    ["2025-11-02T06:30:00Z", "America/New_York", "sun", "01:30"],
    // weekday differs from UTC
    ["2025-06-01T15:00:00Z", "Asia/Tokyo", "mon", "00:00"],
    ["2025-06-07T00:30:00Z", "America/Los_Angeles", "fri", "17:30"],
    ["2025-06-07T00:30:00Z", "UTC", "sat", "00:30"],
    // midnight renders as 00, never 24
    ["2025-06-02T00:00:00Z", "UTC", "mon", "00:00"],
    ["2025-06-01T22:00:00Z", "Europe/Berlin", "mon", "00:00"],
    // half-hour offset zone
    ["2025-06-01T18:29:00Z", "Asia/Kolkata", "sun", "23:59"],
  ])("%s in %s is %s %s", (iso, zone, weekday, time) => {
    const wall = wallTimeIn(new Date(iso), zone);
    expect(wall?.weekday).toBe(weekday);
    expect(hm(wall!.minuteOfDay)).toBe(time);
  });

  it("returns null for an invalid date or zone", () => {
    expect(wallTimeIn(new Date(Number.NaN), "UTC")).toBeNull();
    expect(wallTimeIn(new Date("2025-01-01T00:00:00Z"), "Mars/Olympus_Mons")).toBeNull();
  });
});

describe("isValidTimeZone", () => {
  it.each([
    ["Europe/Berlin", true],
    ["America/New_York", true],
    ["UTC", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
    ["   ", false],
  ])("%j -> %s", (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});

describe("parseClockTime", () => {
  it.each([
    ["00:00", 0],
    ["09:30", 570],
    ["23:59", 1439],
    ["24:00", 1440],
    ["24:01", null],
    ["25:00", null],
    ["12:60", null],
    ["9:30", null],
    ["09:30:00", null],
    ["", null],
  ])("%j -> %s", (text, expected) => {
    expect(parseClockTime(text)).toBe(expected);
  });
});

describe("previousWeekday", () => {
  it.each([
    ["mon", "sun"],
    ["tue", "mon"],
    ["sun", "sat"],
  ] as const)("%s -> %s", (day, expected) => {
    expect(previousWeekday(day)).toBe(expected);
  });
});
