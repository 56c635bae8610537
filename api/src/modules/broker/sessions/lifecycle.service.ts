import {
  Assignment,
  Desktop,
  DesktopSession,
  DesktopTimer,
  type DesktopTimerReason,
  type PlanPowerAction,
  PoolEntitlement,
  PowerPlan,
  ReleasePlan,
  type ReleaseReason,
} from "@atrium/schema";
import { type EntityManager, IsNull } from "typeorm";

const MINUTE = 60_000;
const DESIRED_STATE: Record<Exclude<PlanPowerAction, "none">, "suspended" | "stopped" | "shelved"> = {
  suspend: "suspended",
  stop: "stopped",
  shelve: "shelved",
};

export interface EntitlementPlans {
  entitlement: PoolEntitlement | null;
  powerPlan: PowerPlan | null;
  releasePlan: ReleasePlan | null;
}

/** The plans that govern an assignment, read inside the tenant. */
export async function plansOf(manager: EntityManager, tenantId: string, entitlementId: string | null) {
  const entitlement = entitlementId
    ? await manager.getRepository(PoolEntitlement).findOne({ where: { tenantId, id: entitlementId } })
    : null;
  const powerPlan = entitlement?.powerPlanId
    ? await manager.getRepository(PowerPlan).findOne({ where: { tenantId, id: entitlement.powerPlanId } })
    : null;
  const releasePlan = entitlement?.releasePlanId
    ? await manager.getRepository(ReleasePlan).findOne({ where: { tenantId, id: entitlement.releasePlanId } })
    : null;
  return { entitlement, powerPlan, releasePlan } satisfies EntitlementPlans;
}

export function openAssignment(manager: EntityManager, tenantId: string, desktopId: string) {
  return manager
    .getRepository(Assignment)
    .findOne({ where: { tenantId, desktopId, releasedAt: IsNull() }, order: { assignedAt: "DESC" } });
}

/** The user is back (connect or login): whatever was counting down for this desktop no longer applies. */
export async function cancelTimers(manager: EntityManager, tenantId: string, desktopId: string, now: Date) {
  await manager
    .createQueryBuilder()
    .update(DesktopTimer)
    .set({ cancelledAt: now })
    .where("tenant_id = :tenantId AND desktop_id = :desktopId AND fired_at IS NULL AND cancelled_at IS NULL", {
      tenantId,
      desktopId,
    })
    .execute();
}

async function addTimer(
  manager: EntityManager,
  values: Pick<DesktopTimer, "tenantId" | "desktopId" | "assignmentId" | "kind" | "action" | "reason" | "dueAt">,
) {
  await manager.getRepository(DesktopTimer).insert({ ...values, firedAt: null, cancelledAt: null });
}

/**
 * Starts the countdowns a disconnect or logout triggers: release after N minutes (unless the plan keeps persistent
 * desktops) and the power plan's action. Earlier countdowns for the desktop are replaced, so the latest event rules.
 */
export async function scheduleAfterSessionEvent(
  manager: EntityManager,
  tenantId: string,
  desktopId: string,
  reason: Extract<DesktopTimerReason, "disconnect" | "logout">,
  now: Date,
) {
  await cancelTimers(manager, tenantId, desktopId, now);
  const assignment = await openAssignment(manager, tenantId, desktopId);
  if (!assignment) return;
  const { powerPlan, releasePlan } = await plansOf(manager, tenantId, assignment.entitlementId);
  const base = { tenantId, desktopId, assignmentId: assignment.id, reason };
  const releaseMinutes =
    reason === "disconnect" ? releasePlan?.releaseAfterDisconnectMinutes : releasePlan?.releaseAfterLogoutMinutes;
  const keep = assignment.persistent && (releasePlan?.keepPersistent ?? true);
  if (releaseMinutes != null && !keep) {
    await addTimer(manager, {
      ...base,
      kind: "release",
      action: "release",
      dueAt: new Date(now.getTime() + releaseMinutes * MINUTE),
    });
  }
  const action = reason === "disconnect" ? powerPlan?.onDisconnect : powerPlan?.onLogout;
  const minutes = reason === "disconnect" ? powerPlan?.onDisconnectMinutes : powerPlan?.onLogoutMinutes;
  if (action && action !== "none") {
    await addTimer(manager, {
      ...base,
      kind: "power",
      action,
      dueAt: new Date(now.getTime() + (minutes ?? 0) * MINUTE),
    });
  }
}

/** Sets the power state the provisioning controller should reach; it, not the broker, talks to the cloud. */
export async function requestPower(manager: EntityManager, tenantId: string, desktopId: string, action: string) {
  const desired = DESIRED_STATE[action as keyof typeof DESIRED_STATE];
  if (!desired) return;
  await manager
    .createQueryBuilder()
    .update(Desktop)
    .set({ desiredPowerState: desired })
    // A desktop being deleted stays deleted whatever a late timer says.
    .where("id = :desktopId AND tenant_id = :tenantId AND desired_power_state <> 'deleted'", { desktopId, tenantId })
    .execute();
}

/**
 * Ends an assignment: history row closed, open sessions ended, the desktop returned to the pool, or handed to the
 * controller to rebuild (unavailable until rebuilt) or delete, per the release plan; then the power plan's release
 * action is scheduled. Persistent assignments are released only on request, never by the "keep" plans' timers.
 * Conditional on the desktop still belonging to the assignment's user, so a late timer cannot take it from the next.
 */
export async function releaseAssignment(
  manager: EntityManager,
  assignment: Assignment,
  reason: ReleaseReason,
  now: Date,
): Promise<boolean> {
  const { tenantId, desktopId } = assignment;
  const closed = await manager
    .createQueryBuilder()
    .update(Assignment)
    .set({ releasedAt: now, releaseReason: reason })
    .where("id = :id AND tenant_id = :tenantId AND released_at IS NULL", { id: assignment.id, tenantId })
    .execute();
  if ((closed.affected ?? 0) !== 1) return false;
  await manager
    .createQueryBuilder()
    .update(DesktopSession)
    .set({ state: "ended", endedAt: now, endReason: `released:${reason}` })
    .where("tenant_id = :tenantId AND desktop_id = :desktopId AND state <> 'ended'", { tenantId, desktopId })
    .execute();
  await cancelTimers(manager, tenantId, desktopId, now);
  const { powerPlan, releasePlan } = await plansOf(manager, tenantId, assignment.entitlementId);
  const disposition = assignment.persistent ? "keep" : (releasePlan?.onRelease ?? "keep");
  const desktopPatch =
    disposition === "terminate"
      ? { availability: "deleting" as const, desiredPowerState: "deleted" as const }
      : disposition === "rebuild"
        ? { availability: "unavailable" as const, pendingAction: "rebuild" as const }
        : { availability: "available" as const };
  await manager
    .createQueryBuilder()
    .update(Desktop)
    .set({ ...desktopPatch, assignedUserId: null, sessionState: "none" })
    .where("id = :desktopId AND tenant_id = :tenantId AND assigned_user_id = :userId", {
      desktopId,
      tenantId,
      userId: assignment.userId,
    })
    .execute();
  if (disposition === "keep" && powerPlan && powerPlan.onRelease !== "none") {
    await addTimer(manager, {
      tenantId,
      desktopId,
      assignmentId: assignment.id,
      kind: "power",
      action: powerPlan.onRelease,
      reason: "release",
      dueAt: new Date(now.getTime() + powerPlan.onReleaseMinutes * MINUTE),
    });
  }
  return true;
}
