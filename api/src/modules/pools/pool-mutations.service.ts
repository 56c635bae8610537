import type { Pool, PoolScheduleWindow } from "@atrium/schema";
import { actorName } from "../../auth/principal.js";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { conflict } from "../../errors/app-error.js";
import { providedFields } from "../../graphql/validation.js";
import { recordAudit } from "../../tenancy/audit.js";
import { readTenantInventory, requireMapping } from "../clouds/cloud-inventory.service.js";
import { callingTenant, grantedCloud, refuseBrokenCloud } from "../clouds/tenant-clouds.js";
import { RESUMED_KIND } from "./pool-events.types.js";
import type { CreatePoolInput, PoolScheduleWindowInput, UpdatePoolInput } from "./pool-inputs.types.js";
import { auditView, sealDesktopLogin, sealDomainJoin } from "./pool-secrets.js";
import { checkAgainstInventory, checkNameClash, checkPoolSettings, type PoolCandidate } from "./pool-validation.js";

const pools = (ctx: Ctx) => ctx.db.pools;

/** Fields whose values must exist in the cloud: changing any of them re-reads the inventory. */
const CLOUD_FIELDS = [
  "imageRef",
  "flavorRef",
  "networkIds",
  "securityGroups",
  "storagePolicy",
  "availabilityZone",
  "bootVolumeGb",
] as const;

export async function createPool(ctx: Ctx, input: CreatePoolInput): Promise<Pool> {
  const tenant = await callingTenant(ctx);
  // A cloud the MSP has not granted this tenant is NOT_FOUND, as an unknown id; a broken one takes no new pool.
  const cloud = await grantedCloud(ctx, tenant, input.cloudId);
  requireMapping(tenant);
  refuseBrokenCloud(cloud);
  const { domainJoin, desktopLogin, schedule, cloudId: _cloudId, ...fields } = input;
  const candidate = {
    ...fields,
    description: fields.description ?? null,
    bootVolumeGb: fields.bootVolumeGb ?? null,
    storagePolicy: fields.storagePolicy ?? null,
    availabilityZone: fields.availabilityZone ?? null,
    userDataTemplate: fields.userDataTemplate ?? null,
    schedule: schedule.map(toWindow),
    domainJoin: sealDomainJoin(ctx, domainJoin, null),
    desktopLogin: sealDesktopLogin(ctx, desktopLogin, null),
  } as PoolCandidate & Partial<Pool>;
  checkPoolSettings(candidate, tenant);
  // The cloud is asked before the transaction opens: no database connection waits on HTTP.
  checkAgainstInventory(candidate, await readTenantInventory(ctx, cloud, tenant));
  return withTransaction(ctx, async (tx) => {
    const scope = pools(tx);
    if (await scope.findOne({ name: input.name })) throw conflict(`A pool named "${input.name}" exists`);
    checkNameClash(candidate, await scope.find({ select: { id: true, name: true, namePattern: true } }), tenant);
    const pool = await scope.insert({ ...candidate, cloudId: cloud.id, status: "active", statusReason: null });
    await recordAudit(tx, { action: "createPool", targetType: "Pool", targetId: pool.id, after: auditView(pool) });
    return pool;
  });
}

export async function updatePool(ctx: Ctx, id: string, input: UpdatePoolInput): Promise<Pool> {
  const current = await pools(ctx).getById(id);
  refuseDraining(current);
  const { domainJoin, desktopLogin, schedule, ...fields } = providedFields(input);
  const patch: Partial<Pool> = { ...(fields as Partial<Pool>) };
  if (schedule !== undefined) patch.schedule = schedule.map(toWindow);
  if (domainJoin !== undefined) patch.domainJoin = sealDomainJoin(ctx, domainJoin, current.domainJoin);
  if (desktopLogin !== undefined) patch.desktopLogin = sealDesktopLogin(ctx, desktopLogin, current.desktopLogin);
  // An admin's change (a smaller flavor, fewer desktops) is tried on the next pass, whatever the quota backoff.
  Object.assign(patch, { growRetries: 0, growRetryAt: null });
  const candidate = { ...current, ...patch };
  const cloudChanged = CLOUD_FIELDS.some((field) => field in patch);
  const tenant = await callingTenant(ctx);
  checkPoolSettings(candidate, tenant);
  if (cloudChanged) {
    // Re-reading the inventory is using the cloud: only while the tenant may (NOT_FOUND once it may not).
    const cloud = await grantedCloud(ctx, tenant, current.cloudId);
    checkAgainstInventory(candidate, await readTenantInventory(ctx, cloud, requireMapping(tenant)));
  }
  return withTransaction(ctx, async (tx) => {
    const scope = pools(tx);
    const before = await scope.getById(id);
    refuseDraining(before);
    if (patch.name && patch.name !== before.name && (await scope.findOne({ name: patch.name }))) {
      throw conflict(`A pool named "${patch.name}" exists`);
    }
    if (patch.name !== undefined || patch.namePattern !== undefined) {
      const others = await scope.find({ select: { id: true, name: true, namePattern: true } });
      checkNameClash(
        candidate,
        others.filter((other) => other.id !== id),
        tenant,
      );
    }
    const saved = await scope.update(id, patch);
    await recordAudit(tx, {
      action: "updatePool",
      targetType: "Pool",
      targetId: id,
      before: auditView(before),
      after: auditView(saved),
    });
    return saved;
  });
}

/** Marks the pool draining: the controller deletes its unassigned desktops, then the pool itself. */
export function deletePool(ctx: Ctx, id: string): Promise<Pool> {
  return setStatus(ctx, id, "deletePool", (pool) => {
    if (pool.status === "draining") return null;
    return { status: "draining", statusReason: `Deleting (requested by ${actorName(ctx.principal)})` };
  });
}

export function pausePool(ctx: Ctx, id: string): Promise<Pool> {
  return setStatus(ctx, id, "pausePool", (pool) => {
    refuseDraining(pool);
    if (pool.status === "paused") return null;
    return { status: "paused", statusReason: `Paused by ${actorName(ctx.principal)}` };
  });
}

export function resumePool(ctx: Ctx, id: string): Promise<Pool> {
  return setStatus(
    ctx,
    id,
    "resumePool",
    (pool) => {
      refuseDraining(pool);
      if (pool.status === "active") return null;
      return { status: "active", statusReason: null };
    },
    // The event is restraint's cut-off: the faults that paused the pool must not pause it again right away.
    (tx, pool) =>
      tx.db.provisioningEvents.insert({
        poolId: pool.id,
        desktopId: null,
        kind: RESUMED_KIND,
        level: "info",
        message: `Resumed by ${actorName(tx.principal)}`,
        createdAt: tx.services.clock(),
      }),
  );
}

async function setStatus(
  ctx: Ctx,
  id: string,
  action: string,
  decide: (pool: Pool) => Pick<Pool, "status" | "statusReason"> | null,
  afterChange?: (tx: Ctx, pool: Pool) => Promise<unknown>,
): Promise<Pool> {
  return withTransaction(ctx, async (tx) => {
    const scope = pools(tx);
    const before = await scope.getById(id);
    const change = decide(before);
    // Repeating a request that already holds is not an error, and changes (and audits) nothing.
    if (!change) return before;
    const saved = await scope.update(id, change);
    await afterChange?.(tx, saved);
    await recordAudit(tx, {
      action,
      targetType: "Pool",
      targetId: id,
      before: auditView(before),
      after: auditView(saved),
    });
    return saved;
  });
}

function refuseDraining(pool: Pool): void {
  if (pool.status === "draining") throw conflict("This pool is being deleted");
}

function toWindow(window: PoolScheduleWindowInput): PoolScheduleWindow {
  return {
    days: window.days,
    start: window.start,
    end: window.end,
    minTotal: window.minTotal ?? null,
    maxTotal: window.maxTotal ?? null,
    minAvailable: window.minAvailable ?? null,
    minRunning: window.minRunning ?? null,
  };
}
