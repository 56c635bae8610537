import { randomUUID } from "node:crypto";
import { NovaFault } from "../core/errors.js";
import { atLeast } from "../core/nova-microversion.js";
import type { ServerOperation } from "../core/server-state-machine.js";
import { planOperation } from "../core/server-state-machine.js";
import { isoMicrosNoZone } from "../core/sim-clock.js";
import type { SimRouter } from "../core/sim-http.js";
import { isPlainObject } from "../core/sim-http.js";
import { machineContext } from "../core/simulator.context.js";
import type { InstanceAction, SimServer, VmState } from "../core/simulator.state.js";
import { novaJson } from "./nova.responder.js";
import type { NovaCall, NovaHandler } from "./nova-call.js";
import { findServer, jsonObjectBody, recordAction } from "./nova-call.js";

interface ActionRule {
  /** The name Nova uses in its 409 messages and instance-action records. */
  name: string;
  vmStates: VmState[];
  taskStates: (string | null)[];
  /** Message used when the instance has no host (README §8). */
  noHost?: "not-ready" | "invalid-state";
  policy?: string;
}

const IDLE = [null];
const REBOOTING = [
  null,
  "rebooting",
  "reboot_pending",
  "reboot_started",
  "rebooting_hard",
  "reboot_pending_hard",
  "reboot_started_hard",
];

/** check_instance_state() of nova/compute/api.py for the actions a VDI broker uses. */
const RULES: Record<string, ActionRule> = {
  "os-start": { name: "start", vmStates: ["stopped"], taskStates: IDLE, noHost: "not-ready" },
  "os-stop": { name: "stop", vmStates: ["active", "error"], taskStates: IDLE, noHost: "not-ready" },
  "reboot-soft": { name: "reboot", vmStates: ["active"], taskStates: IDLE, noHost: "invalid-state" },
  "reboot-hard": {
    name: "reboot",
    vmStates: ["active", "stopped", "paused", "suspended", "error"],
    taskStates: REBOOTING,
    noHost: "invalid-state",
  },
  suspend: { name: "suspend", vmStates: ["active"], taskStates: IDLE },
  resume: { name: "resume", vmStates: ["suspended"], taskStates: IDLE },
  pause: { name: "pause", vmStates: ["active"], taskStates: IDLE },
  unpause: { name: "unpause", vmStates: ["paused"], taskStates: IDLE },
  shelve: { name: "shelve", vmStates: ["active", "stopped", "paused", "suspended"], taskStates: IDLE },
  shelveOffload: {
    name: "shelveOffload",
    vmStates: ["shelved"],
    taskStates: IDLE,
    policy: "os_compute_api:os-shelve:shelve_offload",
  },
  unshelve: { name: "unshelve", vmStates: ["shelved", "shelved_offloaded"], taskStates: IDLE },
  rebuild: { name: "rebuild", vmStates: ["active", "stopped", "error"], taskStates: IDLE, noHost: "invalid-state" },
};

const OPERATIONS: Record<string, ServerOperation> = {
  "os-start": "start",
  "os-stop": "stop",
  "reboot-soft": "reboot-soft",
  "reboot-hard": "reboot-hard",
  suspend: "suspend",
  resume: "resume",
  pause: "pause",
  unpause: "unpause",
  shelve: "shelve",
  shelveOffload: "shelveOffload",
  unshelve: "unshelve",
  rebuild: "rebuild",
};

function rebootKind(value: unknown): "reboot-soft" | "reboot-hard" {
  const type = isPlainObject(value) ? value.type : undefined;
  const allowed = ["HARD", "Hard", "hard", "SOFT", "Soft", "soft"];
  if (typeof type !== "string" || !allowed.includes(type)) {
    const shown = typeof type === "string" ? type : String(type);
    throw NovaFault.badRequest(
      `Invalid input for field/attribute type. Value: ${shown}. '${shown}' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']`,
    );
  }
  return type.toUpperCase() === "HARD" ? "reboot-hard" : "reboot-soft";
}

function checkState(server: SimServer, rule: ActionRule): void {
  if (rule.noHost && !server.host) {
    throw NovaFault.conflict(
      rule.noHost === "not-ready"
        ? `Instance ${server.id} is not ready`
        : `Instance ${server.id} is in an invalid state for '${rule.name}'`,
    );
  }
  if (!rule.vmStates.includes(server.vmState)) {
    throw NovaFault.conflict(`Cannot '${rule.name}' instance ${server.id} while it is in vm_state ${server.vmState}`);
  }
  if (!rule.taskStates.includes(server.taskState)) {
    throw NovaFault.conflict(
      `Cannot '${rule.name}' instance ${server.id} while it is in task_state ${server.taskState}`,
    );
  }
}

function serverAction(call: NovaCall) {
  const body = jsonObjectBody(call);
  const keys = Object.keys(body);
  // `{}`, two actions at once and broken JSON all get the same answer (README §10).
  if (keys.length !== 1) throw NovaFault.badRequest("Malformed request body");
  const actionName = keys[0];
  let key = actionName;
  if (actionName === "reboot") key = rebootKind(body.reboot);
  const rule = RULES[key];
  if (!rule) throw NovaFault.badRequest(`There is no such action: ${actionName}`);
  const server = findServer(call, call.params.id);
  if (rule.policy && !call.auth.isAdmin) throw NovaFault.policy(rule.policy);
  checkState(server, rule);
  if (key === "rebuild") applyRebuildImage(call, server, body.rebuild);
  call.ctx.count(`compute action ${actionName}`);
  planOperation(machineContext(call.ctx), server, OPERATIONS[key], recordAction(call, server, rule.name));
  return novaJson(call.req, call.mv, 202, null);
}

/** `{"rebuild": {"imageRef": …}}`: the image must exist; an image-booted server then reports the new image. */
function applyRebuildImage(call: NovaCall, server: SimServer, value: unknown): void {
  const imageRef = isPlainObject(value) ? value.imageRef : undefined;
  if (typeof imageRef !== "string" || imageRef === "") throw NovaFault.badRequest("'imageRef' is a required property");
  if (!call.ctx.state.images.has(imageRef)) throw NovaFault.badRequest(`Invalid image identifier ${imageRef}.`);
  if (server.imageId !== null) server.imageId = imageRef;
}

function remoteConsole(call: NovaCall) {
  if (!atLeast(call.mv, 6)) throw NovaFault.notFound("The resource could not be found.");
  const body = jsonObjectBody(call);
  const rc = body.remote_console;
  if (!isPlainObject(rc)) throw NovaFault.badRequest("'remote_console' is a required property");
  const protocol = String(rc.protocol);
  const type = String(rc.type);
  const server = findServer(call, call.params.id);
  if (call.ctx.consoleBaseUrl === null || protocol !== "vnc" || type !== "novnc") {
    throw NovaFault.badRequest(`Unavailable console type ${type}.`);
  }
  if (!server.host || server.vmState !== "active") throw NovaFault.conflict(`Instance ${server.id} is not ready`);
  const token = randomUUID();
  const url = `${call.ctx.consoleBaseUrl}/vnc_auto.html?path=${encodeURIComponent(`?token=${token}`)}`;
  return novaJson(call.req, call.mv, 200, { remote_console: { protocol, type, url } });
}

function actionView(call: NovaCall, server: SimServer, a: InstanceAction): Record<string, unknown> {
  const out: Record<string, unknown> = {
    action: a.action,
    instance_uuid: server.id,
    request_id: a.requestId,
    user_id: a.userId,
    project_id: a.projectId,
    start_time: isoMicrosNoZone(a.startTime),
    message: null,
  };
  if (atLeast(call.mv, 58)) out.updated_at = isoMicrosNoZone(a.updatedAt);
  return out;
}

export function registerActionRoutes(router: SimRouter<NovaHandler>): void {
  router
    .add("POST", "/servers/:id/action", serverAction)
    .add("POST", "/servers/:id/remote-consoles", remoteConsole)
    .add("GET", "/servers/:id/os-instance-actions", (call) => {
      const server = findServer(call, call.params.id);
      const actions = [...server.actions].reverse().map((a) => actionView(call, server, a));
      return novaJson(call.req, call.mv, 200, { instanceActions: actions });
    })
    .add("GET", "/servers/:id/os-instance-actions/:requestId", (call) => {
      const server = findServer(call, call.params.id);
      const action = server.actions.find((a) => a.requestId === call.params.requestId);
      if (!action)
        throw NovaFault.notFound(`Action for request_id ${call.params.requestId} on instance ${server.id} not found`);
      const finished = action.updatedAt > action.startTime || server.plan.length === 0;
      const event = {
        event: `compute_${action.action}_instance`,
        start_time: isoMicrosNoZone(action.startTime),
        finish_time: finished ? isoMicrosNoZone(action.updatedAt) : null,
        result: finished ? (server.vmState === "error" && action.action === "create" ? "Error" : "Success") : null,
      };
      return novaJson(call.req, call.mv, 200, {
        instanceAction: { ...actionView(call, server, action), events: [event] },
      });
    });
}
