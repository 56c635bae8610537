import { describe, expect, it } from "vitest";
import { billingMonth } from "./billing-period";

describe("billing months", () => {
  it("reads YYYY-MM and knows the month before, across a year's end", () => {
    const january = billingMonth("2026-01");
    expect(january).toMatchObject({
      month: "2026-01",
      label: "January 2026",
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-02-01T00:00:00.000Z",
      firstDay: "2026-01-01",
      lastDay: "2026-01-31",
    });
    expect(january.previous).toMatchObject({ month: "2025-12", from: "2025-12-01T00:00:00.000Z" });
    expect(january.days).toHaveLength(31);
  });

  it("falls back to the current month for anything else", () => {
    const now = new Date("2026-12-05T12:00:00Z");
    for (const param of [undefined, "2026-13", "12-2026", ["2026-01"]]) {
      expect(billingMonth(param, now).month).toBe("2026-12");
    }
  });
});
