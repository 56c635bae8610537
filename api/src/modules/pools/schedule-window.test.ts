import type { Weekday } from "@atrium/schema";
import { describe, expect, it } from "vitest";
import { effectiveSizes, scheduleProblem } from "./schedule-window.js";

const base = { minTotal: 1, maxTotal: 10, minAvailable: 1, minRunning: 0, timeZone: "Europe/Berlin" };
const peak = { days: ["mon", "tue", "wed", "thu", "fri"] as Weekday[], start: "08:00", end: "18:00", minAvailable: 5 };
const night = { days: ["fri"] as Weekday[], start: "22:00", end: "02:00", maxTotal: 2 };

describe("schedule windows", () => {
  it("applies the first open window in the pool's time zone and falls back to the base sizes", () => {
    const pool = { ...base, schedule: [peak, night] };
    // 07:30 UTC on a Monday in winter is 08:30 in Berlin.
    expect(effectiveSizes(pool, new Date("2026-01-05T07:30:00Z"))).toMatchObject({ minAvailable: 5, windowIndex: 0 });
    expect(effectiveSizes(pool, new Date("2026-01-05T06:30:00Z"))).toMatchObject({
      minAvailable: 1,
      windowIndex: null,
    });
    expect(effectiveSizes(pool, new Date("2026-01-10T10:00:00Z")).windowIndex).toBeNull();
  });

  it("keeps a window crossing midnight open on the next morning", () => {
    const pool = { ...base, schedule: [night] };
    expect(effectiveSizes(pool, new Date("2026-01-09T21:30:00Z"))).toMatchObject({ maxTotal: 2 }); // Fri 22:30
    expect(effectiveSizes(pool, new Date("2026-01-10T00:30:00Z"))).toMatchObject({ maxTotal: 2 }); // Sat 01:30
    expect(effectiveSizes(pool, new Date("2026-01-10T01:30:00Z"))).toMatchObject({ maxTotal: 10 }); // Sat 02:30
  });

  it("reports unusable windows", () => {
    expect(scheduleProblem([{ ...peak, days: [] }])).toMatch(/at least one day/);
    expect(scheduleProblem([{ ...peak, days: ["monday"] as unknown as Weekday[] }])).toMatch(/unknown day/);
    expect(scheduleProblem([{ ...peak, start: "8:00" }])).toMatch(/HH:MM/);
    expect(scheduleProblem([{ ...peak, end: "08:00" }])).toMatch(/differ/);
    expect(scheduleProblem([{ ...peak, minTotal: 5, maxTotal: 2 }])).toMatch(/exceeds/);
    expect(scheduleProblem([peak, night])).toBeNull();
  });
});
