import { AlertStatus, DesktopAvailability, LoginOutcome, UsageGroupBy } from "@atrium/schema";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { Ctx } from "../../context/ctx.js";
import { effectiveAvailability } from "../../db/desktop-availability.js";
import { type AcrossTenantsDb, acrossTenants, type Dialect, dialectOf, timestampParam } from "../../db/index.js";
import { summarizeUsage } from "../metering/index.js";
import type { DesktopCounts } from "./fleet-overview.types.js";

/** The per-tenant figures of the overview; the key null holds the MSP's own rows (alerts of MSP-wide rules). */
export type TenantStats = Map<string | null, DesktopCounts & { lastSignInAt: Date | null }>;

const DAY_MS = 24 * 60 * 60 * 1000;

export function emptyCounts(): DesktopCounts & { lastSignInAt: Date | null } {
  return {
    desktops: 0,
    availableDesktops: 0,
    assignedDesktops: 0,
    otherDesktops: 0,
    sessionsNow: 0,
    desktopHoursThisMonth: "0.000000",
    openAlerts: 0,
    lastSignInAt: null,
  };
}

export function fleetDoor(ctx: Ctx): AcrossTenantsDb {
  return acrossTenants(ctx.manager, "MSP fleet overview of every tenant", ctx);
}

export function monthStartOf(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/**
 * Every tenant's desktops by availability, open sessions, open alerts, last successful sign-in and desktop-hours
 * this month, each in one grouped statement (five statements however many tenants there are).
 */
export async function tenantStats(ctx: Ctx): Promise<TenantStats> {
  const db = fleetDoor(ctx);
  const stats: TenantStats = new Map();
  const of = (tenantId: string | null) => {
    let entry = stats.get(tenantId);
    if (!entry) {
      entry = emptyCounts();
      stats.set(tenantId, entry);
    }
    return entry;
  };
  const desktops = await db.desktops
    .query("d")
    .select("d.tenantId", "tenantId")
    .addSelect("d.availability", "availability")
    .addSelect("d.outOfService", "outOfService")
    .addSelect("COUNT(*)", "n")
    .groupBy("d.tenantId")
    .addGroupBy("d.availability")
    .addGroupBy("d.outOfService")
    .getRawMany<{ tenantId: string; availability: DesktopAvailability; outOfService: boolean; n: string | number }>();
  for (const row of desktops) {
    const entry = of(row.tenantId);
    const n = Number(row.n);
    entry.desktops += n;
    // Out of service is not free: such a desktop is never offered (db/desktop-availability.ts).
    const availability = effectiveAvailability(row);
    if (availability === DesktopAvailability.AVAILABLE) entry.availableDesktops += n;
    else if (availability === DesktopAvailability.ASSIGNED) entry.assignedDesktops += n;
    else entry.otherDesktops += n;
  }
  const sessions = await perTenant(db.desktopSessions.query("s").andWhere("s.endedAt IS NULL"), "s", "COUNT(*)");
  for (const row of sessions) of(row.tenantId).sessionsNow = Number(row.value);
  const open = db.alertStates.query("a").andWhere("a.status = :open", { open: AlertStatus.OPEN });
  for (const row of await perTenant(open, "a", "COUNT(*)")) of(row.tenantId).openAlerts = Number(row.value);
  const success = db.loginEvents
    .query("l")
    .andWhere("l.outcome = :success AND l.tenantId IS NOT NULL", { success: LoginOutcome.SUCCESS });
  for (const row of await perTenant(success, "l", "MAX(l.createdAt)")) {
    of(row.tenantId).lastSignInAt = new Date(row.value as string | Date);
  }
  const now = ctx.clock();
  const from = monthStartOf(now);
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  // The same totals as usageSummary for the month, so the overview and Billing never disagree; read as the MSP
  // even when the caller has entered a tenant, like every other figure here.
  const usage = await summarizeUsage({ ...ctx, db: ctx.db.msp() }, { from, to }, [UsageGroupBy.TENANT]);
  for (const row of usage) of(row.tenantId).desktopHoursThisMonth = row.poweredOnHours;
  return stats;
}

/** One aggregate of the rows a query selects, per tenant (null: the MSP's own rows). */
function perTenant<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, aggregate: string) {
  return query
    .select(`${alias}.tenantId`, "tenantId")
    .addSelect(aggregate, "value")
    .groupBy(`${alias}.tenantId`)
    .getRawMany<{ tenantId: string | null; value: string | number | Date }>();
}

/** A UTC calendar day of a timestamp column, as each dialect writes it. */
function utcDay(dialect: Dialect, column: string): string {
  return dialect === "mssql"
    ? `CONVERT(char(10), ${column}, 23)`
    : `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
}

/** Sessions started and sign-ins per UTC day over the last 30 days, today included; days without any are zeros. */
export async function fleetActivity(ctx: Ctx) {
  const db = fleetDoor(ctx);
  const dialect = dialectOf(ctx.manager.connection);
  const now = ctx.clock();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 29));
  const since = timestampParam(dialect, first);
  const days = new Map<string, { day: string; sessions: number; signIns: number; failedSignIns: number }>();
  for (let at = first.getTime(); at <= now.getTime(); at += DAY_MS) {
    const day = new Date(at).toISOString().slice(0, 10);
    days.set(day, { day, sessions: 0, signIns: 0, failedSignIns: 0 });
  }
  const sessionDay = utcDay(dialect, "s.started_at");
  const sessions = await db.desktopSessions
    .query("s")
    .select(sessionDay, "day")
    .addSelect("COUNT(*)", "n")
    .andWhere("s.startedAt >= :since", { since })
    .groupBy(sessionDay)
    .getRawMany<{ day: string; n: string | number }>();
  for (const row of sessions) {
    const entry = days.get(row.day);
    if (entry) entry.sessions = Number(row.n);
  }
  const signInDay = utcDay(dialect, "l.created_at");
  const signIns = await db.loginEvents
    .query("l")
    .select(signInDay, "day")
    .addSelect("l.outcome", "outcome")
    .addSelect("COUNT(*)", "n")
    .andWhere("l.createdAt >= :since", { since })
    .groupBy(signInDay)
    .addGroupBy("l.outcome")
    .getRawMany<{ day: string; outcome: string; n: string | number }>();
  for (const row of signIns) {
    const entry = days.get(row.day);
    if (!entry) continue;
    // A second-factor prompt is a step of a sign-in, not a sign-in of its own.
    if (row.outcome === LoginOutcome.SUCCESS) entry.signIns += Number(row.n);
    else if (row.outcome !== LoginOutcome.MFA_REQUIRED) entry.failedSignIns += Number(row.n);
  }
  return [...days.values()];
}
