import { formatQuantity } from "../format/cell-format.js";
import { hourLabel } from "../format/date-format.js";
import type {
  ColumnDefinition,
  FormatContext,
  ReportData,
  ReportDefinition,
  SummaryLayout,
  TableDefinition,
} from "../report.types.js";
import { ratio } from "./summary-helpers.js";

/** Per-pool capacity and provisioning figures over the period. */
export interface PoolMetricsRow {
  readonly pool: string;
  /** Desktops in the pool at the end of the period. */
  readonly desktops: number;
  /** Pool size limit; null when the pool is only bounded by the project quota. */
  readonly maxDesktops: number | null;
  /** Time-weighted average of desktops in use. */
  readonly avgInUse: number;
  readonly peakInUse: number;
  readonly provisioningRequested: number;
  readonly provisioningSucceeded: number;
}

export interface BrokerHourlyPoint {
  /** Start of the hour bucket. */
  readonly hour: Date;
  readonly logins: number;
  readonly failedLogins: number;
  readonly connects: number;
  readonly connectLatencyP50Ms: number | null;
  readonly connectLatencyP95Ms: number | null;
}

/** One cloud quota line (vCPUs, RAM, volumes…) of the tenant's project. */
export interface CapacityQuotaRow {
  readonly resource: string;
  readonly unit: string;
  readonly used: number;
  /** Null when the cloud reports no limit. */
  readonly quota: number | null;
}

export interface BrokerMetricsData extends ReportData<PoolMetricsRow> {
  readonly hourly: readonly BrokerHourlyPoint[];
  readonly capacity: readonly CapacityQuotaRow[];
  /** Percentiles over the whole period; they cannot be derived from hourly percentiles, so the caller supplies them. */
  readonly connectLatency: { readonly p50Ms: number | null; readonly p95Ms: number | null };
}

export interface BrokerMetricsSummary {
  readonly pools: number;
  readonly desktops: number;
  readonly avgInUse: number;
  readonly headroom: number;
  readonly provisioningRequested: number;
  readonly provisioningSucceeded: number;
}

/** Desktops that can still be handed out at peak: free capacity up to the pool limit (or current size). */
export function poolHeadroom(row: PoolMetricsRow): number {
  return Math.max(0, (row.maxDesktops ?? row.desktops) - row.peakInUse);
}

export const poolMetricsColumns: readonly ColumnDefinition<PoolMetricsRow>[] = [
  { key: "pool", header: "Pool", type: "text", width: 1.8, value: (row) => row.pool },
  { key: "desktops", header: "Desktops", type: "integer", width: 0.8, total: true, value: (row) => row.desktops },
  {
    key: "maxDesktops",
    header: "Max size",
    type: "integer",
    width: 0.8,
    emptyText: "Quota",
    value: (row) => row.maxDesktops,
  },
  {
    key: "avgInUse",
    header: "Avg in use",
    type: "decimal",
    decimals: 1,
    width: 0.8,
    total: true,
    value: (row) => row.avgInUse,
  },
  { key: "peakInUse", header: "Peak in use", type: "integer", width: 0.8, value: (row) => row.peakInUse },
  {
    key: "utilisation",
    header: "Utilisation",
    type: "percent",
    width: 0.85,
    value: (row) => ratio(row.avgInUse, row.desktops),
  },
  {
    key: "peakUtilisation",
    header: "Peak utilisation",
    type: "percent",
    width: 0.95,
    value: (row) => ratio(row.peakInUse, row.desktops),
  },
  { key: "headroom", header: "Headroom", type: "integer", width: 0.8, total: true, value: poolHeadroom },
  {
    key: "provisioningRequested",
    header: "Provisioned",
    type: "integer",
    width: 0.85,
    total: true,
    value: (row) => row.provisioningRequested,
  },
  {
    key: "provisioningSuccessRate",
    header: "Provisioning success",
    type: "percent",
    width: 1.1,
    value: (row) => ratio(row.provisioningSucceeded, row.provisioningRequested),
    tone: (row) => {
      const rate = ratio(row.provisioningSucceeded, row.provisioningRequested);
      return rate === null || rate >= 0.98 ? "neutral" : rate >= 0.9 ? "warning" : "negative";
    },
  },
];

const quotaUse = (row: CapacityQuotaRow): number | null => (row.quota === null ? null : ratio(row.used, row.quota));

export const capacityQuotaTable: TableDefinition<CapacityQuotaRow> = {
  id: "capacity-vs-quota",
  title: "Capacity vs quota",
  columns: [
    { key: "resource", header: "Resource", type: "text", width: 2, value: (row) => row.resource },
    { key: "unit", header: "Unit", type: "text", width: 0.8, value: (row) => row.unit },
    { key: "used", header: "Used", type: "decimal", decimals: 0, width: 1, value: (row) => row.used },
    {
      key: "quota",
      header: "Quota",
      type: "decimal",
      decimals: 0,
      width: 1,
      emptyText: "Unlimited",
      value: (row) => row.quota,
    },
    {
      key: "usedPercent",
      header: "Used of quota",
      type: "percent",
      width: 1,
      value: quotaUse,
      tone: (row) => {
        const use = quotaUse(row);
        return use === null || use < 0.8 ? "neutral" : use < 0.95 ? "warning" : "negative";
      },
    },
    {
      key: "remaining",
      header: "Remaining",
      type: "decimal",
      decimals: 0,
      width: 1,
      emptyText: "Unlimited",
      value: (row) => (row.quota === null ? null : row.quota - row.used),
    },
  ],
};

export const brokerHourlyTable: TableDefinition<BrokerHourlyPoint> = {
  id: "broker-hourly",
  title: "Hourly broker activity",
  columns: [
    { key: "hour", header: "Hour starting", type: "datetime", width: 1.3, value: (row) => row.hour },
    { key: "logins", header: "Sign-ins", type: "integer", width: 1, value: (row) => row.logins },
    { key: "failedLogins", header: "Failed sign-ins", type: "integer", width: 1, value: (row) => row.failedLogins },
    { key: "connects", header: "Connections", type: "integer", width: 1, value: (row) => row.connects },
    {
      key: "connectLatencyP50Ms",
      header: "Connect p50",
      type: "milliseconds",
      width: 1,
      value: (row) => row.connectLatencyP50Ms,
    },
    {
      key: "connectLatencyP95Ms",
      header: "Connect p95",
      type: "milliseconds",
      width: 1,
      value: (row) => row.connectLatencyP95Ms,
    },
  ],
};

function brokerMetricsAccumulator() {
  const totals = {
    pools: 0,
    desktops: 0,
    avgInUse: 0,
    headroom: 0,
    provisioningRequested: 0,
    provisioningSucceeded: 0,
  };
  return {
    add(row: PoolMetricsRow): void {
      totals.pools += 1;
      totals.desktops += row.desktops;
      totals.avgInUse += row.avgInUse;
      totals.headroom += poolHeadroom(row);
      totals.provisioningRequested += row.provisioningRequested;
      totals.provisioningSucceeded += row.provisioningSucceeded;
    },
    result: (): BrokerMetricsSummary => ({ ...totals }),
  };
}

function brokerMetricsSummary(
  summary: BrokerMetricsSummary,
  data: BrokerMetricsData,
  ctx: FormatContext,
): SummaryLayout {
  const hourly = [...data.hourly].sort((a, b) => a.hour.getTime() - b.hour.getTime());
  const logins = hourly.reduce((sum, point) => sum + point.logins, 0);
  const peak = hourly.reduce((max, point) => Math.max(max, point.logins), 0);
  const tightest = data.capacity
    .map((row) => ({ row, use: quotaUse(row) }))
    .filter((entry): entry is { row: CapacityQuotaRow; use: number } => entry.use !== null)
    .sort((a, b) => b.use - a.use)[0];
  const labels = hourly.map((point) => hourLabel(point.hour, ctx.timeZone));
  return {
    kpis: [
      { label: "Sign-ins", value: formatQuantity(logins, "integer", ctx) },
      { label: "Peak sign-ins per hour", value: formatQuantity(peak, "integer", ctx) },
      { label: "Connect latency p50", value: formatQuantity(data.connectLatency.p50Ms, "milliseconds", ctx) },
      { label: "Connect latency p95", value: formatQuantity(data.connectLatency.p95Ms, "milliseconds", ctx) },
      {
        label: "Pool utilisation (avg)",
        value: formatQuantity(ratio(summary.avgInUse, summary.desktops), "percent", ctx),
      },
      { label: "Headroom at peak", value: `${formatQuantity(summary.headroom, "integer", ctx)} desktops` },
      {
        label: "Provisioning success",
        value: formatQuantity(ratio(summary.provisioningSucceeded, summary.provisioningRequested), "percent", ctx),
      },
      {
        label: tightest ? `Quota used (${tightest.row.resource})` : "Quota used",
        value: formatQuantity(tightest?.use ?? null, "percent", ctx),
      },
    ],
    charts: [
      {
        title: "Sign-ins per hour",
        labels,
        yAxisTitle: "Sign-ins",
        series: [
          {
            label: "Successful",
            type: "bar",
            stack: "s",
            values: hourly.map((p) => p.logins - p.failedLogins),
            colorIndex: 0,
          },
          { label: "Failed", type: "bar", stack: "s", values: hourly.map((p) => p.failedLogins), colorIndex: 3 },
        ],
        emptyText: "No sign-ins in this period.",
      },
      {
        title: "Connect latency per hour",
        labels,
        yAxisTitle: "Milliseconds",
        series: [
          { label: "p50", type: "line", values: hourly.map((p) => p.connectLatencyP50Ms), colorIndex: 0 },
          { label: "p95", type: "line", values: hourly.map((p) => p.connectLatencyP95Ms), colorIndex: 1 },
        ],
        emptyText: "No connections in this period.",
      },
    ],
    supplementary: [
      { table: capacityQuotaTable, rows: data.capacity },
      { table: brokerHourlyTable, rows: hourly },
    ],
  };
}

export const brokerMetricsReport: ReportDefinition<PoolMetricsRow, BrokerMetricsData, BrokerMetricsSummary> = {
  id: "broker-metrics",
  title: "Broker metrics",
  description:
    "Sign-in load, connection latency, pool utilisation and headroom, provisioning reliability and cloud quota use.",
  orientation: "landscape",
  table: { id: "pool-metrics", title: "Pool utilisation and provisioning", columns: poolMetricsColumns },
  createAccumulator: brokerMetricsAccumulator,
  summarize: brokerMetricsSummary,
};
