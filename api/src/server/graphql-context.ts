import type { Request } from "express";
import { GraphQLError } from "graphql";
import { authenticate } from "../auth/authenticate.js";
import type { AppServices } from "../context/app-services.js";
import { callerCtx } from "../context/build-ctx.js";
import { isDatabaseUnreachable } from "../errors/database-unreachable.js";
import type { AuthCheckContext } from "../graphql/auth-checker.js";
import { clientIpOf } from "./request-client.js";

/** Builds the per-request context: principal from the Authorization header, tenant from the principal only. */
export async function buildGraphqlContext(services: AppServices, request: Request): Promise<AuthCheckContext> {
  const manager = services.dataSource.manager;
  const { principal, error } = await authenticate(
    manager,
    services.tokens,
    request.header("authorization"),
    services.clock(),
  ).catch((failure: unknown) => {
    // Without the database nobody can be authenticated: a 503 to retry (the message is the error formatter's).
    if (isDatabaseUnreachable(failure)) {
      throw new GraphQLError("database unreachable", {
        originalError: failure as Error,
        extensions: { http: { status: 503 } },
      });
    }
    throw failure;
  });
  const ctx = callerCtx(services, {
    requestId: String(request.res?.getHeader("x-request-id") ?? ""),
    principal,
    clientIp: clientIpOf(request, services.config, services.clock()),
    manager,
  });
  return { ...ctx, authError: error };
}
