import { Assignment, DesktopTimer } from "@atrium/schema";
import { type DataSource, type EntityManager, IsNull } from "typeorm";
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
async function fireTimer(manager: EntityManager, timer: DesktopTimer, now: Date): Promise<boolean> {
  const claimed = await manager
    .createQueryBuilder()
    .update(DesktopTimer)
    .set({ firedAt: now })
    .where("id = :id AND tenant_id = :tenantId AND fired_at IS NULL AND cancelled_at IS NULL", {
      id: timer.id,
      tenantId: timer.tenantId,
    })
    .execute();
  if ((claimed.affected ?? 0) !== 1) return false;
  if (timer.kind === "power") {
    await requestPower(manager, timer.tenantId, timer.desktopId, timer.action);
    return true;
  }
  const assignment = timer.assignmentId
    ? await manager.getRepository(Assignment).findOne({ where: { tenantId: timer.tenantId, id: timer.assignmentId } })
    : null;
  if (assignment && !assignment.releasedAt) {
    await releaseAssignment(manager, assignment, timer.reason === "logout" ? "timer_logout" : "timer_disconnect", now);
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
  const tenants: { tenantId: string }[] = await dataSource
    .getRepository(DesktopTimer)
    .createQueryBuilder("t")
    .select("DISTINCT t.tenantId", "tenantId")
    .where("t.dueAt <= :now AND t.firedAt IS NULL AND t.cancelledAt IS NULL", { now })
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
          const due = await dataSource.getRepository(DesktopTimer).find({
            where: { tenantId, firedAt: IsNull(), cancelledAt: IsNull() },
            order: { dueAt: "ASC" },
            take: BATCH,
          });
          for (const timer of due) {
            if (signal.aborted) break;
            if (timer.dueAt.getTime() > now.getTime()) break;
            const fired = await dataSource.transaction((manager) => fireTimer(manager, timer, now));
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
