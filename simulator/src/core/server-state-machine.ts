import { randomUUID } from "node:crypto";
import type { InstanceAction, SimServer, SimState, VmState } from "./simulator.state.js";
import type { SimTimings } from "./simulator.types.js";

export const DEFAULT_TIMINGS: SimTimings = {
  build: 420,
  buildFailure: 1000,
  stop: 90,
  start: 140,
  rebootSoft: 190,
  rebootHard: 140,
  suspend: 90,
  resume: 130,
  pause: 90,
  unpause: 100,
  shelve: 240,
  shelveHostRelease: 1000,
  unshelve: 2550,
  rebuild: 600,
  delete: 50,
};

/** libvirt power states (Nova `power_state`). */
export const POWER = { NOSTATE: 0, RUNNING: 1, PAUSED: 3, SHUTDOWN: 4 } as const;

/** Nova's API status from vm_state + task_state (nova/api/openstack/common.py). */
export function deriveStatus(vmState: VmState, taskState: string | null): string {
  switch (vmState) {
    case "building":
      return "BUILD";
    case "active":
      if (taskState === "rebooting" || taskState === "reboot_pending" || taskState === "reboot_started")
        return "REBOOT";
      if (taskState === "rebooting_hard" || taskState === "reboot_pending_hard" || taskState === "reboot_started_hard")
        return "HARD_REBOOT";
      if (taskState?.startsWith("rebuild")) return "REBUILD";
      return "ACTIVE";
    case "stopped":
      // Nova rebuilds a stopped server too and reports REBUILD while it runs.
      if (taskState?.startsWith("rebuild")) return "REBUILD";
      return "SHUTOFF";
    case "suspended":
      return "SUSPENDED";
    case "paused":
      return "PAUSED";
    case "shelved":
      return "SHELVED";
    case "shelved_offloaded":
      return "SHELVED_OFFLOADED";
    case "error":
      return "ERROR";
    case "deleted":
      return "DELETED";
  }
}

export interface MachineContext {
  state: SimState;
  timings: SimTimings;
  now: number;
  /** Nova's shelved_offload_time in ms; 0 offloads immediately, negative never. */
  shelvedOffloadMs: number;
}

type Step = [offsetMs: number, apply: (server: SimServer, at: number) => void];

/** Replaces whatever was still pending for the server with a new sequence of timed steps. */
function schedule(ctx: MachineContext, server: SimServer, steps: Step[], action?: InstanceAction): void {
  const last = steps.length > 0 ? Math.max(...steps.map(([offset]) => offset)) : 0;
  server.plan = steps.map(([offset, apply]) => ({
    at: ctx.now + offset,
    apply: (s: SimServer, at: number) => {
      apply(s, at);
      if (action && offset === last) action.updatedAt = at;
    },
  }));
  server.plan.sort((a, b) => a.at - b.at);
  if (server.plan.length > 0) ctx.state.busy.add(server);
  tickServer(ctx.state, server, ctx.now);
}

function setState(server: SimServer, vmState: VmState, taskState: string | null, powerState?: number): void {
  server.vmState = vmState;
  server.taskState = taskState;
  if (powerState !== undefined) server.powerState = powerState;
}

/** Applies every step due at `now`; `updated` takes the step's own time so changes-since sees the real order. */
export function tickServer(state: SimState, server: SimServer, now: number): void {
  while (server.plan.length > 0 && server.plan[0].at <= now) {
    const step = server.plan.shift()!;
    step.apply(server, step.at);
    server.updatedAt = step.at;
  }
  if (server.plan.length === 0) state.busy.delete(server);
}

export function tickAll(state: SimState, now: number): void {
  for (const server of [...state.busy]) tickServer(state, server, now);
}

/** When the next pending step is due (for `settle()`), or null when nothing is in flight. */
export function nextDueAt(state: SimState): number | null {
  let next: number | null = null;
  for (const server of state.busy) {
    const at = server.plan[0]?.at;
    if (at !== undefined && (next === null || at < next)) next = at;
  }
  return next;
}

function assignHost(ctx: MachineContext, server: SimServer): void {
  server.host = ctx.state.seed.computeHost.name;
  server.availabilityZone = ctx.state.seed.computeHost.availabilityZone;
}

function releaseHost(server: SimServer): void {
  server.host = null;
  server.availabilityZone = "";
}

export function planBuild(ctx: MachineContext, server: SimServer, action: InstanceAction): void {
  const t = ctx.timings.build;
  setState(server, "building", "scheduling", POWER.NOSTATE);
  if (server.doomed) {
    const message = server.doomed;
    schedule(
      ctx,
      server,
      [
        [
          ctx.timings.buildFailure,
          (s, at) => {
            setState(s, "error", null, POWER.NOSTATE);
            s.fault = { code: 500, message, details: faultTraceback(message), createdAt: at };
          },
        ],
      ],
      action,
    );
    return;
  }
  schedule(
    ctx,
    server,
    [
      [
        t * 0.35,
        (s) => {
          // Scheduled: the AZ is known before the compute host shows up in hostId (recorded).
          setState(s, "building", null);
          s.availabilityZone = ctx.state.seed.computeHost.availabilityZone;
        },
      ],
      [t * 0.55, (s) => assignHost(ctx, s)],
      [t * 0.7, (s) => setState(s, "building", "networking")],
      [
        t * 0.8,
        (s, at) => {
          s.addresses = s.requestedNetworks.map((n) => ctx.state.allocateAddress(n));
          setState(s, "building", "block_device_mapping");
          createVolumes(ctx, s, at);
        },
      ],
      [t * 0.88, (s) => setState(s, "building", "spawning")],
      [
        t,
        (s, at) => {
          setState(s, "active", null, POWER.RUNNING);
          s.launchedAt = at;
        },
      ],
    ],
    action,
  );
}

function createVolumes(ctx: MachineContext, server: SimServer, at: number): void {
  for (const req of server.requestedVolumes) {
    const id = randomUUID();
    ctx.state.volumes.set(id, {
      id,
      projectId: server.projectId,
      sizeGb: req.sizeGb,
      volumeType: req.volumeType,
      status: "in-use",
      bootable: req.imageId !== null,
      imageId: req.imageId,
      serverId: server.id,
      deleteOnTermination: req.deleteOnTermination,
      createdAt: at,
    });
    server.volumeIds.push(id);
  }
}

export type ServerOperation =
  | "start"
  | "stop"
  | "reboot-soft"
  | "reboot-hard"
  | "suspend"
  | "resume"
  | "pause"
  | "unpause"
  | "shelve"
  | "shelveOffload"
  | "unshelve"
  | "rebuild";

/** Sets the task_state synchronously (README §13: it is visible before the 202) and schedules the rest. */
export function planOperation(
  ctx: MachineContext,
  server: SimServer,
  op: ServerOperation,
  action: InstanceAction,
): void {
  server.updatedAt = ctx.now;
  schedule(ctx, server, operationSteps(ctx, server, op), action);
}

function operationSteps(ctx: MachineContext, server: SimServer, op: ServerOperation): Step[] {
  const tm = ctx.timings;
  const vm = server.vmState;
  switch (op) {
    case "stop":
      server.taskState = "powering-off";
      return [[tm.stop, (s) => setState(s, "stopped", null, POWER.SHUTDOWN)]];
    case "start":
      server.taskState = "powering-on";
      return [[tm.start, (s) => setState(s, "active", null, POWER.RUNNING)]];
    case "reboot-soft":
      server.taskState = "rebooting";
      return [
        [tm.rebootSoft * 0.5, (s) => setState(s, "active", "reboot_started")],
        [tm.rebootSoft, (s) => setState(s, "active", null, POWER.RUNNING)],
      ];
    case "reboot-hard":
      // A hard reboot also recovers stopped/paused/suspended/error servers: they come back ACTIVE.
      setState(server, "active", "rebooting_hard");
      return [
        [tm.rebootHard * 0.5, (s) => setState(s, "active", "reboot_started_hard")],
        [tm.rebootHard, (s) => setState(s, "active", null, POWER.RUNNING)],
      ];
    case "suspend":
      server.taskState = "suspending";
      // libvirt managed-save: the guest is shut down (4); the recordings' fake driver kept 1.
      return [[tm.suspend, (s) => setState(s, "suspended", null, POWER.SHUTDOWN)]];
    case "resume":
      server.taskState = "resuming";
      return [[tm.resume, (s) => setState(s, "active", null, POWER.RUNNING)]];
    case "pause":
      server.taskState = "pausing";
      return [[tm.pause, (s) => setState(s, "paused", null, POWER.PAUSED)]];
    case "unpause":
      server.taskState = "unpausing";
      return [[tm.unpause, (s) => setState(s, "active", null, POWER.RUNNING)]];
    case "shelve":
      server.taskState = "shelving";
      return shelveSteps(ctx);
    case "shelveOffload":
      server.taskState = "shelving_offloading";
      return offloadSteps(ctx, 0);
    case "rebuild": {
      // The guest is re-imaged and booted; a stopped server is stopped again afterwards (Nova keeps vm_state).
      const wasStopped = vm === "stopped";
      server.taskState = "rebuilding";
      return [
        [tm.rebuild * 0.3, (s) => setState(s, s.vmState, "rebuild_block_device_mapping")],
        [tm.rebuild * 0.6, (s) => setState(s, s.vmState, "rebuild_spawning")],
        [
          tm.rebuild,
          (s, at) => {
            setState(s, wasStopped ? "stopped" : "active", null, wasStopped ? POWER.SHUTDOWN : POWER.RUNNING);
            s.launchedAt = at;
          },
        ],
      ];
    }
    case "unshelve": {
      const offloaded = vm === "shelved_offloaded";
      server.taskState = "unshelving";
      const total = offloaded ? tm.unshelve : tm.unshelve * 0.4;
      return [
        [
          total * 0.9,
          (s) => {
            assignHost(ctx, s);
            s.taskState = "spawning";
          },
        ],
        [
          total,
          (s, at) => {
            setState(s, "active", null, POWER.RUNNING);
            if (offloaded) s.launchedAt = at;
          },
        ],
      ];
    }
  }
}

function shelveSteps(ctx: MachineContext): Step[] {
  const t = ctx.timings.shelve;
  const steps: Step[] = [
    [t * 0.4, (s) => setState(s, "active", "shelving_image_pending_upload")],
    [t * 0.45, (s) => setState(s, "active", "shelving_image_uploading")],
  ];
  if (ctx.shelvedOffloadMs === 0) {
    steps.push([t * 0.5, (s) => setState(s, "shelved", "shelving_offloading", POWER.SHUTDOWN)]);
    return steps.concat(offloadSteps(ctx, t * 0.5));
  }
  steps.push([t * 0.5, (s) => setState(s, "shelved", null, POWER.SHUTDOWN)]);
  if (ctx.shelvedOffloadMs > 0) {
    const offloadAt = t * 0.5 + ctx.shelvedOffloadMs;
    steps.push([offloadAt, (s) => setState(s, "shelved", "shelving_offloading")]);
    return steps.concat(offloadSteps(ctx, offloadAt));
  }
  return steps;
}

function offloadSteps(ctx: MachineContext, from: number): Step[] {
  const t = ctx.timings.shelve;
  return [
    [from + t * 0.5, (s) => setState(s, "shelved_offloaded", null, POWER.SHUTDOWN)],
    // The recordings show hostId/AZ still set right after offload and cleared a moment later.
    [from + t * 0.5 + ctx.timings.shelveHostRelease, (s) => releaseHost(s)],
  ];
}

/** DELETE: a server without a host is removed locally at once; otherwise `deleting` first (README §11). */
export function planDelete(ctx: MachineContext, server: SimServer, action: InstanceAction): void {
  server.updatedAt = ctx.now;
  if (!server.host) {
    finalizeDelete(ctx, server, ctx.now);
    action.updatedAt = ctx.now;
    return;
  }
  server.taskState = "deleting";
  schedule(ctx, server, [[ctx.timings.delete, (s, at) => finalizeDelete(ctx, s, at)]], action);
}

function finalizeDelete(ctx: MachineContext, server: SimServer, at: number): void {
  server.plan = [];
  ctx.state.busy.delete(server);
  setState(server, "deleted", null, POWER.NOSTATE);
  server.terminatedAt = at;
  server.updatedAt = at;
  server.metadata = {};
  server.tags = [];
  server.addresses = [];
  for (const volumeId of server.volumeIds) {
    const volume = ctx.state.volumes.get(volumeId);
    if (!volume) continue;
    volume.serverId = null;
    volume.status = volume.deleteOnTermination ? "deleted" : "available";
  }
}

function faultTraceback(message: string): string {
  return [
    "Traceback (most recent call last):",
    '  File "<python-site-packages>/nova/conductor/manager.py", line 1587, in schedule_and_build_instances',
    "    host_lists = self._schedule_instances(context, request_specs[0],",
    '  File "<python-site-packages>/nova/scheduler/manager.py", line 247, in select_destinations',
    "    raise exception.NoValidHost(reason=reason)",
    `nova.exception.NoValidHost: ${message}`,
    "",
  ].join("\n");
}
