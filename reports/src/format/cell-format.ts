import type { CellValue, ColumnDefinition, ColumnType, FormatContext } from "../report.types.js";
import { displayDateTime, isoDate, isoDateTime } from "./date-format.js";

const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set([
  "integer",
  "decimal",
  "hours",
  "percent",
  "duration",
  "milliseconds",
]);

export function isNumericColumn(type: ColumnType): boolean {
  return NUMERIC_TYPES.has(type);
}

function defaultDecimals(type: ColumnType): number {
  switch (type) {
    case "integer":
    case "milliseconds":
      return 0;
    case "percent":
      return 1;
    default:
      return 2;
  }
}

export function columnDecimals<Row>(column: ColumnDefinition<Row>): number {
  return column.decimals ?? defaultDecimals(column.type);
}

const pad2 = (value: number): string => String(value).padStart(2, "0");

/** `h:mm:ss`, hours unbounded: spreadsheets read it as a duration and billing never wraps at 24 h. */
function csvDuration(seconds: number): string {
  const sign = seconds < 0 ? "-" : "";
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return `${sign}${h}:${pad2(m)}:${pad2(total % 60)}`;
}

function displayDuration(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return h === 0 ? `${m} m` : `${h} h ${pad2(m)} m`;
}

const finite = (value: CellValue): value is number => typeof value === "number" && Number.isFinite(value);

/**
 * Locale-free CSV text for a cell. Numbers use `.` and no grouping so every spreadsheet and parser reads
 * them; returns `null` for an empty cell. Formula-injection escaping happens later, in the CSV layer.
 */
export function formatCsvCell<Row>(column: ColumnDefinition<Row>, value: CellValue, ctx: FormatContext): string | null {
  if (value === null || value === undefined) return null;
  if (column.label) return column.label(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return column.type === "date" ? isoDate(value, ctx.timeZone) : isoDateTime(value, ctx.timeZone);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    const decimals = columnDecimals(column);
    switch (column.type) {
      case "percent":
        return (value * 100).toFixed(decimals);
      case "duration":
        return csvDuration(value);
      case "integer":
        return Math.round(value).toString();
      default:
        return value.toFixed(column.csvDecimals ?? decimals);
    }
  }
  return value;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, decimals: number, style: "decimal" | "percent"): Intl.NumberFormat {
  const key = `${locale}|${decimals}|${style}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, format);
  }
  return format;
}

/** Human text for a PDF cell, grouped by locale, with units where the header alone would be ambiguous. */
export function formatDisplayCell<Row>(column: ColumnDefinition<Row>, value: CellValue, ctx: FormatContext): string {
  if (value === null || value === undefined) return column.emptyText ?? "—";
  if (column.label) return column.label(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return column.emptyText ?? "—";
    return column.type === "date" ? isoDate(value, ctx.timeZone) : displayDateTime(value, ctx.timeZone);
  }
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (finite(value)) {
    const decimals = columnDecimals(column);
    switch (column.type) {
      case "percent":
        return numberFormat(ctx.locale, decimals, "percent").format(value);
      case "duration":
        return displayDuration(value);
      case "milliseconds":
        return `${numberFormat(ctx.locale, decimals, "decimal").format(value)} ms`;
      default:
        return numberFormat(ctx.locale, decimals, "decimal").format(value);
    }
  }
  if (typeof value === "number") return column.emptyText ?? "—";
  return value;
}

/** Formats a standalone quantity (KPI tiles, chart axes) like a column of that type would. */
export function formatQuantity(value: number | null, type: ColumnType, ctx: FormatContext, decimals?: number): string {
  const column: ColumnDefinition<unknown> = { key: "kpi", header: "", type, decimals, value: () => null };
  return formatDisplayCell(column, value, ctx);
}
