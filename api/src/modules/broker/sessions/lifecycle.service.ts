import type {
  Assignment,
  DesktopTimer,
  DesktopTimerReason,
  PlanPowerAction,
  PoolEntitlement,
  PowerPlan,
  ReleasePlan,
  ReleaseReason,
} from "@atrium/schema";
import { IsNull } from "typeorm";
import type { OneTenantDb } from "../../../db/index.js";

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
export async function plansOf(db: OneTenantDb, entitlementId: string | null) {
  const entitlement = entitlementId ? await db.poolEntitlements.findOne({ id: entitlementId }) : null;
  const powerPlan = entitlement?.powerPlanId ? await db.powerPlans.findOne({ id: entitlement.powerPlanId }) : null;
  const releasePlan = entitlement?.releasePlanId
    ? await db.releasePlans.findOne({ id: entitlement.releasePlanId })
    : null;
  return { entitlement, powerPlan, releasePlan } satisfies EntitlementPlans;
}

export function openAssignment(db: OneTenantDb, desktopId: string) {
  return db.assignments.findOne({ desktopId, releasedAt: IsNull() }, { order: { assignedAt: "DESC" } });
}

/** The user is back (connect or login): whatever was counting down for this desktop no longer applies. */
export async function cancelTimers(db: OneTenantDb, desktopId: string, now: Date) {
  await db.desktopTimers.updateWhere(
    "desktop_id = :desktopId AND fired_at IS NULL AND cancelled_at IS NULL",
    { cancelledAt: now },
    { desktopId },
  );
}

async function addTimer(
  db: OneTenantDb,
  values: Pick<DesktopTimer, "desktopId" | "assignmentId" | "kind" | "action" | "reason" | "dueAt">,
) {
  // One plain INSERT, as before (insert would save, which opens its own transaction outside one).
  await db.desktopTimers.insertMany([{ ...values, firedAt: null, cancelledAt: null }]);
}

/**
 * Starts the countdowns a disconnect or logout triggers: release after N minutes (unless the plan keeps persistent
 * desktops) and the power plan's action. Earlier countdowns for the desktop are replaced, so the latest event rules.
 */
export async function scheduleAfterSessionEvent(
  db: OneTenantDb,
  desktopId: string,
  reason: Extract<DesktopTimerReason, "disconnect" | "logout">,
  now: Date,
) {
  await cancelTimers(db, desktopId, now);
  const assignment = await openAssignment(db, desktopId);
  if (!assignment) return;
  const { powerPlan, releasePlan } = await plansOf(db, assignment.entitlementId);
  const base = { desktopId, assignmentId: assignment.id, reason };
  const releaseMinutes =
    reason === "disconnect" ? releasePlan?.releaseAfterDisconnectMinutes : releasePlan?.releaseAfterLogoutMinutes;
  const keep = assignment.persistent && (releasePlan?.keepPersistent ?? true);
  if (releaseMinutes != null && !keep) {
    await addTimer(db, {
      ...base,
      kind: "release",
      action: "release",
      dueAt: new Date(now.getTime() + releaseMinutes * MINUTE),
    });
  }
  const action = reason === "disconnect" ? powerPlan?.onDisconnect : powerPlan?.onLogout;
  const minutes = reason === "disconnect" ? powerPlan?.onDisconnectMinutes : powerPlan?.onLogoutMinutes;
  if (action && action !== "none") {
    await addTimer(db, {
      ...base,
      kind: "power",
      action,
      dueAt: new Date(now.getTime() + (minutes ?? 0) * MINUTE),
    });
  }
}

/** Sets the power state the provisioning controller should reach; it, not the broker, talks to the cloud. */
export async function requestPower(db: OneTenantDb, desktopId: string, action: string) {
  const desired = DESIRED_STATE[action as keyof typeof DESIRED_STATE];
  if (!desired) return;
  // A desktop being deleted stays deleted whatever a late timer says.
  await db.desktops.updateWhere(
    "id = :desktopId AND desired_power_state <> 'deleted'",
    { desiredPowerState: desired },
    { desktopId },
  );
}

/**
 * Ends an assignment: history row closed, open sessions ended, the desktop returned to the pool, or handed to the
 * controller to rebuild (unavailable until rebuilt) or delete, per the release plan; then the power plan's release
 * action is scheduled. Persistent assignments are released only on request, never by the "keep" plans' timers.
 * Conditional on the desktop still belonging to the assignment's user, so a late timer cannot take it from the next.
 */
export async function releaseAssignment(
  db: OneTenantDb,
  assignment: Assignment,
  reason: ReleaseReason,
  now: Date,
): Promise<boolean> {
  const { desktopId } = assignment;
  const closed = await db.assignments.updateWhere(
    "id = :id AND released_at IS NULL",
    { releasedAt: now, releaseReason: reason },
    { id: assignment.id },
  );
  if (closed !== 1) return false;
  await db.desktopSessions.updateWhere(
    "desktop_id = :desktopId AND state <> 'ended'",
    { state: "ended", endedAt: now, endReason: `released:${reason}` },
    { desktopId },
  );
  await cancelTimers(db, desktopId, now);
  const { powerPlan, releasePlan } = await plansOf(db, assignment.entitlementId);
  const disposition = assignment.persistent ? "keep" : (releasePlan?.onRelease ?? "keep");
  const desktopPatch =
    disposition === "terminate"
      ? { availability: "deleting" as const, desiredPowerState: "deleted" as const }
      : disposition === "rebuild"
        ? { availability: "unavailable" as const, pendingAction: "rebuild" as const }
        : { availability: "available" as const };
  await db.desktops.updateWhere(
    "id = :desktopId AND assigned_user_id = :userId",
    { ...desktopPatch, assignedUserId: null, sessionState: "none" },
    { desktopId, userId: assignment.userId },
  );
  if (disposition === "keep" && powerPlan && powerPlan.onRelease !== "none") {
    await addTimer(db, {
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
