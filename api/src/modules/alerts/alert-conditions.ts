import {
  type AlertRule,
  Cloud,
  Desktop,
  LoginEvent,
  Pool,
  ReportDelivery,
  ReportSchedule,
  Tenant,
} from "@atrium/schema";
import type { EntityManager } from "typeorm";
import { type ReportScope, scopePredicate } from "../reports/report-scope.js";

/** One thing a rule currently fires for; `subject` is stable across evaluations so the open alert is found again. */
export interface Firing {
  subject: string;
  label: string;
  message: string;
}

async function poolsAvailableBelow(manager: EntityManager, scope: ReportScope, n: number): Promise<Firing[]> {
  const tenant = scopePredicate("p", scope);
  const rows = await manager
    .createQueryBuilder()
    .from(Pool, "p")
    .leftJoin(
      Desktop,
      "d",
      "d.pool_id = p.id AND d.tenant_id = p.tenant_id AND d.availability = 'available' AND d.out_of_service = :no",
      { no: false },
    )
    .select("p.id", "id")
    .addSelect("p.name", "name")
    .addSelect("COUNT(d.id)", "available")
    .where(tenant.sql, tenant.params)
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

async function poolsPaused(manager: EntityManager, scope: ReportScope): Promise<Firing[]> {
  const tenant = scopePredicate("p", scope);
  const pools = await manager
    .createQueryBuilder()
    .from(Pool, "p")
    .select("p.id", "id")
    .addSelect("p.name", "name")
    .addSelect("p.status_reason", "reason")
    .where(tenant.sql, tenant.params)
    .andWhere("p.status = 'paused'")
    .getRawMany<{ id: string; name: string; reason: string | null }>();
  return pools.map((pool) => ({
    subject: `pool:${pool.id}`,
    label: `Pool ${pool.name}`,
    message: `Provisioning of pool ${pool.name} is paused: ${pool.reason ?? "no reason recorded"}`,
  }));
}

/** A tenant rule watches only the clouds its pools run on; an MSP rule watches every cloud. */
async function cloudsUnreachable(manager: EntityManager, scope: ReportScope): Promise<Firing[]> {
  const query = manager
    .createQueryBuilder()
    .from(Cloud, "c")
    .select("c.id", "id")
    .addSelect("c.name", "name")
    .addSelect("c.status_message", "reason")
    .where("c.status = 'error'");
  if (scope.tenantId) {
    query.andWhere("c.id IN (SELECT p.cloud_id FROM pool p WHERE p.tenant_id = :scopeTenantId)", {
      scopeTenantId: scope.tenantId,
    });
  }
  const clouds = await query.getRawMany<{ id: string; name: string; reason: string | null }>();
  return clouds.map((cloud) => ({
    subject: `cloud:${cloud.id}`,
    label: `Cloud ${cloud.name}`,
    message: `Cloud ${cloud.name} is unreachable: ${cloud.reason ?? "last check failed"}`,
  }));
}

async function quotaAbove(manager: EntityManager, scope: ReportScope, percent: number): Promise<Firing[]> {
  const query = manager
    .createQueryBuilder()
    .from(Tenant, "t")
    .leftJoin(Desktop, "d", "d.tenant_id = t.id")
    .select("t.id", "id")
    .addSelect("t.name", "name")
    .addSelect("t.max_desktops", "quota")
    .addSelect("COUNT(d.id)", "used")
    .where("t.max_desktops IS NOT NULL AND t.max_desktops > 0")
    .groupBy("t.id")
    .addGroupBy("t.name")
    .addGroupBy("t.max_desktops");
  if (scope.tenantId) query.andWhere("t.id = :scopeTenantId", { scopeTenantId: scope.tenantId });
  const rows = await query.getRawMany<{ id: string; name: string; quota: number; used: string | number }>();
  return rows
    .filter((row) => (Number(row.used) / Number(row.quota)) * 100 > percent)
    .map((row) => ({
      subject: `tenant:${row.id}`,
      label: `Tenant ${row.name}`,
      message: `${row.name} uses ${Number(row.used)} of ${row.quota} desktops (alert above ${percent} %)`,
    }));
}

async function failedLoginSpike(
  manager: EntityManager,
  scope: ReportScope,
  n: number,
  minutes: number,
  now: Date,
): Promise<Firing[]> {
  const tenant = scopePredicate("e", scope);
  const failures = await manager
    .createQueryBuilder()
    .from(LoginEvent, "e")
    .where(tenant.sql, tenant.params)
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
async function reportDeliveryFailed(manager: EntityManager, scope: ReportScope): Promise<Firing[]> {
  const schedules = await manager
    .getRepository(ReportSchedule)
    .find({ where: scope.tenantId ? { tenantId: scope.tenantId } : {} });
  const firing: Firing[] = [];
  for (const schedule of schedules) {
    const latest = await manager
      .getRepository(ReportDelivery)
      .createQueryBuilder("r")
      .where("r.scheduleId = :id", { id: schedule.id })
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

export function evaluateCondition(manager: EntityManager, rule: AlertRule, now: Date): Promise<Firing[]> {
  const scope: ReportScope = { tenantId: rule.tenantId };
  switch (rule.kind) {
    case "POOL_AVAILABLE_BELOW":
      return poolsAvailableBelow(manager, scope, rule.threshold ?? 0);
    case "POOL_PAUSED":
      return poolsPaused(manager, scope);
    case "CLOUD_UNREACHABLE":
      return cloudsUnreachable(manager, scope);
    case "QUOTA_ABOVE":
      return quotaAbove(manager, scope, rule.threshold ?? 100);
    case "FAILED_LOGIN_SPIKE":
      return failedLoginSpike(manager, scope, rule.threshold ?? 1, rule.windowMinutes ?? 5, now);
    case "REPORT_DELIVERY_FAILED":
      return reportDeliveryFailed(manager, scope);
  }
}
