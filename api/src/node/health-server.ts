import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { DataSource } from "typeorm";
import type { NodeLifecycle } from "./node-lifecycle.js";

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * /healthz, /readyz and /metrics for a node that serves nothing else over HTTP (the worker), so the same probes and
 * scrapes work on every role.
 */
export async function startHealthServer(options: {
  lifecycle: NodeLifecycle;
  dataSource: DataSource;
  registry: Registry;
  host: string;
  port: number;
}): Promise<HealthServer> {
  const { lifecycle } = options;
  const server = http.createServer((request, response) => {
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      response.end(body);
    };
    const path = new URL(request.url ?? "/", "http://node").pathname;
    if (request.method !== "GET") return send(405, "application/json", '{"error":"method_not_allowed"}');
    if (path === "/healthz") {
      return send(200, "application/json", JSON.stringify({ status: "ok", node: lifecycle.nodeId }));
    }
    if (path === "/readyz") {
      void lifecycle.readiness(options.dataSource).then((readiness) => {
        send(readiness.ready ? 200 : 503, "application/json", JSON.stringify({ status: readiness.status }));
      });
      return;
    }
    if (path === "/metrics") {
      void options.registry.metrics().then(
        (text) => send(200, options.registry.contentType, text),
        () => send(500, "text/plain", "metrics unavailable"),
      );
      return;
    }
    send(404, "application/json", '{"error":"not_found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
