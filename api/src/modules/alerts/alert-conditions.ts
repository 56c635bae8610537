import { type AlertRule, Cloud, Tenant } from "@atrium/schema";
import type { AnyDb } from "../../db/index.js";

/** One thing a rule currently fires for; `subject` is stable across evaluations so the open alert is found again. */
export interface Firing {
  subject: string;
  label: string;
  message: string;
}

// Each condition reads through the rule's door: its tenant's rows, or every tenant's for an MSP rule.

async function poolsAvailableBelow(db: AnyDb, n: number): Promise<Firing[]> {
  const pools = db.pools
    .query("p")
    .select("p.id", "id")
    .addSelect("p.name", "name")
    .addSelect("COUNT(d.id)", "available");
  const rows = await db.desktops
    .join(
      pools,
      "d",
      "d.pool_id = p.id AND d.tenant_id = p.tenant_id AND d.availability = 'available' AND d.out_of_service = :no",
      "left",
    )
    .setParameter("no", false)
    .andWhere("p.status = 'active'")
    .groupBy("p.id")
    .addGroupBy("p.name")
    .getRawMany<{ id: string; name: string; available: string | number }>();
  return rows
    .filter((row) => Number(row.available) < n)
    .map((row) => ({
      subject: `pool:${row.id}`,
      label: `Pool ${row.name}`,
      message: `Pool ${row.name} has ${Number(row.available)} available desktops (alert below ${n})`,
    }));
}

async function poolsPaused(db: AnyDb): Promise<Firing[]> {
  const pools = await db.pools
    .query("p")
    .select("p.id", "id")
    .addSelect("p.name", "name")
    .addSelect("p.status_reason", "reason")
    .andWhere("p.status = 'paused'")
    .getRawMany<{ id: string; name: string; reason: string | null }>();
  return pools.map((pool) => ({
    subject: `pool:${pool.id}`,
    label: `Pool ${pool.name}`,
    message: `Provisioning of pool ${pool.name} is paused: ${pool.reason ?? "no reason recorded"}`,
  }));
}

/** A tenant rule watches only the clouds its pools run on; an MSP rule watches every cloud. */
async function cloudsUnreachable(db: AnyDb): Promise<Firing[]> {
  const query = db.manager
    .createQueryBuilder()
    .from(Cloud, "c")
    .select("c.id", "id")
    .addSelect("c.name", "name")
    .addSelect("c.status_message", "reason")
    .where("c.status = 'error'");
  if ("tenantId" in db) {
    const used = db.pools.query("p").select("p.cloud_id");
    query.andWhere(`c.id IN (${used.getQuery()})`, used.getParameters());
  }
  const clouds = await query.getRawMany<{ id: string; name: string; reason: string | null }>();
  return clouds.map((cloud) => ({
    subject: `cloud:${cloud.id}`,
    label: `Cloud ${cloud.name}`,
    message: `Cloud ${cloud.name} is unreachable: ${cloud.reason ?? "last check failed"}`,
  }));
}

async function quotaAbove(db: AnyDb, percent: number): Promise<Firing[]> {
  const tenants = db.manager.createQueryBuilder().from(Tenant, "t");
  const query = db.desktops
    .join(tenants, "d", "d.tenant_id = t.id", "left")
    .select("t.id", "id")
    .addSelect("t.name", "name")
    .addSelect("t.max_desktops", "quota")
    .addSelect("COUNT(d.id)", "used")
    .where("t.max_desktops IS NOT NULL AND t.max_desktops > 0")
    .groupBy("t.id")
    .addGroupBy("t.name")
    .addGroupBy("t.max_desktops");
  if ("tenantId" in db) query.andWhere("t.id = :tenantOfRule", { tenantOfRule: db.tenantId });
  const rows = await query.getRawMany<{ id: string; name: string; quota: number; used: string | number }>();
  return rows
    .filter((row) => (Number(row.used) / Number(row.quota)) * 100 > percent)
    .map((row) => ({
      subject: `tenant:${row.id}`,
      label: `Tenant ${row.name}`,
      message: `${row.name} uses ${Number(row.used)} of ${row.quota} desktops (alert above ${percent} %)`,
    }));
}

async function failedLoginSpike(db: AnyDb, n: number, minutes: number, now: Date): Promise<Firing[]> {
  const failures = await db.loginEvents
    .query("e")
    .andWhere("e.outcome NOT IN ('success', 'mfa_required')")
    .andWhere("e.created_at >= :since", { since: new Date(now.getTime() - minutes * 60_000) })
    .getCount();
  if (failures < n) return [];
  return [
    {
      subject: "failed-logins",
      label: "Failed sign-ins",
      message: `${failures} failed sign-ins in the last ${minutes} minutes (alert at ${n})`,
    },
  ];
}

/** A schedule whose latest finished delivery failed; the next successful one resolves it. */
async function reportDeliveryFailed(db: AnyDb): Promise<Firing[]> {
  const schedules = await db.reportSchedules.find();
  const firing: Firing[] = [];
  for (const schedule of schedules) {
    const latest = await db.reportDeliveries
      .query("r")
      .andWhere("r.scheduleId = :id", { id: schedule.id })
      .andWhere("r.status IN ('sent', 'failed')")
      .orderBy("r.finishedAt", "DESC")
      .getOne();
    if (latest?.status !== "failed") continue;
    firing.push({
      subject: `schedule:${schedule.id}`,
      label: `Report schedule ${schedule.name}`,
      message: `Report "${schedule.name}" could not be delivered: ${latest.error ?? "unknown error"}`,
    });
  }
  return firing;
}

/** `db` is the rule's door: its tenant's, or for an MSP rule (tenant null) the door across every tenant. */
export function evaluateCondition(db: AnyDb, rule: AlertRule, now: Date): Promise<Firing[]> {
  switch (rule.kind) {
    case "POOL_AVAILABLE_BELOW":
      return poolsAvailableBelow(db, rule.threshold ?? 0);
    case "POOL_PAUSED":
      return poolsPaused(db);
    case "CLOUD_UNREACHABLE":
      return cloudsUnreachable(db);
    case "QUOTA_ABOVE":
      return quotaAbove(db, rule.threshold ?? 100);
    case "FAILED_LOGIN_SPIKE":
      return failedLoginSpike(db, rule.threshold ?? 1, rule.windowMinutes ?? 5, now);
    case "REPORT_DELIVERY_FAILED":
      return reportDeliveryFailed(db);
  }
}
