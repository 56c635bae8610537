import { formatQuantity } from "../format/cell-format.js";
import type { ColumnDefinition, FormatContext, ReportData, ReportDefinition, SummaryLayout } from "../report.types.js";
import { addTo, shortDayLabel, topEntries } from "./summary-helpers.js";

/** Usage for one tenant × pool × flavor × user over the report period (the billing grain). */
export interface UsageRow {
  readonly tenant: string;
  readonly pool: string;
  readonly flavor: string;
  /** Null for desktops that were powered on but never assigned (pool warm capacity). */
  readonly user: string | null;
  /** Hours the desktop was powered on. */
  readonly desktopHours: number;
  readonly assignedHours: number;
  readonly sessionHours: number;
  readonly vcpuHours: number;
  readonly ramGbHours: number;
  readonly storageGbHours: number;
}

/** One calendar day (in the report's zone) of usage for the daily chart. */
export interface UsageDailyPoint {
  /** `YYYY-MM-DD`. */
  readonly day: string;
  readonly desktopHours: number;
  readonly sessionHours: number;
}

export interface UsageReportData extends ReportData<UsageRow> {
  readonly daily: readonly UsageDailyPoint[];
}

export interface UsageSummary {
  readonly rows: number;
  readonly desktopHours: number;
  readonly assignedHours: number;
  readonly sessionHours: number;
  readonly vcpuHours: number;
  readonly ramGbHours: number;
  readonly storageGbHours: number;
  readonly users: number;
  readonly pools: number;
  readonly desktopHoursByPool: ReadonlyMap<string, number>;
}

/**
 * The metered quantities' own six places: summing the CSV's lines gives usageSummary's totals to the last digit,
 * where two places would drift by up to half a cent per line.
 */
const METERED_DECIMALS = 6;

const hours = (key: keyof UsageRow & string, header: string, width = 0.8): ColumnDefinition<UsageRow> => ({
  key,
  header,
  type: "hours",
  csvDecimals: METERED_DECIMALS,
  width,
  total: true,
  value: (row) => row[key] as number,
});

export const usageColumns: readonly ColumnDefinition<UsageRow>[] = [
  { key: "tenant", header: "Tenant", type: "text", width: 1.1, value: (row) => row.tenant },
  { key: "pool", header: "Pool", type: "text", width: 1.2, value: (row) => row.pool },
  { key: "flavor", header: "Flavor", type: "text", width: 0.75, value: (row) => row.flavor },
  { key: "user", header: "User", type: "text", width: 2.2, emptyText: "(unassigned)", value: (row) => row.user },
  hours("desktopHours", "Desktop-hours"),
  hours("assignedHours", "Assigned-hours"),
  hours("sessionHours", "Session-hours"),
  hours("vcpuHours", "vCPU-hours"),
  hours("ramGbHours", "RAM GB-hours", 0.9),
  hours("storageGbHours", "Storage GB-hours", 0.95),
];

function usageAccumulator() {
  const totals = {
    rows: 0,
    desktopHours: 0,
    assignedHours: 0,
    sessionHours: 0,
    vcpuHours: 0,
    ramGbHours: 0,
    storageGbHours: 0,
  };
  // Distinct users/pools are bounded by the tenant's directory and pool count, not by the row count.
  const users = new Set<string>();
  const desktopHoursByPool = new Map<string, number>();
  return {
    add(row: UsageRow): void {
      totals.rows += 1;
      totals.desktopHours += row.desktopHours;
      totals.assignedHours += row.assignedHours;
      totals.sessionHours += row.sessionHours;
      totals.vcpuHours += row.vcpuHours;
      totals.ramGbHours += row.ramGbHours;
      totals.storageGbHours += row.storageGbHours;
      if (row.user !== null) users.add(`${row.tenant}\u0000${row.user}`);
      addTo(desktopHoursByPool, row.pool, row.desktopHours);
    },
    result(): UsageSummary {
      return { ...totals, users: users.size, pools: desktopHoursByPool.size, desktopHoursByPool };
    },
  };
}

function usageSummary(summary: UsageSummary, data: UsageReportData, ctx: FormatContext): SummaryLayout {
  const h = (value: number) => formatQuantity(value, "hours", ctx, 1);
  const daily = [...data.daily].sort((a, b) => a.day.localeCompare(b.day));
  const topPools = topEntries(summary.desktopHoursByPool, 10);
  return {
    kpis: [
      { label: "Desktop-hours (powered on)", value: h(summary.desktopHours) },
      { label: "Assigned-hours", value: h(summary.assignedHours) },
      { label: "Session-hours", value: h(summary.sessionHours) },
      { label: "Active users", value: formatQuantity(summary.users, "integer", ctx) },
      { label: "vCPU-hours", value: h(summary.vcpuHours) },
      { label: "RAM GB-hours", value: h(summary.ramGbHours) },
      { label: "Storage GB-hours", value: h(summary.storageGbHours) },
      { label: "Pools", value: formatQuantity(summary.pools, "integer", ctx) },
    ],
    charts: [
      {
        title: "Daily usage",
        labels: daily.map((point) => shortDayLabel(point.day, ctx.locale)),
        yAxisTitle: "Hours",
        series: [
          { label: "Desktop-hours", type: "bar", values: daily.map((point) => point.desktopHours), colorIndex: 0 },
          { label: "Session-hours", type: "line", values: daily.map((point) => point.sessionHours), colorIndex: 1 },
        ],
        emptyText: "No usage was recorded in this period.",
      },
      {
        title: "Desktop-hours by pool (top 10)",
        labels: topPools.map(([pool]) => pool),
        horizontal: true,
        series: [{ label: "Desktop-hours", type: "bar", values: topPools.map(([, value]) => value), colorIndex: 0 }],
        emptyText: "No pool recorded usage in this period.",
      },
    ],
  };
}

export const usageReport: ReportDefinition<UsageRow, UsageReportData, UsageSummary> = {
  id: "usage",
  title: "Usage report",
  description:
    "Desktop, session and resource consumption per tenant, pool, flavor and user. Hours are summed over the period.",
  orientation: "landscape",
  table: { id: "usage", title: "Usage by pool, flavor and user", columns: usageColumns },
  createAccumulator: usageAccumulator,
  summarize: usageSummary,
};
