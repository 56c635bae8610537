import { type DesiredPowerState, Desktop } from "@atrium/schema";
import { isVhiError, VhiConflictError } from "../../clouds/vhi/index.js";
import { handleGone, observe } from "./inventory-sync.js";
import type { PassContext } from "./pool-pass.types.js";
import { requestTag } from "./server-observation.js";

/**
 * Desktops whose create may have reached Nova (an attempt was counted, no server id came back) are looked up by
 * their marker tag before anything creates again. A full sync has seen every server already, so it needs none.
 */
export async function resolveUncertainCreates(pass: PassContext): Promise<void> {
  if (pass.fullSync) return;
  const uncertain = pass.desktops.filter(
    (d) => !d.serverId && d.requestMarker && d.createAttempts > 0 && d.provisioningState === "pending",
  );
  for (const desktop of uncertain) {
    const [server] = await pass.client.servers.list({ tags: [requestTag(desktop.requestMarker!)] }, pass.signal);
    if (server && server.status !== "DELETED") await observe(pass, desktop, server);
  }
}

/** Deletions, manual one-shot actions, and power state towards what each desktop should be in. */
export async function driveDesktops(pass: PassContext): Promise<void> {
  await applyParking(pass);
  for (const desktop of [...pass.desktops]) {
    pass.signal.throwIfAborted();
    try {
      if (desktop.desiredPowerState === "deleted") await terminate(pass, desktop);
      else if (desktop.serverId && desktop.provisioningState === "ready") await driveReady(pass, desktop);
    } catch (error) {
      // Another task holds the server (409): look again next pass. Anything else is the desktop's error.
      if (pass.signal.aborted || !isVhiError(error)) throw error;
      if (!(error instanceof VhiConflictError)) {
        await pass.patchDesktop(desktop, { lastError: `${error.code}: ${error.message}` });
      }
    }
  }
}

async function terminate(pass: PassContext, desktop: Desktop): Promise<void> {
  if (!desktop.serverId && !(desktop.requestMarker && desktop.createAttempts > 0)) {
    // Never reached the cloud: only the row is left to remove.
    return removeNeverCreated(pass, desktop);
  }
  if (!desktop.serverId) {
    // A create was sent but no server id came back (refused, or its answer lost): Nova tags a server at create,
    // so its marker tag finds it if it exists. None found means it never will be: only the row is left. Waiting
    // for it instead kept pools whose creates failed draining forever.
    const [server] = (
      await pass.client.servers.list({ tags: [requestTag(desktop.requestMarker!)] }, pass.signal)
    ).filter((candidate) => candidate.status !== "DELETED");
    if (!server) return removeNeverCreated(pass, desktop);
    await observe(pass, desktop, server);
    if (!desktop.serverId) return; // its ERROR build is being deleted; the next pass finds no server
  }
  if (desktop.provisioningState !== "deleting") {
    await pass.client.servers.delete(desktop.serverId, pass.signal);
    await pass.patchDesktop(desktop, { provisioningState: "deleting", availability: "deleting" });
    await pass.event({ kind: "terminate", level: "info", message: `Deleting ${desktop.name}`, desktopId: desktop.id });
    return;
  }
  // Deleting: confirm it is gone (changes-since with a tag filter cannot show DELETED once tags are dropped).
  const server = await pass.client.servers.find(desktop.serverId, pass.signal);
  if (!server || server.status === "DELETED") return handleGone(pass, desktop);
  // A delete that was lost (or that Nova dropped, e.g. on a server in ERROR) is sent again rather than waited for.
  if (server.taskState !== "deleting") await pass.client.servers.delete(desktop.serverId, pass.signal);
}

async function removeNeverCreated(pass: PassContext, desktop: Desktop): Promise<void> {
  await pass.ctx.db.desktops.delete({ id: desktop.id });
  pass.desktops.splice(pass.desktops.indexOf(desktop), 1);
}

/**
 * Warm pool: with a parking state other than `running`, `minRunning` unassigned ready desktops stay powered on and
 * the other unassigned ones are parked. Assigned desktops keep what their user or the helpdesk asked for, and so do
 * out-of-service ones: they are never offered, so they cannot be the warm ones, and their power is the operator's.
 */
async function applyParking(pass: PassContext): Promise<void> {
  const { pool } = pass;
  if (pool.parkedPowerState === "running") return;
  const unassigned = pass.desktops
    .filter(
      (d) =>
        d.provisioningState === "ready" && !d.assignedUserId && !d.outOfService && d.desiredPowerState !== "deleted",
    )
    .sort(
      (a, b) =>
        Number(b.observedPowerState === "running") - Number(a.observedPowerState === "running") || a.seq - b.seq,
    );
  const { minRunning } = pool;
  for (const [index, desktop] of unassigned.entries()) {
    const wanted: DesiredPowerState = index < minRunning ? "running" : pool.parkedPowerState;
    if (desktop.desiredPowerState !== wanted) await pass.patchDesktop(desktop, { desiredPowerState: wanted });
  }
}

async function driveReady(pass: PassContext, desktop: Desktop): Promise<void> {
  const serverId = desktop.serverId!;
  const status = (desktop.serverStatus ?? "").split("/")[0];
  if ((desktop.serverStatus ?? "").includes("/")) return; // a task is running on it
  const servers = pass.client.servers;
  const action = desktop.pendingAction;
  if (action) {
    if (!["ACTIVE", "SHUTOFF", "ERROR"].includes(status)) return;
    if (action === "reboot") {
      // A soft reboot only works on a running guest; HARD also recovers stopped or errored servers.
      await servers.reboot(serverId, status === "ACTIVE" ? "SOFT" : "HARD", pass.signal);
      await pass.patchDesktop(desktop, { pendingAction: null, serverStatus: `${status}/reboot` });
    } else {
      await servers.rebuild(serverId, pass.pool.imageRef, pass.signal);
      await pass.patchDesktop(desktop, {
        pendingAction: null,
        serverStatus: `${status}/rebuild`,
        imageRef: pass.pool.imageRef,
      });
    }
    const what = action === "reboot" ? "rebooting" : `rebuilding from image ${pass.pool.imageRef}`;
    await pass.event({ kind: action, level: "info", message: `${desktop.name}: ${what}`, desktopId: desktop.id });
    return;
  }
  const step = powerStep(status, desktop.desiredPowerState);
  if (!step) return;
  await servers[step](serverId, pass.signal);
  await pass.patchDesktop(desktop, { serverStatus: `${status}/${step}` });
}

type PowerStep = "start" | "stop" | "suspend" | "resume" | "shelve" | "unshelve";

/** The next Nova action towards the desired state; several passes may be needed (e.g. suspended → stopped). */
export function powerStep(status: string, desired: DesiredPowerState): PowerStep | null {
  const table: Record<string, Partial<Record<DesiredPowerState, PowerStep>>> = {
    ACTIVE: { stopped: "stop", suspended: "suspend", shelved: "shelve" },
    SHUTOFF: { running: "start", suspended: "start", shelved: "shelve" },
    SUSPENDED: { running: "resume", stopped: "resume", shelved: "shelve" },
    SHELVED: { running: "unshelve", stopped: "unshelve", suspended: "unshelve" },
    SHELVED_OFFLOADED: { running: "unshelve", stopped: "unshelve", suspended: "unshelve" },
  };
  return table[status]?.[desired] ?? null;
}
