import type { BrokerHourlyPoint, BrokerMetricsData, CapacityQuotaRow, PoolMetricsRow } from "@atrium/reports";
import { Tenant } from "@atrium/schema";
import type { EntityManager } from "typeorm";
import type { AnyDb } from "../../db/index.js";
import { keysetRows } from "./keyset-pages.js";
import { type ReportPeriodRange, reportTenantOf } from "./report-scope.js";

const HOUR_MS = 3_600_000;

/**
 * Hours since the Unix epoch as a SQL expression: a plain number, so neither the server's session time zone (which
 * date_trunc on a timestamptz follows) nor the driver's parsing of zone-less timestamps can shift a bucket.
 */
function hourOf(manager: EntityManager, column: string): string {
  return manager.connection.options.type === "mssql"
    ? `DATEDIFF(hour, '19700101', ${column})`
    : `floor(extract(epoch FROM ${column}) / 3600)`;
}

interface LatencySample {
  id: string;
  startedAt: Date;
  connectMs: number;
}

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Connect latencies of the period by hour, streamed in keyset pages (one number per connect is kept). */
async function connectLatencies(db: AnyDb, period: ReportPeriodRange) {
  const query = db.desktopSessions
    .query("s")
    .select("s.id", "id")
    .addSelect("s.started_at", "startedAt")
    .addSelect("s.connect_ms", "connectMs")
    .andWhere("s.started_at >= :from AND s.started_at < :to", period)
    .andWhere("s.connect_ms IS NOT NULL");
  const byHour = new Map<number, number[]>();
  const all: number[] = [];
  for await (const row of keysetRows<LatencySample>(query, { time: "s.started_at", id: "s.id" }, (r) => r.startedAt)) {
    const hour = Math.floor(new Date(row.startedAt).getTime() / HOUR_MS) * HOUR_MS;
    const samples = byHour.get(hour) ?? [];
    samples.push(Number(row.connectMs));
    byHour.set(hour, samples);
    all.push(Number(row.connectMs));
  }
  const ascending = (values: number[]) => values.sort((a, b) => a - b);
  for (const samples of byHour.values()) ascending(samples);
  ascending(all);
  return { byHour, overall: { p50Ms: percentile(all, 50), p95Ms: percentile(all, 95) } };
}

interface HourCount {
  hour: string | number;
  total: string | number;
  failed: string | number;
}

async function hourlyPoints(
  db: AnyDb,
  period: ReportPeriodRange,
  latencyByHour: ReadonlyMap<number, readonly number[]>,
): Promise<BrokerHourlyPoint[]> {
  const logins = await db.loginEvents
    .query("e")
    .select(hourOf(db.manager, "e.created_at"), "hour")
    .addSelect("COUNT(*)", "total")
    .addSelect("SUM(CASE WHEN e.outcome = 'success' THEN 0 ELSE 1 END)", "failed")
    .andWhere("e.created_at >= :from AND e.created_at < :to", period)
    .andWhere("e.outcome <> 'mfa_required'")
    .groupBy(hourOf(db.manager, "e.created_at"))
    .getRawMany<HourCount>();
  const connects = await db.desktopSessions
    .query("s")
    .select(hourOf(db.manager, "s.started_at"), "hour")
    .addSelect("COUNT(*)", "total")
    .addSelect("0", "failed")
    .andWhere("s.started_at >= :from AND s.started_at < :to", period)
    .groupBy(hourOf(db.manager, "s.started_at"))
    .getRawMany<HourCount>();
  const byHour = new Map<number, { logins: number; failed: number; connects: number }>();
  const bucket = (hour: string | number) => {
    const key = Number(hour) * HOUR_MS;
    const found = byHour.get(key) ?? { logins: 0, failed: 0, connects: 0 };
    byHour.set(key, found);
    return found;
  };
  for (const row of logins) {
    const entry = bucket(row.hour);
    entry.logins = Number(row.total);
    entry.failed = Number(row.failed);
  }
  for (const row of connects) bucket(row.hour).connects = Number(row.total);
  // Every hour of the period appears, so charts show quiet hours as zero instead of skipping them.
  const points: BrokerHourlyPoint[] = [];
  const first = Math.floor(period.from.getTime() / HOUR_MS) * HOUR_MS;
  for (let hour = first; hour < period.to.getTime(); hour += HOUR_MS) {
    const entry = byHour.get(hour);
    const latencies = latencyByHour.get(hour) ?? [];
    points.push({
      hour: new Date(hour),
      logins: entry?.logins ?? 0,
      failedLogins: entry?.failed ?? 0,
      connects: entry?.connects ?? 0,
      // Hours without a brokered connect have no latency, shown as missing rather than zero.
      connectLatencyP50Ms: percentile(latencies, 50),
      connectLatencyP95Ms: percentile(latencies, 95),
    });
  }
  return points;
}

interface Interval {
  id: string;
  poolId: string;
  assignedAt: Date;
  releasedAt: Date | null;
}

/** Average (time-weighted) and peak concurrent assignments per pool over the period, by a sweep of the intervals. */
async function poolUsage(db: AnyDb, period: ReportPeriodRange) {
  const query = db.assignments
    .query("a")
    .select("a.id", "id")
    .addSelect("a.pool_id", "poolId")
    .addSelect("a.assigned_at", "assignedAt")
    .addSelect("a.released_at", "releasedAt")
    .andWhere("a.assigned_at < :to", { to: period.to })
    .andWhere("(a.released_at IS NULL OR a.released_at >= :from)", { from: period.from });
  const from = period.from.getTime();
  const to = period.to.getTime();
  const events = new Map<string, [number, number][]>();
  const busySeconds = new Map<string, number>();
  for await (const row of keysetRows<Interval>(query, { time: "a.assigned_at", id: "a.id" }, (r) => r.assignedAt)) {
    const start = Math.max(from, new Date(row.assignedAt).getTime());
    const end = Math.min(to, row.releasedAt ? new Date(row.releasedAt).getTime() : to);
    if (end <= start) continue;
    busySeconds.set(row.poolId, (busySeconds.get(row.poolId) ?? 0) + (end - start) / 1000);
    const list = events.get(row.poolId) ?? [];
    list.push([start, 1], [end, -1]);
    events.set(row.poolId, list);
  }
  const usage = new Map<string, { avg: number; peak: number }>();
  const seconds = (to - from) / 1000;
  for (const [poolId, list] of events) {
    // Releases sort before assignments at the same instant: a hand-over is not two desktops in use.
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let current = 0;
    let peak = 0;
    for (const [, delta] of list) {
      current += delta;
      peak = Math.max(peak, current);
    }
    usage.set(poolId, { avg: seconds > 0 ? (busySeconds.get(poolId) ?? 0) / seconds : 0, peak });
  }
  return usage;
}

async function poolRows(db: AnyDb, period: ReportPeriodRange) {
  const pools = await db.pools
    .query("p")
    .leftJoin(Tenant, "t", "t.id = p.tenant_id")
    .select("p.id", "id")
    .addSelect("p.name", "name")
    .addSelect("p.max_total", "maxTotal")
    .addSelect("t.slug", "tenantSlug")
    .orderBy("t.slug", "ASC")
    .addOrderBy("p.name", "ASC")
    .getRawMany<{ id: string; name: string; maxTotal: number; tenantSlug: string }>();
  const desktopCounts = await db.desktops
    .query("d")
    .select("d.pool_id", "poolId")
    .addSelect("COUNT(*)", "count")
    .groupBy("d.pool_id")
    .getRawMany<{ poolId: string; count: string | number }>();
  const provisioning = await db.provisioningEvents
    .query("ev")
    .select("ev.pool_id", "poolId")
    .addSelect("SUM(CASE WHEN ev.kind = 'ready' THEN 1 ELSE 0 END)", "succeeded")
    .addSelect("COUNT(*)", "requested")
    .andWhere("ev.kind IN ('ready', 'fault')")
    .andWhere("ev.created_at >= :from AND ev.created_at < :to", period)
    .groupBy("ev.pool_id")
    .getRawMany<{ poolId: string; succeeded: string | number; requested: string | number }>();
  const usage = await poolUsage(db, period);
  const counts = new Map(desktopCounts.map((row) => [row.poolId, Number(row.count)]));
  const provisioned = new Map(provisioning.map((row) => [row.poolId, row]));
  return pools.map(
    (pool): PoolMetricsRow => ({
      pool: reportTenantOf(db) ? pool.name : `${pool.tenantSlug} / ${pool.name}`,
      desktops: counts.get(pool.id) ?? 0,
      maxDesktops: pool.maxTotal,
      avgInUse: usage.get(pool.id)?.avg ?? 0,
      peakInUse: usage.get(pool.id)?.peak ?? 0,
      provisioningRequested: Number(provisioned.get(pool.id)?.requested ?? 0),
      provisioningSucceeded: Number(provisioned.get(pool.id)?.succeeded ?? 0),
    }),
  );
}

/** Desktops against each tenant's desktop quota, the one quota Atrium knows without asking the cloud. */
async function capacityRows(db: AnyDb): Promise<CapacityQuotaRow[]> {
  const tenantId = reportTenantOf(db);
  const tenants = db.manager.createQueryBuilder().from(Tenant, "t");
  const rows = await db.desktops
    .join(tenants, "d", "d.tenant_id = t.id", "left")
    .select("t.slug", "slug")
    .addSelect("t.max_desktops", "quota")
    .addSelect("COUNT(d.id)", "used")
    .where(tenantId ? "t.id = :reportTenantId" : "1 = 1", { reportTenantId: tenantId })
    .groupBy("t.slug")
    .addGroupBy("t.max_desktops")
    .orderBy("t.slug", "ASC")
    .getRawMany<{ slug: string; quota: number | null; used: string | number }>();
  return rows.map((row) => ({
    resource: tenantId ? "Desktops" : `Desktops (${row.slug})`,
    unit: "desktops",
    used: Number(row.used),
    quota: row.quota === null ? null : Number(row.quota),
  }));
}

export async function loadBrokerMetrics(db: AnyDb, period: ReportPeriodRange): Promise<BrokerMetricsData> {
  const latency = await connectLatencies(db, period);
  return {
    rows: await poolRows(db, period),
    hourly: await hourlyPoints(db, period, latency.byHour),
    capacity: await capacityRows(db),
    connectLatency: latency.overall,
  };
}
