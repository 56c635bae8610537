import { isoDate, type UsageDailyPoint, type UsageReportData, type UsageRow } from "@atrium/reports";
import { Tenant } from "@atrium/schema";
import type { AnyDb } from "../../db/index.js";
import type { ReportPeriodRange } from "./report-scope.js";

interface UsageGroupRaw {
  tenant: string;
  pool: string;
  flavor: string;
  username: string | null;
  desktopHours: string | number;
  assignedHours: string | number;
  sessionHours: string | number;
  vcpuHours: string | number;
  ramGbHours: string | number;
  storageGbHours: string | number;
}

const SUMS = [
  ["powered_on_hours", "desktopHours"],
  ["assigned_hours", "assignedHours"],
  ["session_hours", "sessionHours"],
  ["vcpu_hours", "vcpuHours"],
  ["ram_gb_hours", "ramGbHours"],
  ["storage_gb_hours", "storageGbHours"],
] as const;

/**
 * The metered hours of the period summed per tenant, pool, flavor and user: the billing grain, one row per group
 * however many hours it spans (so the row count is bounded by pools × users, not by time). The exact decimals are
 * summed by the database; the report shows them rounded.
 */
async function usageRows(db: AnyDb, period: ReportPeriodRange): Promise<UsageRow[]> {
  const query = db.usageRecords
    .query("r")
    .innerJoin(Tenant, "t", "t.id = r.tenant_id")
    .select("t.name", "tenant")
    .addSelect("r.pool_name", "pool")
    .addSelect("r.flavor_ref", "flavor")
    .addSelect("r.username", "username")
    .andWhere("r.hour_start >= :from AND r.hour_start < :to", { from: period.from, to: period.to })
    .groupBy("t.name")
    .addGroupBy("r.pool_name")
    .addGroupBy("r.flavor_ref")
    .addGroupBy("r.user_id")
    .addGroupBy("r.username")
    .orderBy("t.name", "ASC")
    .addOrderBy("r.pool_name", "ASC")
    .addOrderBy("r.flavor_ref", "ASC")
    .addOrderBy("r.username", "ASC");
  for (const [column, alias] of SUMS) query.addSelect(`SUM(r.${column})`, alias);
  const groups = await query.getRawMany<UsageGroupRaw>();
  return groups.map((group) => ({
    tenant: group.tenant,
    pool: group.pool,
    flavor: group.flavor,
    user: group.username,
    desktopHours: Number(group.desktopHours),
    assignedHours: Number(group.assignedHours),
    sessionHours: Number(group.sessionHours),
    vcpuHours: Number(group.vcpuHours),
    ramGbHours: Number(group.ramGbHours),
    storageGbHours: Number(group.storageGbHours),
  }));
}

/** Hourly totals folded into days of the report's zone in code: day boundaries in SQL would differ per dialect. */
async function usageDaily(db: AnyDb, period: ReportPeriodRange, timeZone: string): Promise<UsageDailyPoint[]> {
  const hours = await db.usageRecords
    .query("r")
    .select("r.hour_start", "hour")
    .addSelect("SUM(r.powered_on_hours)", "desktopHours")
    .addSelect("SUM(r.session_hours)", "sessionHours")
    .andWhere("r.hour_start >= :from AND r.hour_start < :to", { from: period.from, to: period.to })
    .groupBy("r.hour_start")
    .getRawMany<{ hour: Date; desktopHours: string | number; sessionHours: string | number }>();
  const days = new Map<string, UsageDailyPoint>();
  for (const hour of hours) {
    const day = isoDate(new Date(hour.hour), timeZone);
    const point = days.get(day) ?? { day, desktopHours: 0, sessionHours: 0 };
    days.set(day, {
      day,
      desktopHours: point.desktopHours + Number(hour.desktopHours),
      sessionHours: point.sessionHours + Number(hour.sessionHours),
    });
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

export async function loadUsage(db: AnyDb, period: ReportPeriodRange, timeZone: string): Promise<UsageReportData> {
  return {
    rows: await usageRows(db, period),
    daily: await usageDaily(db, period, timeZone),
  };
}
