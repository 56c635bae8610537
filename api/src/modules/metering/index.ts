export { type DesktopSize, type PowerHistoryInput, reconcilePowerHistory } from "./power-history.js";
export type { UsageSummaryRowType } from "./usage.types.js";
export { HOUR_MS, type MeterInput, meterUsage, type UsageTotals } from "./usage-calculator.js";
export { multiplyDecimals, normalizeDecimal, sumDecimals } from "./usage-decimal.js";
export {
  checkPeriod,
  listUsageRecords,
  loadUsageForReport,
  summarizeUsage,
  type UsagePeriod,
  type UsageReportData,
} from "./usage-feed.service.js";
export { registerMeteringJobs, usageMeterJob, usageMeterSchedule, usageMeterTenantJob } from "./usage-meter.job.js";
export {
  hourStartOf,
  type MeterOutcome,
  type MeterRange,
  meterTenantHours,
  REMETER_WINDOW_MS,
  trailingWindow,
} from "./usage-metering.service.js";
