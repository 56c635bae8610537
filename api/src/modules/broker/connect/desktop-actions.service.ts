import type { Desktop, UserPowerAction } from "@atrium/schema";
import { In } from "typeorm";
import { type Ctx, withTransaction } from "../../../context/ctx.js";
import { isUuid, type Patch } from "../../../db/index.js";
import { notFound } from "../../../errors/app-error.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { DEFAULT_CONNECTION_CONSTRAINTS } from "../../access/index.js";
import { powerActionNotAllowed } from "../broker.errors.js";
import { openAssignment, releaseAssignment } from "../sessions/lifecycle.service.js";
import { type BrokerActor, brokerActor } from "./broker-actor.js";
import { protocolPlanOf } from "./connect.service.js";
import type { DesktopOfferType, ReleaseResultType } from "./connect.types.js";
import { usableProtocols } from "./connection-plan.js";
import { candidateDesktops, desktopsHeldBy } from "./offers.service.js";

/**
 * The offer list: per entitlement (in policy order), the desktops the user already holds in that pool, then the best
 * free ones up to the entitlement's offer count.
 */
export async function myDesktops(ctx: Ctx): Promise<DesktopOfferType[]> {
  const actor = await brokerActor(ctx);
  const db = ctx.db.requireTenant();
  const constraints = actor.outcome.decision.constraints ?? DEFAULT_CONNECTION_CONSTRAINTS;
  const poolIds = actor.entitlements.map((entitlement) => entitlement.poolId);
  const pools = poolIds.length ? await db.pools.find({ where: { id: In(poolIds) } }) : [];
  const poolNames = new Map(pools.map((pool) => [pool.id, pool.name]));
  const held = await desktopsHeldBy(db, actor.user.id, poolIds);
  const offers: DesktopOfferType[] = [];
  for (const entitlement of actor.entitlements) {
    const protocols = usableProtocols(await protocolPlanOf(db, entitlement), constraints);
    const describe = (desktop: Desktop, assignedToYou: boolean): DesktopOfferType => ({
      desktopId: desktop.id,
      name: desktop.name,
      poolId: desktop.poolId,
      poolName: poolNames.get(desktop.poolId) ?? "",
      assignedToYou,
      persistent: entitlement.persistent,
      powerState: desktop.observedPowerState,
      protocols,
      powerActions: assignedToYou ? entitlement.userPowerActions : [],
    });
    const mine = held.filter((desktop) => desktop.poolId === entitlement.poolId);
    offers.push(...mine.map((desktop) => describe(desktop, true)));
    const room = entitlement.offerCount - mine.length;
    if (room > 0) {
      const free = await candidateDesktops(db, entitlement, actor.user.id, room);
      offers.push(...free.slice(0, room).map((desktop) => describe(desktop, false)));
    }
  }
  return offers;
}

/** A desktop the caller holds; anything else (free, someone else's, another tenant's) is NOT_FOUND to them. */
async function heldDesktop(ctx: Ctx, actor: BrokerActor, desktopId: string): Promise<Desktop> {
  const desktop = isUuid(desktopId)
    ? await ctx.db.requireTenant().desktops.findOne({ id: desktopId, assignedUserId: actor.user.id })
    : null;
  if (!desktop) throw notFound("Desktop");
  return desktop;
}

export async function releaseMyDesktop(ctx: Ctx, desktopId: string): Promise<ReleaseResultType> {
  const actor = await brokerActor(ctx);
  const desktop = await heldDesktop(ctx, actor, desktopId);
  return withTransaction(ctx, async (tx) => {
    const db = tx.db.requireTenant();
    const assignment = await openAssignment(db, desktop.id);
    const released = assignment ? await releaseAssignment(db, assignment, "user", actor.now) : false;
    await recordAudit(tx, {
      action: "releaseDesktop",
      targetType: "Desktop",
      targetId: desktop.id,
      after: { released },
    });
    return { desktopId: desktop.id, released };
  });
}

const POWER_PATCH: Record<UserPowerAction, Patch<Desktop>> = {
  start: { desiredPowerState: "running" },
  stop: { desiredPowerState: "stopped" },
  reboot: { pendingAction: "reboot" },
};

/** User power actions the entitlement allows; the controller carries them out against the cloud. */
export async function powerMyDesktop(ctx: Ctx, desktopId: string, action: UserPowerAction) {
  const actor = await brokerActor(ctx);
  const desktop = await heldDesktop(ctx, actor, desktopId);
  const entitlement = actor.entitlements.find((item) => item.poolId === desktop.poolId);
  if (!entitlement?.userPowerActions.includes(action)) throw powerActionNotAllowed(action);
  return withTransaction(ctx, async (tx) => {
    const desktops = tx.db.requireTenant().desktops;
    await desktops.updateWhere({ id: desktop.id, assignedUserId: actor.user.id }, POWER_PATCH[action]);
    await recordAudit(tx, { action: "powerDesktop", targetType: "Desktop", targetId: desktop.id, after: { action } });
    const updated = await desktops.getById(desktop.id);
    return { ...updated, addresses: updated.addresses ?? [] };
  });
}
