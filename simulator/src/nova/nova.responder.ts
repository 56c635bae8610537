import type { NovaFault } from "../core/errors.js";
import type { Microversion } from "../core/nova-microversion.js";
import type { SimRequest, SimResponse } from "../core/sim-http.js";
import { byteLength } from "../core/sim-http.js";
import type { SimContext } from "../core/simulator.context.js";

function versionHeaders(mvText: string): [string, string][] {
  return [
    ["OpenStack-API-Version", `compute ${mvText}`],
    ["X-OpenStack-Nova-API-Version", mvText],
    ["Vary", "OpenStack-API-Version, X-OpenStack-Nova-API-Version"],
  ];
}

function requestIds(req: SimRequest): [string, string][] {
  return [
    ["x-openstack-request-id", req.requestId],
    ["x-compute-request-id", req.requestId],
  ];
}

/** A successful versioned Nova response: plain `application/json`, lower-case `location` (README §1–2). */
export function novaJson(
  req: SimRequest,
  mv: Microversion,
  status: number,
  body: unknown,
  location?: string,
): SimResponse {
  const text = body === null ? "" : JSON.stringify(body);
  const headers: [string, string][] = [["Content-Length", byteLength(text)]];
  if (location) headers.push(["location", location]);
  headers.push(["Content-Type", "application/json"], ...versionHeaders(mv.text), ...requestIds(req));
  return { status, headers, body: text };
}

/**
 * A Nova error: `application/json; charset=UTF-8`, version headers first. `mvText` is null for the malformed
 * version 400, which carries no version headers; for a 406 it echoes the unsupported version.
 */
export function novaError(req: SimRequest, mvText: string | null, fault: NovaFault): SimResponse {
  const text = JSON.stringify({ [fault.kind]: { code: fault.status, message: fault.message } });
  const headers: [string, string][] = mvText ? versionHeaders(mvText) : [];
  headers.push(
    ["Content-Type", "application/json; charset=UTF-8"],
    ["Content-Length", byteLength(text)],
    ...requestIds(req),
  );
  return { status: fault.status, headers, body: text };
}

/** keystonemiddleware's 401 in front of Nova: no version headers, `WWW-Authenticate` without `/v3`. */
export function novaUnauthorized(ctx: SimContext, req: SimRequest): SimResponse {
  const text = JSON.stringify({
    error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." },
  });
  return {
    status: 401,
    headers: [
      ["Content-Type", "application/json"],
      ["Content-Length", byteLength(text)],
      ["WWW-Authenticate", `Keystone uri="${ctx.urls.identity}"`],
      ...requestIds(req),
    ],
    body: text,
  };
}

/** The unversioned `GET /` document: only Content-Length and Content-Type. */
export function novaPlain(body: unknown): SimResponse {
  const text = JSON.stringify(body);
  return {
    status: 200,
    headers: [
      ["Content-Length", byteLength(text)],
      ["Content-Type", "application/json"],
    ],
    body: text,
  };
}
