import type http from "node:http";
import { serveViewerAsset } from "@atrium/viewer";
import type { Logger } from "../../observability/logger.js";
import type { OpenForward } from "./forward/port-forwarder.js";
import type { TunnelGrant, TunnelRefusal } from "./gateway.types.js";

export interface RouteHandlers {
  openForward(
    ticket: string | null,
  ): Promise<{ forward: OpenForward; grant: TunnelGrant } | { refused: TunnelRefusal; message: string }>;
  health(): Record<string, unknown>;
  /** False while the node drains or cannot reach the database; the load balancer then sends no new tunnels. */
  readiness(): Promise<{ ready: boolean; status: string }>;
  /** Prometheus text of the node's registry. */
  metrics(): Promise<{ contentType: string; text: string }>;
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
  if (request.method === "GET" && url.pathname === "/readyz") {
    void handlers.readiness().then((readiness) => json(response, readiness.ready ? 200 : 503, readiness));
    return;
  }
  if (request.method === "GET" && url.pathname === "/metrics") {
    void handlers.metrics().then(({ contentType, text }) => {
      response.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
      response.end(text);
    });
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
  if (request.method === "GET" && serveViewerAsset(url.pathname, response)) return;
  json(response, 404, { error: "not_found" });
}
