import type { DesktopTimer } from "@atrium/schema";
import { type DataSource, IsNull } from "typeorm";
import { acrossTenants, type OneTenantDb } from "../../../db/index.js";
import { withLease } from "../../../jobs/leases.js";
import { releaseAssignment, requestPower } from "../sessions/lifecycle.service.js";

export interface TimerRunResult {
  fired: number;
  skipped: number;
  tenants: number;
}

/** Bounds one tenant's batch so a backlog cannot hold the lease for long; the next run takes the rest. */
const BATCH = 500;
const LEASE_TTL_MS = 60_000;

/**
 * Fires one timer: the conditional UPDATE on fired_at makes it exactly-once even if two workers (or a retry after a
 * crash) get here; the action runs in the same transaction, so "fired" and "done" commit together.
 */
async function fireTimer(db: OneTenantDb, timer: DesktopTimer, now: Date): Promise<boolean> {
  const claimed = await db.desktopTimers.updateWhere(
    "id = :id AND fired_at IS NULL AND cancelled_at IS NULL",
    { firedAt: now },
    { id: timer.id },
  );
  if (claimed !== 1) return false;
  if (timer.kind === "power") {
    await requestPower(db, timer.desktopId, timer.action);
    return true;
  }
  const assignment = timer.assignmentId ? await db.assignments.findOne({ id: timer.assignmentId }) : null;
  if (assignment && !assignment.releasedAt) {
    await releaseAssignment(db, assignment, timer.reason === "logout" ? "timer_logout" : "timer_disconnect", now);
  }
  return true;
}

/**
 * Applies every release and power timer due at `now`, tenant by tenant, each tenant under its own lease so two
 * workers never work one tenant's desktops at once and one tenant's failure does not stop the others.
 */
export async function runDueTimers(
  dataSource: DataSource,
  now: Date,
  holder: string,
  logger?: { error(obj: object, msg?: string): void },
): Promise<TimerRunResult> {
  const across = acrossTenants(
    dataSource.manager,
    "broker timers fire for every tenant, each under its own lease",
    "broker-timers",
  );
  const tenants: { tenantId: string }[] = await across.desktopTimers
    .query("t")
    .select("DISTINCT t.tenantId", "tenantId")
    .andWhere("t.dueAt <= :now AND t.firedAt IS NULL AND t.cancelledAt IS NULL", { now })
    .getRawMany();
  const result: TimerRunResult = { fired: 0, skipped: 0, tenants: 0 };
  for (const { tenantId } of tenants) {
    try {
      await withLease(
        dataSource,
        `broker-timers:${tenantId}`,
        holder,
        LEASE_TTL_MS,
        async (signal) => {
          const db = across.forTenant(tenantId);
          const due = await db.desktopTimers.find({
            where: { firedAt: IsNull(), cancelledAt: IsNull() },
            order: { dueAt: "ASC" },
            take: BATCH,
          });
          for (const timer of due) {
            if (signal.aborted) break;
            if (timer.dueAt.getTime() > now.getTime()) break;
            const fired = await db.transaction((tx) => fireTimer(tx.requireTenant(), timer, now));
            if (fired) result.fired++;
            else result.skipped++;
          }
        },
        { clock: () => now },
      );
      result.tenants++;
    } catch (error) {
      logger?.error({ err: error, tenantId }, "broker timers failed for tenant");
    }
  }
  return result;
}
