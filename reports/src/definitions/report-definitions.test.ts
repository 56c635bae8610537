import { describe, expect, it } from "vitest";
import type { FormatContext, ReportDefinition } from "../report.types.js";
import { sampleUsageDaily, sampleUsageRows } from "../testing/report-samples.fixtures.js";
import { assignmentDurationSeconds, assignmentHistoryReport } from "./assignment-history.report.js";
import { brokerMetricsReport, poolHeadroom } from "./broker-metrics.report.js";
import { loginHistoryReport } from "./login-history.report.js";
import { usageReport } from "./usage.report.js";

const ctx: FormatContext = {
  timeZone: "Europe/Berlin",
  locale: "en-US",
  generatedAt: new Date("2025-06-01T00:00:00Z"),
};

function fold<Row, Summary>(definition: ReportDefinition<Row, never, Summary>, rows: Iterable<Row>): Summary {
  const accumulator = definition.createAccumulator(ctx);
  for (const row of rows) accumulator.add(row);
  return accumulator.result();
}

describe("report definitions", () => {
  it("have unique column keys and non-empty headers", () => {
    for (const definition of [usageReport, loginHistoryReport, assignmentHistoryReport, brokerMetricsReport]) {
      const keys = definition.table.columns.map((column) => column.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(definition.table.columns.every((column) => column.header.trim().length > 0)).toBe(true);
    }
  });

  it("usage totals equal the sum of the rows and count distinct users", () => {
    const rows = [...sampleUsageRows(50)];
    const summary = fold(usageReport, rows);
    expect(summary.desktopHours).toBeCloseTo(
      rows.reduce((sum, row) => sum + row.desktopHours, 0),
      6,
    );
    expect(summary.users).toBe(new Set(rows.filter((row) => row.user).map((row) => row.user)).size);
    const layout = usageReport.summarize(summary, { rows, daily: sampleUsageDaily() }, ctx);
    expect(layout.charts[0]!.labels).toHaveLength(31);
    expect(layout.charts[0]!.labels[0]).toBe("May 1");
  });

  it("login history buckets attempts by hour of day in the report zone", () => {
    const base = {
      user: "u",
      sourceIp: "192.0.2.1",
      location: null,
      identityProvider: "Local",
      mfa: "TOTP",
      reason: null,
    };
    const summary = fold(loginHistoryReport, [
      { ...base, time: new Date("2025-05-01T22:30:00Z"), outcome: "success" as const },
      { ...base, time: new Date("2025-05-01T22:45:00Z"), outcome: "failure" as const, mfa: null },
      { ...base, time: new Date("2025-05-02T08:00:00Z"), outcome: "denied" as const, mfa: null },
    ]);
    // 22:30 UTC is 00:30 on 2 May in Berlin.
    expect(summary.byHourOfDay[0]).toEqual({ success: 1, failed: 1 });
    expect(summary.byHourOfDay[10]).toEqual({ success: 0, failed: 1 });
    expect([...summary.byDay.keys()]).toEqual(["2025-05-02"]);
    expect(summary).toMatchObject({ attempts: 3, successes: 1, failures: 1, denials: 1, withMfa: 1 });
  });

  it("assignment durations are open for active assignments", () => {
    const assignedAt = new Date("2025-05-01T08:00:00Z");
    const row = { user: "u", desktop: "d", pool: "p", assignedAt, releaseReason: "Idle timeout" };
    expect(assignmentDurationSeconds({ ...row, releasedAt: new Date("2025-05-01T09:30:00Z") })).toBe(5400);
    expect(assignmentDurationSeconds({ ...row, releasedAt: null, releaseReason: null })).toBeNull();
  });

  it("pool headroom uses the pool limit, or the pool size when only the quota bounds it", () => {
    const pool = {
      pool: "p",
      desktops: 10,
      avgInUse: 4,
      peakInUse: 7,
      provisioningRequested: 0,
      provisioningSucceeded: 0,
    };
    expect(poolHeadroom({ ...pool, maxDesktops: 20 })).toBe(13);
    expect(poolHeadroom({ ...pool, maxDesktops: null })).toBe(3);
    expect(poolHeadroom({ ...pool, maxDesktops: 5 })).toBe(0);
  });
});
