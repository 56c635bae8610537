import type { Request } from "express";
import { authenticate } from "../auth/authenticate.js";
import type { AppServices } from "../context/app-services.js";
import { callerCtx } from "../context/build-ctx.js";
import type { AuthCheckContext } from "../graphql/auth-checker.js";
import { parseTrustedProxies, resolveClientAddress, type TrustedProxies } from "../modules/access/index.js";

const trustedProxiesByConfig = new WeakMap<AppServices["config"], TrustedProxies>();

/** TRUSTED_PROXIES parsed once per configuration; a bad entry fails loudly at the first request. */
function trustedProxiesOf(config: AppServices["config"]): TrustedProxies {
  let trusted = trustedProxiesByConfig.get(config);
  if (!trusted) {
    const entries = config.TRUSTED_PROXIES.split(",").map((entry) => entry.trim());
    trusted = parseTrustedProxies(entries.filter((entry) => entry !== ""));
    trustedProxiesByConfig.set(config, trusted);
  }
  return trusted;
}

/**
 * The client's address: the socket peer, or X-Forwarded-For read right to left only through our trusted proxies
 * (anything a client wrote itself is ignored). "unknown" when it cannot be determined: access rules fail closed.
 */
export function clientIpOf(request: Request, services?: Pick<AppServices, "config">): string {
  if (!services) return (request.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
  const resolved = resolveClientAddress({
    remoteAddress: request.socket.remoteAddress,
    forwardedFor: request.headers["x-forwarded-for"],
    trustedProxies: trustedProxiesOf(services.config),
  });
  return resolved.ip ?? "unknown";
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
  const ctx = callerCtx(services, {
    requestId: String(request.res?.getHeader("x-request-id") ?? ""),
    principal,
    clientIp: clientIpOf(request, services),
    manager,
  });
  return { ...ctx, authError: error };
}
