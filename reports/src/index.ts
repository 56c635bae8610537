export { guardCsvFormula } from "./csv/csv-formula-guard.js";
export { type CsvExportable, createReportCsvStream, renderReportCsv } from "./csv/csv-renderer.js";
export {
  type AssignmentHistoryData,
  type AssignmentHistoryRow,
  type AssignmentHistorySummary,
  assignmentDurationSeconds,
  assignmentHistoryReport,
} from "./definitions/assignment-history.report.js";
export {
  type BrokerHourlyPoint,
  type BrokerMetricsData,
  type BrokerMetricsSummary,
  brokerHourlyTable,
  brokerMetricsReport,
  type CapacityQuotaRow,
  capacityQuotaTable,
  type PoolMetricsRow,
  poolHeadroom,
} from "./definitions/broker-metrics.report.js";
export {
  type LoginHistoryData,
  type LoginHistoryRow,
  type LoginHistorySummary,
  type LoginOutcome,
  loginHistoryReport,
} from "./definitions/login-history.report.js";
export {
  type UsageDailyPoint,
  type UsageReportData,
  type UsageRow,
  type UsageSummary,
  usageReport,
} from "./definitions/usage.report.js";
export { formatCsvCell, formatDisplayCell } from "./format/cell-format.js";
export { isoDate, isoDateTime, isValidTimeZone, wallClock } from "./format/date-format.js";
export { renderReportPdf } from "./pdf/pdf-renderer.js";
export {
  type CsvRenderOptions,
  csvRenderOptionsSchema,
  type PdfRenderOptions,
  pdfRenderOptionsSchema,
  type TenantBranding,
} from "./render-options.js";
export type {
  CellTone,
  CellValue,
  ChartSeries,
  ChartSpec,
  ColumnDefinition,
  ColumnType,
  FormatContext,
  ReportAccumulator,
  ReportData,
  ReportDefinition,
  RowSource,
  SummaryKpi,
  SummaryLayout,
  SupplementaryTable,
  TableDefinition,
} from "./report.types.js";
