import type { Request } from "express";
import type { AuthCheckContext } from "../auth/auth-checker.js";
import { authenticate } from "../auth/authenticate.js";
import type { AppServices } from "../context/app-services.js";
import { createLoaders } from "../context/loaders.js";

export function clientIpOf(request: Request): string {
  return (request.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
}

/** Builds the per-request context: principal from the Authorization header, tenant from the principal only. */
export async function buildGraphqlContext(services: AppServices, request: Request): Promise<AuthCheckContext> {
  const manager = services.dataSource.manager;
  const { principal, error } = await authenticate(
    manager,
    services.tokens,
    request.header("authorization"),
    services.clock(),
  );
  return {
    requestId: String(request.res?.getHeader("x-request-id") ?? ""),
    principal,
    authError: error,
    clientIp: clientIpOf(request),
    manager,
    services,
    loaders: createLoaders(manager, principal),
    auditTrail: { recorded: 0 },
  };
}
