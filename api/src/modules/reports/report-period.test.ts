import { describe, expect, it } from "vitest";
import { latestDuePeriod, zonedInstant } from "./report-period.js";

const iso = (date: Date) => date.toISOString();

describe("report periods", () => {
  it("sends yesterday's local day at the schedule hour, and the day before until then", () => {
    const schedule = { period: "daily" as const, timeZone: "Europe/Berlin", hour: 7 };
    const after = latestDuePeriod(schedule, new Date("2026-06-10T05:30:00Z")); // 07:30 in Berlin
    expect([iso(after.from), iso(after.to), iso(after.dueAt)]).toEqual([
      "2026-06-08T22:00:00.000Z",
      "2026-06-09T22:00:00.000Z",
      "2026-06-10T05:00:00.000Z",
    ]);
    const before = latestDuePeriod(schedule, new Date("2026-06-10T04:30:00Z")); // 06:30 in Berlin
    expect(iso(before.from)).toBe("2026-06-07T22:00:00.000Z");
  });

  it("a local day across the spring DST change is 23 hours long", () => {
    const period = latestDuePeriod(
      { period: "daily", timeZone: "Europe/Berlin", hour: 0 },
      new Date("2026-03-30T12:00:00Z"),
    );
    expect([iso(period.from), iso(period.to)]).toEqual(["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
  });

  it("weeks run Monday to Monday and months from the 1st, in the schedule's zone", () => {
    const week = latestDuePeriod(
      { period: "weekly", timeZone: "America/New_York", hour: 6 },
      new Date("2026-11-26T12:00:00Z"),
    );
    expect([iso(week.from), iso(week.to)]).toEqual(["2026-11-16T05:00:00.000Z", "2026-11-23T05:00:00.000Z"]);
    const month = latestDuePeriod({ period: "monthly", timeZone: "UTC", hour: 6 }, new Date("2026-03-01T05:00:00Z"));
    expect([iso(month.from), iso(month.to)]).toEqual(["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]);
  });

  it("an hour skipped by DST resolves to the first instant after the gap", () => {
    expect(iso(zonedInstant({ year: 2026, month: 3, day: 29 }, 2, "Europe/Berlin"))).toBe("2026-03-29T01:00:00.000Z");
  });
});
