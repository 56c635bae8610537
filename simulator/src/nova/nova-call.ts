import { NovaFault } from "../core/errors.js";
import type { Microversion } from "../core/nova-microversion.js";
import type { RouteParams, SimRequest, SimResponse } from "../core/sim-http.js";
import { isPlainObject, parseJsonBody } from "../core/sim-http.js";
import type { SimContext } from "../core/simulator.context.js";
import type { InstanceAction, SimServer } from "../core/simulator.state.js";
import type { AuthContext } from "../keystone/keystone.tokens.js";

/** One authenticated, version-negotiated Nova call. */
export interface NovaCall {
  ctx: SimContext;
  req: SimRequest;
  auth: AuthContext;
  mv: Microversion;
  params: RouteParams;
}

export type NovaHandler = (call: NovaCall) => SimResponse;

/**
 * The only way handlers load a server: scoped to the caller's project inside the lookup (admins see all).
 * Another project's server, a deleted one, a random UUID and a non-UUID all give the same 404 (README §11).
 */
export function findServer(call: NovaCall, id: string): SimServer {
  const server = call.ctx.state.servers.get(id);
  if (!server || server.vmState === "deleted" || (!call.auth.isAdmin && server.projectId !== call.auth.project.id)) {
    throw NovaFault.instanceNotFound(id);
  }
  return server;
}

export function recordAction(call: NovaCall, server: SimServer, action: string): InstanceAction {
  const now = call.ctx.clock.now();
  const record: InstanceAction = {
    action,
    requestId: call.req.requestId,
    userId: call.auth.user.id,
    projectId: call.auth.project.id,
    startTime: now,
    updatedAt: now,
  };
  server.actions.push(record);
  return record;
}

/** Nova's body parsing: unparsable JSON and non-objects are "Malformed request body". */
export function jsonObjectBody(call: NovaCall): Record<string, unknown> {
  const body = parseJsonBody(call.req);
  if (!isPlainObject(body)) throw NovaFault.badRequest("Malformed request body");
  return body;
}
