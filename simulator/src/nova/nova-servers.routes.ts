import { NovaFault } from "../core/errors.js";
import { atLeast } from "../core/nova-microversion.js";
import { planDelete } from "../core/server-state-machine.js";
import type { SimResponse, SimRouter } from "../core/sim-http.js";
import { isPlainObject } from "../core/sim-http.js";
import { machineContext } from "../core/simulator.context.js";
import type { SimServer } from "../core/simulator.state.js";
import { novaJson } from "./nova.responder.js";
import type { NovaCall, NovaHandler } from "./nova-call.js";
import { findServer, jsonObjectBody, recordAction } from "./nova-call.js";
import { createServers } from "./nova-server-create.js";
import { pyRepr, schemaError, validateCreateServer, validateTag, validateTags } from "./nova-server-schema.js";
import { serverLinks, serverView } from "./nova-server-view.js";
import { listServers } from "./nova-servers-list.js";

const METADATA_STATES = new Set(["active", "paused", "suspended", "stopped", "shelved", "shelved_offloaded"]);

function show(call: NovaCall, server: SimServer, status = 200): SimResponse {
  return novaJson(call.req, call.mv, status, {
    server: serverView(call.ctx, server, { mv: call.mv, isAdmin: call.auth.isAdmin, view: "show" }),
  });
}

function createServer(call: NovaCall): SimResponse {
  const request = validateCreateServer(jsonObjectBody(call), call.mv);
  const { servers, reservationId } = createServers(call.ctx, call.auth, request, call.req.requestId, call.mv);
  if (request.returnReservationId) {
    return novaJson(call.req, call.mv, 202, { reservation_id: reservationId });
  }
  const first = servers[0];
  const links = serverLinks(call.ctx, first.id);
  return novaJson(
    call.req,
    call.mv,
    202,
    {
      server: {
        id: first.id,
        links,
        "OS-DCF:diskConfig": first.diskConfig,
        security_groups: first.securityGroups.map((name) => ({ name })),
        adminPass: first.adminPass,
      },
    },
    links[0].href,
  );
}

function updateServer(call: NovaCall): SimResponse {
  const server = findServer(call, call.params.id);
  const body = jsonObjectBody(call);
  const patch = body.server;
  if (!isPlainObject(patch)) throw NovaFault.badRequest("'server' is a required property");
  const allowed = new Set(["name", "accessIPv4", "accessIPv6", "OS-DCF:diskConfig"]);
  if (atLeast(call.mv, 19)) allowed.add("description");
  if (atLeast(call.mv, 90)) allowed.add("hostname");
  const extra = Object.keys(patch).filter((k) => !allowed.has(k));
  if (extra.length > 0) {
    throw schemaError(
      "server",
      patch,
      `Additional properties are not allowed (${extra.map((k) => pyRepr(k)).join(", ")} ${extra.length === 1 ? "was" : "were"} unexpected)`,
    );
  }
  if ("name" in patch) {
    if (typeof patch.name !== "string" || patch.name.length === 0 || patch.name.length > 255) {
      throw schemaError("name", patch.name, `${pyRepr(patch.name)} is not valid under any of the given schemas`);
    }
    server.name = patch.name;
  }
  if ("description" in patch) {
    if (patch.description !== null && typeof patch.description !== "string") {
      throw schemaError(
        "description",
        patch.description,
        `${pyRepr(patch.description)} is not of type 'string', 'null'`,
      );
    }
    server.description = patch.description as string | null;
  }
  server.updatedAt = call.ctx.clock.now();
  return show(call, server);
}

function deleteServer(call: NovaCall): SimResponse {
  const server = findServer(call, call.params.id);
  planDelete(machineContext(call.ctx), server, recordAction(call, server, "delete"));
  return novaJson(call.req, call.mv, 204, null);
}

function metadataWritable(call: NovaCall, server: SimServer): void {
  if (!METADATA_STATES.has(server.vmState)) {
    throw NovaFault.conflict(
      `Cannot 'update_metadata' instance ${server.id} while it is in vm_state ${server.vmState}`,
    );
  }
  server.updatedAt = call.ctx.clock.now();
}

function metadataBody(call: NovaCall, key: "metadata" | "meta"): Record<string, string> {
  const body = jsonObjectBody(call);
  const value = body[key];
  if (!isPlainObject(value)) throw NovaFault.badRequest(`'${key}' is a required property`);
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") throw schemaError(k, v, `${pyRepr(v)} is not of type 'string'`);
  }
  return value as Record<string, string>;
}

function metadataRoutes(router: SimRouter<NovaHandler>): void {
  router
    .add("GET", "/servers/:id/metadata", (call) =>
      novaJson(call.req, call.mv, 200, { metadata: { ...findServer(call, call.params.id).metadata } }),
    )
    .add("PUT", "/servers/:id/metadata", (call) => {
      const server = findServer(call, call.params.id);
      const metadata = metadataBody(call, "metadata");
      metadataWritable(call, server);
      server.metadata = { ...metadata };
      return novaJson(call.req, call.mv, 200, { metadata: { ...server.metadata } });
    })
    .add("POST", "/servers/:id/metadata", (call) => {
      const server = findServer(call, call.params.id);
      const metadata = metadataBody(call, "metadata");
      metadataWritable(call, server);
      server.metadata = { ...server.metadata, ...metadata };
      return novaJson(call.req, call.mv, 200, { metadata: { ...server.metadata } });
    })
    .add("GET", "/servers/:id/metadata/:key", (call) => {
      const server = findServer(call, call.params.id);
      const value = server.metadata[call.params.key];
      if (value === undefined) throw NovaFault.notFound("Metadata item was not found");
      return novaJson(call.req, call.mv, 200, { meta: { [call.params.key]: value } });
    })
    .add("PUT", "/servers/:id/metadata/:key", (call) => {
      const server = findServer(call, call.params.id);
      const meta = metadataBody(call, "meta");
      const keys = Object.keys(meta);
      if (keys.length > 1) throw NovaFault.badRequest("Request body contains too many items");
      if (keys[0] !== call.params.key) throw NovaFault.badRequest("Request body and URI mismatch");
      metadataWritable(call, server);
      server.metadata[call.params.key] = meta[call.params.key];
      return novaJson(call.req, call.mv, 200, { meta: { [call.params.key]: meta[call.params.key] } });
    })
    .add("DELETE", "/servers/:id/metadata/:key", (call) => {
      const server = findServer(call, call.params.id);
      if (server.metadata[call.params.key] === undefined) throw NovaFault.notFound("Metadata item was not found");
      metadataWritable(call, server);
      delete server.metadata[call.params.key];
      return novaJson(call.req, call.mv, 204, null);
    });
}

/** Server tags exist from 2.26; below, the routes do not exist (404 like any unknown resource). */
function taggedServer(call: NovaCall): SimServer {
  if (!atLeast(call.mv, 26)) throw NovaFault.notFound("The resource could not be found.");
  return findServer(call, call.params.id);
}

function tagRoutes(router: SimRouter<NovaHandler>): void {
  router
    .add("GET", "/servers/:id/tags", (call) => novaJson(call.req, call.mv, 200, { tags: [...taggedServer(call).tags] }))
    .add("PUT", "/servers/:id/tags", (call) => {
      const server = taggedServer(call);
      const body = jsonObjectBody(call);
      if (!("tags" in body)) throw NovaFault.badRequest("'tags' is a required property");
      server.tags = validateTags(body.tags);
      server.updatedAt = call.ctx.clock.now();
      return novaJson(call.req, call.mv, 200, { tags: [...server.tags] });
    })
    .add("DELETE", "/servers/:id/tags", (call) => {
      const server = taggedServer(call);
      server.tags = [];
      server.updatedAt = call.ctx.clock.now();
      return novaJson(call.req, call.mv, 204, null);
    })
    .add("GET", "/servers/:id/tags/:tag", (call) => {
      const server = taggedServer(call);
      if (!server.tags.includes(call.params.tag)) {
        throw NovaFault.notFound(`Tag ${call.params.tag} could not be found for instance ${server.id}.`);
      }
      return novaJson(call.req, call.mv, 204, null);
    })
    .add("PUT", "/servers/:id/tags/:tag", (call) => {
      const server = taggedServer(call);
      const tag = validateTag(call.params.tag, "tag");
      if (server.tags.includes(tag)) return novaJson(call.req, call.mv, 204, null);
      if (server.tags.length >= 50) throw NovaFault.badRequest("The number of tags exceeded the per-server limit 50");
      server.tags.push(tag);
      server.updatedAt = call.ctx.clock.now();
      const response = novaJson(call.req, call.mv, 201, null);
      response.headers.splice(1, 0, ["Location", `${call.ctx.urls.compute}/v2.1/servers/${server.id}/tags/${tag}`]);
      return response;
    })
    .add("DELETE", "/servers/:id/tags/:tag", (call) => {
      const server = taggedServer(call);
      if (!server.tags.includes(call.params.tag)) {
        throw NovaFault.notFound(`Tag ${call.params.tag} could not be found for instance ${server.id}.`);
      }
      server.tags = server.tags.filter((t) => t !== call.params.tag);
      server.updatedAt = call.ctx.clock.now();
      return novaJson(call.req, call.mv, 204, null);
    });
}

export function registerServerRoutes(router: SimRouter<NovaHandler>): void {
  router
    .add("GET", "/servers", (call) => novaJson(call.req, call.mv, 200, listServers(call, false)))
    .add("GET", "/servers/detail", (call) => novaJson(call.req, call.mv, 200, listServers(call, true)))
    .add("POST", "/servers", createServer)
    .add("GET", "/servers/:id", (call) => show(call, findServer(call, call.params.id)))
    .add("PUT", "/servers/:id", updateServer)
    .add("DELETE", "/servers/:id", deleteServer);
  metadataRoutes(router);
  tagRoutes(router);
}
