import { describe, expect, it } from "vitest";
import { displayDateTime, hourLabel, isoDate, isoDateTime, isValidTimeZone, wallClock } from "./date-format.js";

describe("date formatting in IANA zones", () => {
  it("writes UTC with a Z suffix and drops milliseconds", () => {
    expect(isoDateTime(new Date("2025-03-09T07:05:09.999Z"), "UTC")).toBe("2025-03-09T07:05:09Z");
  });

  it("follows daylight-saving changes", () => {
    // Europe/Berlin switches to CEST at 01:00 UTC on 30 March 2025.
    expect(isoDateTime(new Date("2025-03-30T00:59:59Z"), "Europe/Berlin")).toBe("2025-03-30T01:59:59+01:00");
    expect(isoDateTime(new Date("2025-03-30T01:00:00Z"), "Europe/Berlin")).toBe("2025-03-30T03:00:00+02:00");
  });

  it("handles half-hour and negative offsets and date-line days", () => {
    expect(isoDateTime(new Date("2025-01-01T00:00:00Z"), "Asia/Kathmandu")).toBe("2025-01-01T05:45:00+05:45");
    expect(isoDateTime(new Date("2025-01-01T03:00:00Z"), "America/St_Johns")).toBe("2024-12-31T23:30:00-03:30");
    expect(isoDate(new Date("2025-01-01T11:00:00Z"), "Pacific/Kiritimati")).toBe("2025-01-02");
  });

  it("renders human and bucket labels in the zone", () => {
    const instant = new Date("2025-05-01T22:15:00Z");
    expect(displayDateTime(instant, "Europe/Berlin")).toBe("2025-05-02 00:15");
    expect(hourLabel(instant, "Europe/Berlin")).toBe("05-02 00:00");
    expect(wallClock(instant, "Europe/Berlin").offsetMinutes).toBe(120);
  });

  it("gives the same wall clock for rows in time order across a DST change as for isolated instants", () => {
    // Consecutive calls within one minute reuse that minute's offset; the change at 01:00 UTC must still show.
    const start = Date.parse("2024-03-31T00:58:00Z");
    for (let ms = 0; ms < 4 * 60_000; ms += 7_000) {
      const instant = new Date(start + ms);
      const expected = new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Berlin",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23",
      }).format(instant);
      const wall = wallClock(instant, "Europe/Berlin");
      const text = [wall.hour, wall.minute, wall.second].map((part) => String(part).padStart(2, "0")).join(":");
      expect(text).toBe(expected);
      expect(wall.offsetMinutes).toBe(instant.getTime() < Date.parse("2024-03-31T01:00:00Z") ? 60 : 120);
    }
  });

  it("recognises valid zones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Not/AZone")).toBe(false);
  });
});
