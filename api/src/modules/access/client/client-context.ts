import type { Ctx } from "../../../context/ctx.js";
import type { ClientContext } from "../evaluator/location-matcher.js";

/**
 * The client as the broker sees an API request: the address resolved through the trusted-proxy chain (or
 * "unknown", which fails closed), the kind of client, and never "via gateway" — only the gateway itself can vouch
 * for that, when it opens a tunnel.
 */
export function clientOfRequest(ctx: Ctx): ClientContext {
  const kind = ctx.principal.kind === "api_key" ? "api" : "web";
  return { ip: ctx.clientIp && ctx.clientIp !== "unknown" ? ctx.clientIp : null, kind, viaGateway: false };
}
