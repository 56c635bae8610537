import type { Desktop, PoolEntitlement } from "@atrium/schema";
import type { Ctx } from "../../../context/ctx.js";
import { withTransaction } from "../../../context/ctx.js";
import { claimFirstFree, type OneTenantDb } from "../../../db/index.js";
import { badInput } from "../../../errors/app-error.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { DEFAULT_CONNECTION_CONSTRAINTS } from "../../access/index.js";
import { desktopTaken, limitReached, noDesktopAvailable, notEntitled, noUsableProtocol } from "../broker.errors.js";
import { cancelTimers, openAssignment } from "../sessions/lifecycle.service.js";
import { type BrokerActor, brokerActor } from "./broker-actor.js";
import type { ConnectInput, DesktopConnectionType } from "./connect.types.js";
import {
  browserProtocolFor,
  buildRdpFile,
  type ChosenProtocol,
  chooseProtocol,
  isWindowsPool,
} from "./connection-plan.js";
import { candidateDesktops, desktopsHeldBy, MAX_CANDIDATES } from "./offers.service.js";
import { issueTicket } from "./tickets.js";

/** Rounds of "read the best free desktops, claim the first not taken" before answering NO_DESKTOP_AVAILABLE. */
const MAX_ROUNDS = 8;
const FIRST_WINDOW = 32;

export async function protocolPlanOf(db: OneTenantDb, entitlement: PoolEntitlement) {
  return entitlement.protocolPlanId ? db.protocolPlans.findOne({ id: entitlement.protocolPlanId }) : null;
}

/** Refuses a new desktop to a user who already holds as many as the policy allows. */
function enforceLimit(actor: BrokerActor, held: readonly Desktop[]) {
  const max = actor.policy.maxDesktops;
  if (max !== null && held.length >= max) throw limitReached(max);
}

/**
 * Claims one of `rankedIds` (best first) for the user inside the connection's transaction and finishes the
 * connection there; null when every one of them is taken. The claim is the one atomic statement of
 * db/claims/claim-desktop.sql.ts, for a desktop the user picked as for the candidates of a pool.
 */
function claimAndFinish(
  ctx: Ctx,
  actor: BrokerActor,
  candidates: readonly Desktop[],
  entitlement: PoolEntitlement,
  chosen: ChosenProtocol,
): Promise<DesktopConnectionType | null> {
  return withTransaction(ctx, async (tx) => {
    const ids = candidates.map((desktop) => desktop.id);
    const claimed = await claimFirstFree(tx.db.requireTenant(), ids, actor.user.id);
    const desktop = candidates.find((candidate) => candidate.id === claimed);
    return desktop ? finishConnect(tx, actor, desktop, entitlement, chosen, false) : null;
  });
}

/** Writes what a connection leaves behind (assignment, session, ticket) in the claim's transaction. */
async function finishConnect(
  tx: Ctx,
  actor: BrokerActor,
  desktop: Desktop,
  entitlement: PoolEntitlement,
  chosen: ChosenProtocol,
  reconnect: boolean,
): Promise<DesktopConnectionType> {
  const { user, now } = actor;
  const db = tx.db.requireTenant();
  let assignment = reconnect ? await openAssignment(db, desktop.id) : null;
  if (!assignment) {
    assignment = await db.assignments.insert({
      desktopId: desktop.id,
      userId: user.id,
      poolId: desktop.poolId,
      policyId: actor.policy.id,
      entitlementId: entitlement.id,
      persistent: entitlement.persistent,
      origin: "broker",
      assignedAt: now,
      releasedAt: null,
      releaseReason: null,
    });
  }
  if (reconnect) {
    // Coming back to a desktop a power plan may have suspended or stopped: ask the controller to start it again.
    await db.desktops.updateWhere(
      "id = :id AND desired_power_state <> 'deleted'",
      { desiredPowerState: "running" },
      { id: desktop.id },
    );
  }
  await cancelTimers(db, desktop.id, now);
  const session = await db.desktopSessions.insert({
    desktopId: desktop.id,
    userId: user.id,
    assignmentId: assignment.id,
    username: user.username,
    state: "pending",
    rogue: false,
    protocol: chosen.setting.protocol,
    viaGateway: chosen.viaGateway,
    clientIp: actor.client.ip,
    locationIds: [...actor.outcome.decision.matchedLocationIds],
    connectMs: Math.round(performance.now() - actor.startedMs),
    startedAt: now,
    lastEventAt: now,
    endedAt: null,
    endReason: null,
  });
  const host = desktop.addresses?.[0] ?? null;
  const ticket =
    chosen.viaGateway && host
      ? await issueTicket(db, tx.services, {
          userId: user.id,
          desktopId: desktop.id,
          sessionId: session.id,
          clientIp: actor.client.ip ?? "unknown",
          protocol: chosen.setting.protocol,
          host,
          port: chosen.port,
        })
      : null;
  await recordAudit(tx, {
    action: reconnect ? "reconnectDesktop" : "connectDesktop",
    targetType: "Desktop",
    targetId: desktop.id,
    after: { sessionId: session.id, protocol: chosen.setting.protocol, viaGateway: chosen.viaGateway },
  });
  return {
    desktopId: desktop.id,
    desktopName: desktop.name,
    sessionId: session.id,
    protocol: chosen.setting.protocol,
    method: chosen.viaGateway ? "gateway" : "direct",
    host: chosen.viaGateway ? null : host,
    port: chosen.port,
    rdpFile:
      !chosen.viaGateway && host && chosen.setting.protocol === "RDP"
        ? buildRdpFile(host, chosen.port, user.username, chosen.setting.rdpOptions)
        : null,
    ticket: ticket?.token ?? null,
    ticketExpiresAt: ticket?.expiresAt ?? null,
    starting: desktop.observedPowerState !== "running",
  };
}

/**
 * Assigns (or re-opens) a desktop and says how to reach it. With `desktopId` the user asks for one offered desktop;
 * with `poolId` the broker picks the best free one and keeps trying others while concurrent users win the race.
 */
export async function connect(ctx: Ctx, input: ConnectInput): Promise<DesktopConnectionType> {
  if (!input.desktopId === !input.poolId) throw badInput("Give exactly one of desktopId or poolId", "desktopId");
  const actor = await brokerActor(ctx);
  const db = ctx.db.requireTenant();
  const constraints = actor.outcome.decision.constraints ?? DEFAULT_CONNECTION_CONSTRAINTS;

  const entitlementFor = (poolId: string) => {
    const entitlement = actor.entitlements.find((item) => item.poolId === poolId);
    if (!entitlement) throw notEntitled();
    return entitlement;
  };
  /** `windowsPool` is asked only when the choice is HTML5, so other connects read no pool row for it. */
  const protocolFor = async (entitlement: PoolEntitlement, windowsPool: () => Promise<boolean>) => {
    const plan = await protocolPlanOf(db, entitlement);
    const chosen = chooseProtocol(plan, constraints, input.protocol ?? null);
    if (!chosen) throw noUsableProtocol();
    return chosen.setting.protocol === "HTML5" ? browserProtocolFor(chosen, plan, await windowsPool()) : chosen;
  };
  // The user's desktops, read at most once per connect: the one to give back in a pool and the count for the limit.
  const heldDesktops = () => desktopsHeldBy(db, actor.user.id);

  if (input.desktopId) {
    const desktop = await db.desktops.getById(input.desktopId);
    const entitlement = entitlementFor(desktop.poolId);
    const chosen = await protocolFor(entitlement, async () => isWindowsPool(await db.pools.getById(desktop.poolId)));
    if (desktop.assignedUserId === actor.user.id) {
      return withTransaction(ctx, (tx) => finishConnect(tx, actor, desktop, entitlement, chosen, true));
    }
    if (actor.policy.maxDesktops !== null) enforceLimit(actor, await heldDesktops());
    const result = await claimAndFinish(ctx, actor, [desktop], entitlement, chosen);
    if (!result) throw desktopTaken();
    return result;
  }

  const pool = await db.pools.getById(input.poolId!);
  const entitlement = entitlementFor(pool.id);
  const chosen = await protocolFor(entitlement, async () => isWindowsPool(pool));
  // A persistent (or still assigned) desktop in this pool is the user's: give the same one back.
  const held = await heldDesktops();
  const mine = held.find((desktop) => desktop.poolId === pool.id);
  if (mine) return withTransaction(ctx, (tx) => finishConnect(tx, actor, mine, entitlement, chosen, true));
  enforceLimit(actor, held);

  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Everything in a window may be held by racing connects that are still committing; a wider window next round
    // reaches free desktops further down the ranking.
    const window = Math.min(MAX_CANDIDATES, FIRST_WINDOW * 2 ** round);
    const candidates = await candidateDesktops(db, entitlement, actor.user.id, window);
    if (candidates.length === 0) break;
    const result = await claimAndFinish(ctx, actor, candidates, entitlement, chosen);
    if (result) return result;
  }
  throw noDesktopAvailable(pool.name);
}
