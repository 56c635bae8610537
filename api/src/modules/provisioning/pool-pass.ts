import { Cloud, type PoolProvisioningState, Tenant } from "@atrium/schema";
import { isVhiError, serviceLabel } from "../../clouds/vhi/index.js";
import { systemCtx } from "../../context/build-ctx.js";
import { acrossTenants } from "../../db/index.js";
import { reconcilePowerHistory } from "../metering/index.js";
import { driveDesktops, resolveUncertainCreates } from "./desktop-lifecycle.js";
import { createDesktopWriteBuffer } from "./desktop-writes.js";
import { syncInventory } from "./inventory-sync.js";
import type { ControllerDeps, PassContext } from "./pool-pass.types.js";
import { scalePool } from "./pool-scaler.js";
import { countFaultsSince, createEventBuffer } from "./provisioning-events.js";

export interface PassResult {
  state: PoolProvisioningState;
  created: number;
  removed: number;
  desktops: number;
}

/**
 * One reconcile pass over one pool: observe the cloud, settle uncertain creates, apply restraint, drive desktops
 * (power, actions, deletions), then scale. Every step is idempotent and reads its state from the database and the
 * cloud, so a pass cut short at any point (crash, lost lease) is completed by the next one. Callers hold the
 * pool's lease and pass its signal.
 */
export async function runPoolPass(
  deps: ControllerDeps,
  poolId: string,
  signal: AbortSignal,
): Promise<PassResult | null> {
  const manager = deps.services.dataSource.manager;
  const pool = await acrossTenants(
    manager,
    "the pool controller reconciles every tenant's pools",
    "pool-controller",
  ).pools.findOne({
    id: poolId,
  });
  if (!pool) return null;
  // The controller tick's entry point: from here on the pass acts for the pool's tenant only.
  const ctx = systemCtx(deps.services, {
    name: "pool-controller",
    tenantId: pool.tenantId,
    requestId: `pool-pass:${pool.id}`,
    clock: deps.clock,
    logger: deps.logger,
  });
  const [tenant, cloud, desktops] = await Promise.all([
    manager.getRepository(Tenant).findOneByOrFail({ id: pool.tenantId }),
    manager.getRepository(Cloud).findOneByOrFail({ id: pool.cloudId }),
    ctx.db.desktops.find({ where: { poolId: pool.id }, order: { seq: "ASC" } }),
  ]);
  const now = deps.clock();
  const events = createEventBuffer(ctx.db, pool, deps.clock);
  const writes = createDesktopWriteBuffer(ctx.db);
  const pass: PassContext = {
    deps,
    ctx,
    pool,
    tenant,
    cloud,
    client: deps.clients.forTenant(cloud, tenant),
    desktops,
    now,
    signal,
    fullSync: false,
    event: async (event) => events.add(event),
    flushEvents: () => events.flush(),
    async patchDesktop(desktop, patch) {
      signal.throwIfAborted();
      // A queued observation of the same desktop goes along, so a later flush never overwrites this newer write.
      const merged = { ...writes.take(desktop.id), ...patch };
      Object.assign(desktop, merged);
      await ctx.db.desktops.updateWhere({ id: desktop.id }, merged);
    },
    queueDesktop: (desktop, patch) => writes.add(desktop, patch),
    async flushDesktops() {
      signal.throwIfAborted();
      await writes.flush();
    },
    checkpoint(step) {
      signal.throwIfAborted();
      deps.checkpoint?.(step);
    },
  };

  try {
    await syncInventory(pass);
    await resolveUncertainCreates(pass);
    await pass.flushDesktops();
    await events.flush();
    pass.checkpoint("pass:synced");
    await applyRestraint(pass);
    await driveDesktops(pass);
    await events.flush();
    pass.checkpoint("pass:driven");
    const scaled = await scalePool(pass);
    await recordPowerHistory(pass);
    if (pool.status === "draining" && pass.desktops.length === 0) {
      await removeDrainedPool(pass);
      return { state: "idle", created: 0, removed: scaled.removed, desktops: 0 };
    }
    const state = stateAfter(pass, scaled.created, scaled.removed, scaled.blocked);
    await setPoolState(pass, state, scaled.blocked);
    await events.flush();
    return { state, created: scaled.created, removed: scaled.removed, desktops: pass.desktops.length };
  } catch (error) {
    if (signal.aborted || !isVhiError(error)) throw error;
    await pass.flushDesktops();
    // Which service failed is the first thing an operator needs during an outage.
    const message = `${error.code}: ${serviceLabel(error)}: ${error.message}`;
    deps.logger.warn({ poolId, err: error.toJSON() }, "pool pass failed");
    await setPoolState(pass, "error", message);
    await events.flush();
    await recordPowerHistory(pass);
    return { state: "error", created: 0, removed: 0, desktops: pass.desktops.length };
  }
}

/**
 * Usage metering bills from this history. A cloud error while sizing a new stretch only delays its start to the next
 * pass; it must not fail the pass that already did its work.
 */
async function recordPowerHistory(pass: PassContext): Promise<void> {
  try {
    await reconcilePowerHistory({
      db: pass.ctx.db,
      pool: pass.pool,
      desktops: pass.desktops,
      at: pass.deps.clock(),
      flavors: () => pass.client.flavors.list(pass.signal),
    });
  } catch (error) {
    if (pass.signal.aborted || !isVhiError(error)) throw error;
    pass.deps.logger.warn({ poolId: pass.pool.id, err: error.toJSON() }, "power history not recorded");
  }
}

/** Restraint: N faults within T minutes pause provisioning and say why; an admin resumes the pool. */
async function applyRestraint(pass: PassContext): Promise<void> {
  const { pool } = pass;
  if (pool.status !== "active" || pool.restraintFailures <= 0) return;
  const since = new Date(pass.now.getTime() - pool.restraintWindowMinutes * 60_000);
  const faults = await countFaultsSince(pass.ctx.db, pool, since);
  if (faults < pool.restraintFailures) return;
  const reason = `Paused after ${faults} faults within ${pool.restraintWindowMinutes} minutes`;
  pool.status = "paused";
  pool.statusReason = reason;
  await pass.ctx.db.pools.updateWhere({ id: pool.id }, { status: "paused", statusReason: reason });
  await pass.event({ kind: "paused", level: "error", message: reason });
  await pass.flushEvents();
}

function stateAfter(
  pass: PassContext,
  created: number,
  removed: number,
  blocked: string | null,
): PoolProvisioningState {
  if (pass.pool.status === "paused") return "paused";
  if (blocked && !blocked.startsWith("capped")) return "blocked";
  const building = pass.desktops.some((d) => d.provisioningState === "pending" || d.provisioningState === "building");
  const deleting = pass.desktops.some((d) => d.provisioningState === "deleting" || d.desiredPowerState === "deleted");
  if (created > 0 || building) return "growing";
  if (removed > 0 || deleting) return "shrinking";
  return "idle";
}

async function setPoolState(pass: PassContext, state: PoolProvisioningState, error: string | null): Promise<void> {
  const { pool } = pass;
  const lastError = state === "error" || state === "blocked" ? error : null;
  if (pool.provisioningState === state && pool.lastError === lastError) return;
  if (state === "blocked" && pool.provisioningState !== "blocked") {
    await pass.event({ kind: "blocked", level: "warning", message: `Cannot grow: ${error}` });
  }
  if (state === "error") await pass.event({ kind: "error", level: "error", message: error ?? "pass failed" });
  pool.provisioningState = state;
  pool.lastError = lastError;
  await pass.ctx.db.pools.updateWhere({ id: pool.id }, { provisioningState: state, lastError });
}

async function removeDrainedPool(pass: PassContext): Promise<void> {
  const { pool } = pass;
  await pass.ctx.db.transaction(async (tx) => {
    await tx.provisioningEvents.delete({ poolId: pool.id });
    await tx.pools.delete({ id: pool.id, status: "draining" });
  });
  pass.deps.logger.info({ poolId: pool.id }, "drained pool removed");
}
