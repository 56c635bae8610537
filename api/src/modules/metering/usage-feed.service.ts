import { UsageGroupBy, type UsageRecord } from "@atrium/schema";
import type { SelectQueryBuilder } from "typeorm";
import type { Ctx } from "../../context/ctx.js";
import { acrossTenants, dialectOf, timestampParam } from "../../db/index.js";
import { badInput } from "../../errors/app-error.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { isValidTimeZone } from "../../time/zoned-time.util.js";
import type { UsageSummaryRowType } from "./usage.types.js";
import { HOUR_MS } from "./usage-calculator.js";
import { normalizeDecimal, sumDecimals } from "./usage-decimal.js";

export interface UsagePeriod {
  from: Date;
  to: Date;
  tenantId?: string | null;
  poolId?: string | null;
}

/** A summary folds at most this much; wider questions are several calls (a year and a bit covers annual billing). */
const MAX_SUMMARY_MS = 400 * 24 * HOUR_MS;

const QUANTITIES = [
  ["poweredOnHours", "powered_on_hours"],
  ["assignedHours", "assigned_hours"],
  ["sessionHours", "session_hours"],
  ["vcpuHours", "vcpu_hours"],
  ["ramGbHours", "ram_gb_hours"],
  ["storageGbHours", "storage_gb_hours"],
] as const;

type Quantity = (typeof QUANTITIES)[number][0];

export function checkPeriod(period: Pick<UsagePeriod, "from" | "to">, maxMs?: number): void {
  if (Number.isNaN(period.from.getTime())) throw badInput("from is not a valid instant", "from");
  if (Number.isNaN(period.to.getTime())) throw badInput("to is not a valid instant", "to");
  if (period.from.getTime() >= period.to.getTime()) throw badInput("from must be before to", "to");
  if (maxMs !== undefined && period.to.getTime() - period.from.getTime() > maxMs) {
    throw badInput(`The period may span at most ${maxMs / (24 * HOUR_MS)} days`, "to");
  }
}

/**
 * Usage is readable across tenants by MSP principals (staff outside any tenant, MSP API keys); every other caller is
 * held to its own tenant by its door. A tenant filter only narrows: a tenant caller naming another tenant gets
 * an empty result, never a hint that the tenant exists.
 */
function scopedRecords(ctx: Ctx, period: UsagePeriod): SelectQueryBuilder<UsageRecord> {
  const query = ctx.db.tenantId
    ? ctx.db.usageRecords.query("usage")
    : acrossTenants(ctx.manager, "billing feed for MSP principals", ctx).usageRecords.query("usage");
  // Typed as datetime2 on SQL Server: a bare Date would be rounded to `datetime`'s 3.33 ms steps.
  const dialect = dialectOf(ctx.manager.connection);
  query.andWhere("usage.hourStart >= :from AND usage.hourStart < :to", {
    from: timestampParam(dialect, period.from),
    to: timestampParam(dialect, period.to),
  });
  if (period.tenantId) query.andWhere("usage.tenantId = :filterTenantId", { filterTenantId: period.tenantId });
  if (period.poolId) query.andWhere("usage.poolId = :filterPoolId", { filterPoolId: period.poolId });
  return query;
}

/** The billing feed: oldest hour first, then by id, so a reader paging with `after` sees every record once. */
export function listUsageRecords(ctx: Ctx, period: UsagePeriod, page: PageArgs) {
  checkPeriod(period);
  return paginate(scopedRecords(ctx, period), page, [{ property: "hourStart", direction: "ASC" }]);
}

const GROUP_COLUMNS: Partial<Record<UsageGroupBy, string>> = {
  [UsageGroupBy.TENANT]: "tenantId",
  [UsageGroupBy.POOL]: "poolId",
  [UsageGroupBy.FLAVOR]: "flavorRef",
  [UsageGroupBy.USER]: "userId",
  // Days are folded from hours below: only the hour is grouped in SQL, which keeps the query dialect-neutral.
  [UsageGroupBy.DAY]: "hourStart",
};

type RawGroup = Record<string, unknown> & { records: string | number };

/**
 * Totals per requested grouping. DAY is the only time-zone-dependent step: stored hours are UTC, and each hour is
 * put in the local day it starts in, so a DST change day sums 23 or 25 hours, as it really had.
 */
export async function summarizeUsage(
  ctx: Ctx,
  period: UsagePeriod,
  groupBy: UsageGroupBy[],
  timeZone = "UTC",
): Promise<UsageSummaryRowType[]> {
  checkPeriod(period, MAX_SUMMARY_MS);
  if (!isValidTimeZone(timeZone)) throw badInput(`Unknown time zone ${timeZone}`, "timeZone");
  const groups = [...new Set(groupBy)];
  const query = scopedRecords(ctx, period).select("COUNT(*)", "records");
  for (const [property] of QUANTITIES) query.addSelect(`SUM(usage.${property})`, property);
  for (const group of groups) {
    const property = GROUP_COLUMNS[group]!;
    query.addSelect(`usage.${property}`, property).addGroupBy(`usage.${property}`);
  }
  if (groups.includes(UsageGroupBy.POOL)) query.addSelect("MAX(usage.poolName)", "poolName");
  if (groups.includes(UsageGroupBy.USER)) query.addSelect("MAX(usage.username)", "username");
  const raw = await query.getRawMany<RawGroup>();
  // Without groups the database answers one all-zero row even when nothing matched.
  if (raw.length === 1 && Number(raw[0]!.records) === 0) return [];
  const dayOf = groups.includes(UsageGroupBy.DAY) ? localDayFormatter(timeZone) : null;
  const folded = new Map<string, { row: UsageSummaryRowType; parts: RawGroup[] }>();
  for (const group of raw) {
    const row = summaryRow(group, dayOf);
    const key = [row.tenantId, row.poolId, row.flavorRef, row.userId, row.day].join("|");
    const entry = folded.get(key);
    if (entry) entry.parts.push(group);
    else folded.set(key, { row, parts: [group] });
  }
  const rows = [...folded.values()].map(({ row, parts }) => {
    row.records = parts.reduce((total, part) => total + Number(part.records), 0);
    for (const [property] of QUANTITIES) {
      row[property as Quantity] = sumDecimals(parts.map((part) => normalizeDecimal(part[property] as string)));
    }
    return row;
  });
  return rows.sort(compareRows);
}

function summaryRow(group: RawGroup, dayOf: ((at: Date) => string) | null): UsageSummaryRowType {
  const text = (key: string) => (group[key] === undefined || group[key] === null ? null : String(group[key]));
  const hour = group.hourStart;
  return {
    tenantId: text("tenantId"),
    poolId: text("poolId"),
    poolName: text("poolName"),
    flavorRef: text("flavorRef"),
    userId: text("userId"),
    username: text("username"),
    day: dayOf && hour ? dayOf(hour instanceof Date ? hour : new Date(String(hour))) : null,
    records: 0,
    poweredOnHours: "0",
    assignedHours: "0",
    sessionHours: "0",
    vcpuHours: "0",
    ramGbHours: "0",
    storageGbHours: "0",
  };
}

function compareRows(a: UsageSummaryRowType, b: UsageSummaryRowType): number {
  for (const key of ["day", "tenantId", "poolName", "poolId", "flavorRef", "username", "userId"] as const) {
    const order = (a[key] ?? "").localeCompare(b[key] ?? "");
    if (order !== 0) return order;
  }
  return 0;
}

function localDayFormatter(timeZone: string): (at: Date) => string {
  // en-CA formats dates as YYYY-MM-DD.
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (at) => format.format(at);
}

export interface UsageReportData {
  /** Totals per pool, flavor and user (user null: time the desktops were not assigned). */
  byUser: UsageSummaryRowType[];
  /** Totals per local day in `timeZone`. */
  byDay: UsageSummaryRowType[];
  /** One row with the period's totals, or none without usage. */
  total: UsageSummaryRowType[];
}

/**
 * What the usage report renders, for the caller's own tenant only (an MSP user must have entered the tenant):
 * aggregated in the database, so a month of a 2,000-desktop tenant stays a few hundred rows.
 */
export async function loadUsageForReport(
  ctx: Ctx,
  options: { from: Date; to: Date; poolId?: string | null; timeZone?: string },
): Promise<UsageReportData> {
  const period = {
    from: options.from,
    to: options.to,
    tenantId: ctx.db.requireTenant().tenantId,
    poolId: options.poolId,
  };
  const { POOL, FLAVOR, USER, DAY } = UsageGroupBy;
  return {
    byUser: await summarizeUsage(ctx, period, [POOL, FLAVOR, USER], options.timeZone),
    byDay: await summarizeUsage(ctx, period, [DAY], options.timeZone),
    total: await summarizeUsage(ctx, period, [], options.timeZone),
  };
}
