import { describe, expect, it } from "vitest";
import type { ColumnDefinition, ColumnType, FormatContext } from "../report.types.js";
import { formatCsvCell, formatDisplayCell } from "./cell-format.js";

const ctx: FormatContext = { timeZone: "UTC", locale: "en-US", generatedAt: new Date(0) };
const column = (type: ColumnType, extra: Partial<ColumnDefinition<unknown>> = {}): ColumnDefinition<unknown> => ({
  key: "k",
  header: "K",
  type,
  value: () => null,
  ...extra,
});

describe("cell formatting", () => {
  it("keeps CSV numbers locale-free and PDF numbers grouped", () => {
    expect(formatCsvCell(column("hours"), 12345.678, ctx)).toBe("12345.68");
    expect(formatDisplayCell(column("hours"), 12345.678, ctx)).toBe("12,345.68");
    expect(formatDisplayCell(column("hours"), 12345.678, { ...ctx, locale: "de-DE" })).toBe("12.345,68");
    expect(formatCsvCell(column("integer"), 41.6, ctx)).toBe("42");
    expect(formatCsvCell(column("decimal", { decimals: 1 }), -3.25, ctx)).toBe("-3.3");
  });

  it("writes percentages, durations and latencies per medium", () => {
    expect(formatCsvCell(column("percent"), 0.4567, ctx)).toBe("45.7");
    expect(formatDisplayCell(column("percent"), 0.4567, ctx)).toBe("45.7%");
    expect(formatCsvCell(column("duration"), 93_784, ctx)).toBe("26:03:04");
    expect(formatDisplayCell(column("duration"), 93_784, ctx)).toBe("26 h 03 m");
    expect(formatDisplayCell(column("duration"), 42, ctx)).toBe("42 s");
    expect(formatDisplayCell(column("milliseconds"), 1234.4, ctx)).toBe("1,234 ms");
  });

  it("leaves empty CSV cells empty and shows a placeholder in PDFs", () => {
    expect(formatCsvCell(column("text"), null, ctx)).toBeNull();
    expect(formatCsvCell(column("hours"), Number.NaN, ctx)).toBeNull();
    expect(formatDisplayCell(column("text"), undefined, ctx)).toBe("—");
    expect(formatDisplayCell(column("text", { emptyText: "None" }), null, ctx)).toBe("None");
  });

  it("applies enum labels and boolean words", () => {
    const outcome = column("text", { label: (value) => (value === "success" ? "Success" : "Failed") });
    expect(formatCsvCell(outcome, "success", ctx)).toBe("Success");
    expect(formatCsvCell(column("boolean"), true, ctx)).toBe("true");
    expect(formatDisplayCell(column("boolean"), false, ctx)).toBe("No");
  });

  it("formats dates as ISO in CSV and as short local time in PDFs", () => {
    const instant = new Date("2025-05-01T08:30:00Z");
    expect(formatCsvCell(column("datetime"), instant, { ...ctx, timeZone: "Asia/Tokyo" })).toBe(
      "2025-05-01T17:30:00+09:00",
    );
    expect(formatCsvCell(column("date"), instant, ctx)).toBe("2025-05-01");
    expect(formatDisplayCell(column("datetime"), instant, ctx)).toBe("2025-05-01 08:30");
  });
});
