import type { DataSource } from "typeorm";
import type { Log } from "../observability/logger.js";
import { currentRequestId } from "../observability/request-store.js";

/** Who acts, as a context carries it (a caller's principal or a named part of the system). */
type ActorOf =
  | { kind: "caller"; principal: { kind: string; userId?: string; apiKeyId?: string } }
  | { kind: "system"; name: string };

/**
 * Who goes past tenant scoping: a unit of work (a request's, a job's: a `Ctx` is one), or a part of the system that
 * runs without one (a controller loop, the gateway, authentication before there is a principal), by name.
 */
export type Bypasser = string | { readonly requestId: string; readonly actor: ActorOf };

const sinks = new WeakMap<DataSource, Log>();

/** Where a data source's bypass records go: the API's logger, set once when its services are made. */
export function auditBypasses(dataSource: DataSource, log: Log): void {
  sinks.set(dataSource, log);
}

function actorName(by: Bypasser): string {
  if (typeof by === "string") return `system:${by}`;
  if (by.actor.kind === "system") return `system:${by.actor.name}`;
  const { principal } = by.actor;
  if (principal.userId) return `user:${principal.userId}`;
  if (principal.apiKeyId) return `api_key:${principal.apiKeyId}`;
  return principal.kind;
}

/**
 * One record per `acrossTenants` door opened: its reason, who opened it and the request or job it belongs to. The
 * record is a log line, not an audit_event row: the audit writer itself opens a door to file a row under the tenant
 * it is about, and authentication opens one per request, so a row per bypass would recurse and double every write.
 */
export function auditBypass(dataSource: DataSource, reason: string, by: Bypasser): void {
  const requestId = typeof by === "string" ? currentRequestId() : by.requestId;
  sinks
    .get(dataSource)
    ?.info({ audit: "across_tenants", reason, actor: actorName(by), requestId }, "tenant scoping bypassed");
}
