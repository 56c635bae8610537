import type { Desktop as DesktopRow, PoolEntitlement } from "@atrium/schema";
import type { Ctx } from "../../../context/ctx.js";
import { badInput, notFound } from "../../../errors/app-error.js";
import {
  DEFAULT_CONNECTION_CONSTRAINTS,
  decideForUser,
  findTenantUser,
  formatIp,
  parseIpLoose,
} from "../../access/index.js";
import { protocolPlanOf } from "../connect/connect.service.js";
import { usableProtocols } from "../connect/connection-plan.js";
import { candidateDesktops } from "../connect/offers.service.js";
import type { AccessExplanationType, ExplainAccessArgs, ExplainedPoolType } from "./explain.types.js";

/** Enough to explain a pool; a bigger pool lists its first desktops by sequence. */
const MAX_EXPLAINED = 200;

function whyNot(desktop: DesktopRow, userId: string, entitlement: PoolEntitlement): string {
  if (desktop.outOfService) return "out of service";
  if (desktop.assignedUserId && desktop.assignedUserId !== userId) return "assigned to another user";
  if (desktop.availability !== "available") return `not available (${desktop.availability})`;
  if (!entitlement.startIfStopped && desktop.observedPowerState !== "running") {
    return `${desktop.observedPowerState} and the entitlement does not start stopped desktops`;
  }
  return `free, but beyond the offer count of ${entitlement.offerCount}`;
}

/**
 * For admins and helpdesk: what the rules decide for a user of their tenant at an address and time, and what the
 * user would be offered and why other desktops would not be. Read-only: nothing is assigned or recorded.
 */
export async function explainAccess(ctx: Ctx, args: ExplainAccessArgs): Promise<AccessExplanationType> {
  const db = ctx.db.requireTenant();
  const address = parseIpLoose(args.clientAddress);
  if (!address) throw badInput("clientAddress is not an IP address", "clientAddress");
  const user = await findTenantUser(db, args.userId);
  if (!user) throw notFound("User");
  const now = args.time ?? ctx.services.clock();
  const client = { ip: formatIp(address), kind: args.clientKind, viaGateway: args.viaGateway };
  const { decision, policy, inputs } = await decideForUser(db, user, client, now);
  const constraints = decision.constraints ?? DEFAULT_CONNECTION_CONSTRAINTS;
  const locationsById = new Map(inputs.locations.map((location) => [location.id, location]));

  const pools: ExplainedPoolType[] = [];
  if (decision.allowed && policy) {
    const entitlements = await db.poolEntitlements.find({ where: { policyId: policy.id }, order: { position: "ASC" } });
    for (const entitlement of entitlements) {
      const pool = await db.pools.findOne({ id: entitlement.poolId });
      if (!pool) continue;
      const desktops = await db.desktops.find({
        where: { poolId: pool.id },
        order: { seq: "ASC" },
        take: MAX_EXPLAINED,
      });
      const mine = desktops.filter((desktop) => desktop.assignedUserId === user.id);
      const ranked = await candidateDesktops(db, entitlement, user.id);
      const room = Math.max(0, entitlement.offerCount - mine.length);
      const offeredFree = ranked.slice(0, room);
      const offeredIds = new Set([...mine, ...offeredFree].map((desktop) => desktop.id));
      pools.push({
        poolId: pool.id,
        poolName: pool.name,
        offerCount: entitlement.offerCount,
        persistent: entitlement.persistent,
        sortOrder: entitlement.sortOrder,
        protocols: usableProtocols(await protocolPlanOf(db, entitlement), constraints),
        offered: [
          ...mine.map((desktop) => ({
            desktopId: desktop.id,
            name: desktop.name,
            why: "already assigned to the user",
          })),
          ...offeredFree.map((desktop, index) => ({
            desktopId: desktop.id,
            name: desktop.name,
            why: `free, rank ${index + 1} of ${ranked.length} by ${entitlement.sortOrder}`,
          })),
        ],
        notOffered: desktops
          .filter((desktop) => !offeredIds.has(desktop.id))
          .map((desktop) => ({
            desktopId: desktop.id,
            name: desktop.name,
            why: whyNot(desktop, user.id, entitlement),
          })),
      });
    }
  }

  return {
    allowed: decision.allowed && policy !== null,
    reason: decision.allowed && !policy ? "unknown_policy" : decision.reason,
    detail: decision.allowed && !policy ? `${decision.detail}; but its policy no longer exists` : decision.detail,
    decidedByRuleId: decision.decidedBy?.ruleId ?? null,
    role: decision.role,
    policy,
    mfaRequired: decision.mfaRequired,
    gatewayOnly: constraints.gatewayOnly,
    html5Only: constraints.html5Only,
    protocols: decision.allowed ? [...constraints.protocols] : [],
    matchedLocations: decision.matchedLocationIds.flatMap((id) => {
      const location = locationsById.get(id);
      return location ? [{ ...location, mspDefault: location.tenantId === null }] : [];
    }),
    trace: decision.trace.map((entry) => ({
      ...entry,
      position: Number.isFinite(entry.position) ? entry.position : -1,
    })),
    pools,
  };
}
