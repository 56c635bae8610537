import { randomUUID } from "node:crypto";
import { Desktop, Pool } from "@atrium/schema";
import type { VhiServer } from "../../clouds/vhi/index.js";
import type { BulkDesktopPatch } from "./desktop-writes.js";
import type { PassContext } from "./pool-pass.types.js";
import { FAULT_KIND } from "./provisioning-events.js";
import { addressesOf, META_DESKTOP, poolTag, powerStateOf, requestTag, statusText } from "./server-observation.js";

const SYNC_SKEW_MS = 1_000;

/**
 * Observes the pool's servers and folds them into the desktop rows: incremental (`changes-since` the newest
 * `updated` seen, on the cloud's own clock) on most passes, a full listing every `fullSyncEveryMs`. Only a full
 * listing may conclude that a server vanished or is an orphan.
 */
export async function syncInventory(pass: PassContext): Promise<void> {
  const { pool, client, signal } = pass;
  const everyMs = pass.deps.fullSyncEveryMs ?? 60_000;
  pass.fullSync = !pool.syncedAt || !pool.fullSyncedAt || pass.now.getTime() - pool.fullSyncedAt.getTime() >= everyMs;
  const servers = await client.servers.list(
    {
      tags: [poolTag(pool.id)],
      changesSince: pass.fullSync ? undefined : new Date(pool.syncedAt!.getTime() - SYNC_SKEW_MS),
    },
    signal,
  );
  pass.checkpoint("sync:listed");
  const seen = new Set<string>();
  for (const server of servers) {
    seen.add(server.id);
    await applyServer(pass, server);
  }
  if (pass.fullSync) await markVanished(pass, seen);
  // The rows first: a crash before the pool's sync mark moves on repeats this listing instead of losing it.
  await pass.flushDesktops();
  const newest = servers.reduce<number>((max, s) => Math.max(max, Date.parse(s.updated) || 0), 0);
  const patch: Partial<Pool> = {};
  if (newest > 0 && (!pool.syncedAt || newest > pool.syncedAt.getTime())) patch.syncedAt = new Date(newest);
  if (!pool.syncedAt && !patch.syncedAt) patch.syncedAt = pass.now;
  if (pass.fullSync) patch.fullSyncedAt = pass.now;
  if (Object.keys(patch).length > 0) {
    Object.assign(pool, patch);
    await pass.ctx.db.pools.updateWhere({ id: pool.id }, patch);
  }
}

async function applyServer(pass: PassContext, server: VhiServer): Promise<void> {
  const desktop = pass.desktops.find((d) => d.id === server.metadata[META_DESKTOP]);
  if (!desktop) return handleOrphan(pass, server);
  const current =
    desktop.serverId === server.id ||
    (!desktop.serverId && desktop.requestMarker !== null && server.tags.includes(requestTag(desktop.requestMarker)));
  if (!current) {
    // A second server for the same desktop: an earlier attempt's (failed or duplicated) server. Remove it.
    if (server.status !== "DELETED" && server.taskState !== "deleting") {
      await pass.client.servers.delete(server.id, pass.signal);
      await pass.event({
        kind: "duplicate-deleted",
        level: "warning",
        message: `Deleted server ${server.id} (${server.name}): not the current server of ${desktop.name}`,
        desktopId: desktop.id,
      });
    }
    return;
  }
  await observe(pass, desktop, server);
}

/** Folds one observation of the desktop's own server into its row. */
export async function observe(pass: PassContext, desktop: Desktop, server: VhiServer): Promise<void> {
  const patch: BulkDesktopPatch = {
    serverId: server.id,
    observedPowerState: powerStateOf(server.status),
    serverStatus: statusText(server),
    addresses: addressesOf(server),
  };
  if (server.status === "DELETED") return handleGone(pass, desktop);
  if (server.status === "ERROR" && desktop.provisioningState !== "deleting") {
    // Nova leaves `fault` out of list views; the detail of the one failed server carries it.
    const fault = server.fault ?? (await pass.client.servers.find(server.id, pass.signal))?.fault;
    const reason = fault ? `${fault.code}: ${fault.message.trim()}` : "server entered ERROR";
    await pass.event({
      kind: FAULT_KIND,
      level: "error",
      message: `${desktop.name}: ${reason}`.trim(),
      desktopId: desktop.id,
    });
    if (desktop.provisioningState === "building" || desktop.provisioningState === "pending") {
      // A failed build is worth one more try with a fresh marker; restraint stops a pool that keeps failing.
      await pass.client.servers.delete(server.id, pass.signal);
      return pass.patchDesktop(desktop, {
        ...patch,
        serverId: null,
        requestMarker: randomUUID(),
        provisioningState: "pending",
        lastError: reason,
      });
    }
    return pass.patchDesktop(desktop, { ...patch, provisioningState: "failed", lastError: reason });
  }
  if (
    server.status === "ACTIVE" &&
    (desktop.provisioningState === "building" || desktop.provisioningState === "pending")
  ) {
    patch.provisioningState = "ready";
    patch.lastError = null;
    if (desktop.availability === "provisioning") patch.availability = "available";
    await pass.event({ kind: "ready", level: "info", message: `${desktop.name} is ready`, desktopId: desktop.id });
  } else if (server.status === "BUILD" && desktop.provisioningState === "pending") {
    patch.provisioningState = "building";
  }
  if (changed(desktop, patch)) pass.queueDesktop(desktop, patch);
}

/** The desktop's server no longer exists: the end of a deletion, or a server that vanished. */
export async function handleGone(pass: PassContext, desktop: Desktop): Promise<void> {
  if (desktop.provisioningState === "deleting") {
    await pass.ctx.db.desktops.delete({ id: desktop.id });
    pass.desktops.splice(pass.desktops.indexOf(desktop), 1);
    await pass.event({ kind: "deleted", level: "info", message: `${desktop.name} deleted`, desktopId: desktop.id });
    return;
  }
  await markDesktopVanished(pass, desktop);
}

async function markVanished(pass: PassContext, seen: Set<string>): Promise<void> {
  for (const desktop of [...pass.desktops]) {
    if (!desktop.serverId || seen.has(desktop.serverId)) continue;
    if (desktop.provisioningState === "deleting") {
      await handleGone(pass, desktop);
    } else if (desktop.provisioningState !== "vanished") {
      await markDesktopVanished(pass, desktop);
    }
  }
}

/**
 * The server disappeared behind our back. An unassigned desktop is simply provisioned again; an assigned one
 * stays marked so its user and the helpdesk see what happened (rebuild re-creates it).
 */
async function markDesktopVanished(pass: PassContext, desktop: Desktop): Promise<void> {
  const message = `${desktop.name}: server ${desktop.serverId} no longer exists`;
  await pass.event({ kind: "vanished", level: "warning", message, desktopId: desktop.id });
  const gone: Partial<Desktop> = { observedPowerState: "deleted", serverStatus: null, lastError: message };
  if (!desktop.assignedUserId) {
    return pass.patchDesktop(desktop, {
      ...gone,
      serverId: null,
      requestMarker: randomUUID(),
      provisioningState: "pending",
      availability: "provisioning",
    });
  }
  await pass.patchDesktop(desktop, { ...gone, provisioningState: "vanished" });
}

async function handleOrphan(pass: PassContext, server: VhiServer): Promise<void> {
  if (server.status === "DELETED" || server.taskState === "deleting") return;
  if (pass.pool.deleteOrphans) {
    await pass.client.servers.delete(server.id, pass.signal);
    await pass.event({
      kind: "orphan-deleted",
      level: "warning",
      message: `Deleted orphan server ${server.id} (${server.name}): it carries this pool's tag but no desktop`,
    });
  } else if (pass.fullSync) {
    await pass.event({
      kind: "orphan",
      level: "warning",
      message: `Orphan server ${server.id} (${server.name}) carries this pool's tag but has no desktop`,
    });
  }
}

function changed(desktop: Desktop, patch: BulkDesktopPatch): boolean {
  return Object.entries(patch).some(
    ([key, value]) => JSON.stringify(desktop[key as keyof Desktop]) !== JSON.stringify(value),
  );
}
