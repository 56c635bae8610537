import { Tenant, type UsageRecord } from "@atrium/schema";
import { type EntityManager, In } from "typeorm";
import type { OneTenantDb, TenantDb } from "../../db/index.js";
import { HOUR_MS, type MeterInput, meterUsage, type UsageTotals } from "./usage-calculator.js";
import { ratioToDecimal } from "./usage-decimal.js";
import { replaceChangedHours } from "./usage-records.repository.js";

/**
 * How far back every hourly run re-meters. Agents report sessions late (offline desktops queue their events), and a
 * stretch or session that ends late changes hours already metered; re-metering the trailing window picks that up.
 */
export const REMETER_WINDOW_MS = 48 * HOUR_MS;

export interface MeterRange {
  from: Date;
  to: Date;
}

export interface MeterOutcome {
  hours: number;
  /** Records the period holds now. */
  records: number;
  /** Hours whose records were replaced because history said something new about them. */
  changedHours: number;
}

export const hourStartOf = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/** The closed hours an hourly run re-meters: the trailing window up to the hour that is now running. */
export function trailingWindow(now: Date): MeterRange {
  const to = hourStartOf(now);
  return { from: new Date(to.getTime() - REMETER_WINDOW_MS), to };
}

/**
 * Recomputes the usage of the door's tenant for whole UTC hours `[from, to)` from history and replaces the hours that changed in
 * one transaction. Replacing (never adding) makes re-runs, retries and overlapping windows harmless. Callers pass
 * closed hours only: an hour still running would be billed short and replaced later, but a billing system may have
 * read it in between.
 */
export async function meterTenantHours(db: OneTenantDb, range: MeterRange, now: Date): Promise<MeterOutcome> {
  const tenantId = db.tenantId;
  return db.transaction(async (tx): Promise<MeterOutcome> => {
    // The tenant row lock serialises meters of one tenant (hourly job, on-demand run, a second worker), so two
    // replacements of the same hours never interleave their delete and insert.
    const tenant = await tx.manager
      .getRepository(Tenant)
      .createQueryBuilder("tenant")
      .setLock("pessimistic_write")
      .where("tenant.id = :tenantId", { tenantId })
      .getOne();
    const hours = (range.to.getTime() - range.from.getTime()) / HOUR_MS;
    if (!tenant) return { hours, records: 0, changedHours: 0 };
    const input = await loadHistory(tx, range);
    const rows = await toRecords(tx.requireTenant(), meterUsage(input), now);
    const changedHours = await replaceChangedHours(tx, range, rows);
    return { hours, records: rows.length, changedHours };
  });
}

async function loadHistory(db: TenantDb, range: MeterRange): Promise<MeterInput> {
  const params = { from: range.from, to: range.to };
  // One after the other: inside the transaction they share one connection, which runs a single query at a time.
  const stretches = await db.desktopPowerIntervals
    .query("s")
    .andWhere("s.startedAt < :to AND (s.endedAt IS NULL OR s.endedAt > :from)", params)
    .getMany();
  const assignments = await db.assignments
    .query("a")
    .andWhere("a.assignedAt < :to AND (a.releasedAt IS NULL OR a.releasedAt > :from)", params)
    .getMany();
  const sessions = await db.desktopSessions
    .query("s")
    .andWhere("s.startedAt < :to AND (s.endedAt IS NULL OR s.endedAt > :from)", params)
    .getMany();
  const desktops = await db.desktops.find({ select: { id: true, poolId: true } });
  const pools = await db.pools.find({ select: { id: true, flavorRef: true } });
  return {
    ...range,
    stretches,
    assignments,
    sessions,
    desktopPools: new Map(desktops.map((d) => [d.id, d.poolId])),
    poolFlavors: new Map(pools.map((p) => [p.id, p.flavorRef])),
  };
}

async function toRecords(db: OneTenantDb, totals: UsageTotals[], now: Date): Promise<Omit<UsageRecord, "id">[]> {
  const tenantId = db.tenantId;
  const poolIds = [...new Set(totals.map((t) => t.poolId))];
  const userIds = [...new Set(totals.flatMap((t) => (t.userId ? [t.userId] : [])))];
  const pools = poolIds.length ? await db.pools.find({ where: { id: In(poolIds) } }) : [];
  const users = userIds.length ? await db.users.find({ where: { id: In(userIds) } }) : [];
  const poolNames = new Map(pools.map((p) => [p.id, p.name]));
  const usernames = new Map(users.map((u) => [u.id, u.username]));
  const hour = BigInt(HOUR_MS);
  return totals.map((t) => ({
    tenantId,
    hourStart: t.hourStart,
    poolId: t.poolId,
    // A drained pool's row is gone; its usage still bills, under a name that says so.
    poolName: poolNames.get(t.poolId) ?? `deleted pool ${t.poolId.slice(0, 8)}`,
    flavorRef: t.flavorRef,
    userId: t.userId,
    username: t.userId ? (usernames.get(t.userId) ?? null) : null,
    poweredOnHours: ratioToDecimal(t.poweredOnMs, hour),
    assignedHours: ratioToDecimal(t.assignedMs, hour),
    sessionHours: ratioToDecimal(t.sessionMs, hour),
    vcpuHours: ratioToDecimal(t.vcpuMs, hour),
    ramGbHours: ratioToDecimal(t.ramMbMs, hour * 1024n),
    storageGbHours: ratioToDecimal(t.storageGbMs, hour),
    meteredAt: now,
  }));
}

/** Every tenant, for the hourly fan-out (suspended tenants still owe the hours before their suspension). */
export async function tenantIdsToMeter(manager: EntityManager): Promise<string[]> {
  const tenants = await manager.getRepository(Tenant).find({ select: { id: true }, order: { id: "ASC" } });
  return tenants.map((t) => t.id);
}
