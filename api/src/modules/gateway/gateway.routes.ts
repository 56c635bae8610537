import fs from "node:fs";
import type http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import type { Logger } from "../../observability/logger.js";
import type { OpenForward } from "./forward/port-forwarder.js";
import type { TunnelGrant, TunnelRefusal } from "./gateway.types.js";
import { VIEWER_STATIC_DIR } from "./viewer/viewer-assets.js";

const require = createRequire(import.meta.url);
const packageDir = (name: string, depth: number) => {
  let dir = path.dirname(require.resolve(name));
  for (let level = 0; level < depth; level++) dir = path.dirname(dir);
  return dir;
};

/** URL prefix → folder. The viewer loads noVNC, xterm.js and guacamole-common-js as ES modules from here. */
const STATIC_ROOTS: [string, () => string][] = [
  ["/viewer/", () => VIEWER_STATIC_DIR],
  ["/vendor/novnc/", () => packageDir("@novnc/novnc", 1)],
  ["/vendor/xterm/", () => packageDir("@xterm/xterm", 1)],
  ["/vendor/xterm-fit/", () => packageDir("@xterm/addon-fit", 1)],
  ["/vendor/guacamole/", () => packageDir("guacamole-common-js", 2)],
];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
};

const VIEWER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // xterm.js and noVNC set styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export interface RouteHandlers {
  openForward(
    ticket: string | null,
  ): Promise<{ forward: OpenForward; grant: TunnelGrant } | { refused: TunnelRefusal; message: string }>;
  health(): Record<string, unknown>;
  logger: Logger;
}

function json(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
    // Native-client helpers and the portal call /forward from the user's browser; the ticket is the credential.
    "access-control-allow-origin": "*",
  });
  response.end(JSON.stringify(body));
}

function serveStatic(pathname: string, response: http.ServerResponse): boolean {
  const file = pathname === "/viewer" || pathname === "/viewer/" ? "/viewer/index.html" : pathname;
  for (const [prefix, root] of STATIC_ROOTS) {
    if (!file.startsWith(prefix)) continue;
    const base = root();
    const target = path.resolve(base, `.${decodeURIComponent(file.slice(prefix.length - 1))}`);
    if (!target.startsWith(base + path.sep)) return false;
    const type = TYPES[path.extname(target)];
    if (!type || !fs.existsSync(target) || !fs.statSync(target).isFile()) return false;
    response.writeHead(200, {
      "content-type": type,
      "cache-control": prefix === "/viewer/" ? "no-cache" : "public, max-age=3600",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      ...(type.startsWith("text/html") ? { "content-security-policy": VIEWER_CSP } : {}),
    });
    fs.createReadStream(target).pipe(response);
    return true;
  }
  return false;
}

/** Plain HTTP side of the gateway: viewer page and its modules, health, and port forwards for native clients. */
export function handleGatewayRequest(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  handlers: RouteHandlers,
): void {
  const url = new URL(request.url ?? "/", "http://gateway");
  if (request.method === "GET" && url.pathname === "/healthz") {
    json(response, 200, handlers.health());
    return;
  }
  if (request.method === "OPTIONS" && url.pathname === "/forward") {
    response.writeHead(204, {
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "POST",
      "access-control-max-age": "600",
    });
    response.end();
    return;
  }
  if (request.method === "POST" && url.pathname === "/forward") {
    request.resume();
    handlers.openForward(url.searchParams.get("ticket")).then(
      (result) => {
        if ("refused" in result) return json(response, 403, { error: result.refused, message: result.message });
        const { forward, grant } = result;
        json(response, 200, {
          host: forward.host,
          port: forward.port,
          protocol: grant.protocol,
          closesIfUnusedAt: forward.closesIfUnusedAt.toISOString(),
          // Without guacd, RDP is offered as a file for the native client pointing at the forwarded port.
          rdpFile: grant.protocol === "RDP" ? `full address:s:${forward.host}:${forward.port}\r\n` : null,
        });
      },
      (error: unknown) => {
        handlers.logger.error({ err: error }, "opening a port forward failed");
        json(response, 503, { error: "forward_failed", message: "No forwarding port could be opened" });
      },
    );
    return;
  }
  if (request.method === "GET" && serveStatic(url.pathname, response)) return;
  json(response, 404, { error: "not_found" });
}
