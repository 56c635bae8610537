import { type DesiredPowerState, type Desktop, DesktopAction, type DesktopPendingAction } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { conflict, forbidden } from "../../errors/app-error.js";
import { recordAudit } from "../../tenancy/audit.js";

const desktops = (ctx: Ctx) => ctx.db.desktops;

/** Power actions set the state the controller drives towards; they repeat safely. */
const POWER: Partial<Record<DesktopAction, DesiredPowerState>> = {
  [DesktopAction.START]: "running",
  [DesktopAction.RESUME]: "running",
  [DesktopAction.UNSHELVE]: "running",
  [DesktopAction.STOP]: "stopped",
  [DesktopAction.SUSPEND]: "suspended",
  [DesktopAction.SHELVE]: "shelved",
};
const ONE_SHOT: Partial<Record<DesktopAction, DesktopPendingAction>> = {
  [DesktopAction.REBOOT]: "reboot",
  [DesktopAction.REBUILD]: "rebuild",
};
/** Actions that destroy what the assigned user has on the desktop. */
const DESTRUCTIVE = new Set<DesktopAction>([DesktopAction.REBUILD, DesktopAction.TERMINATE]);

const mayReshapePools = (ctx: Ctx) =>
  ctx.principal.kind !== "anonymous" && ctx.principal.permissions.has("pools:write");

export const isAssigned = (desktop: Desktop) =>
  desktop.assignedUserId !== null || desktop.availability === "assigned" || desktop.sessionState !== "none";

/**
 * Records what the helpdesk or an admin asked for; the pool controller carries it out under the pool's lease on its
 * next pass, so the API never talks to the cloud and never races the controller on a server.
 */
export async function desktopAction(ctx: Ctx, id: string, action: DesktopAction, force: boolean): Promise<Desktop> {
  return withTransaction(ctx, async (tx) => {
    const scope = desktops(tx);
    const before = await scope.getById(id);
    if (before.desiredPowerState === "deleted") throw conflict(`${before.name} is being terminated`);
    // Rebuild and terminate destroy a desktop: by default they are for whoever may reshape pools (tenant admins,
    // MSP staff running the fleet), not for the helpdesk, who restarts and powers desktops.
    if (DESTRUCTIVE.has(action) && !mayReshapePools(tx)) {
      throw forbidden(`Only a tenant admin may ${action.toLowerCase()} a desktop`);
    }
    if (DESTRUCTIVE.has(action) && isAssigned(before)) {
      if (!force) {
        throw conflict(
          `${before.name} is assigned to a user: ${action.toLowerCase()} would destroy their work; pass force: true`,
        );
      }
      // Only tenant admins (who can also reshape pools) may override an assignment.
      if (!mayReshapePools(tx)) throw forbidden("Only a tenant admin may force this on an assigned desktop");
    }
    const patch = changeFor(action);
    const saved = await scope.update(id, patch);
    await recordAudit(tx, {
      action: `desktopAction:${action}`,
      targetType: "Desktop",
      targetId: id,
      before: view(before),
      after: { ...view(saved), force },
    });
    return saved;
  });
}

export async function setDesktopOutOfService(ctx: Ctx, id: string, outOfService: boolean): Promise<Desktop> {
  return withTransaction(ctx, async (tx) => {
    const scope = desktops(tx);
    const before = await scope.getById(id);
    if (before.outOfService === outOfService) return before;
    const saved = await scope.update(id, { outOfService });
    await recordAudit(tx, {
      action: "setDesktopOutOfService",
      targetType: "Desktop",
      targetId: id,
      before: view(before),
      after: view(saved),
    });
    return saved;
  });
}

function changeFor(action: DesktopAction): Partial<Desktop> {
  if (action === DesktopAction.TERMINATE) return { desiredPowerState: "deleted", availability: "deleting" };
  const oneShot = ONE_SHOT[action];
  if (oneShot) return { pendingAction: oneShot };
  return { desiredPowerState: POWER[action]! };
}

function view(desktop: Desktop) {
  const { id, name, desiredPowerState, pendingAction, availability, outOfService, assignedUserId } = desktop;
  return { id, name, desiredPowerState, pendingAction, availability, outOfService, assignedUserId };
}
