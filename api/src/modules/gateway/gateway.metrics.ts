import { Counter, Gauge, type Registry } from "prom-client";

export interface GatewayMetrics {
  openTunnels: Gauge<"protocol" | "mode">;
  tunnels: Counter<"protocol" | "outcome">;
  bytes: Counter<"protocol" | "direction">;
}

/** Registered on the registry the caller passes in (the process's /metrics registry, or a test's own). */
export function createGatewayMetrics(registry: Registry): GatewayMetrics {
  return {
    openTunnels: new Gauge({
      name: "atrium_gateway_open_tunnels",
      help: "Tunnels and port forwards currently open on this gateway node",
      labelNames: ["protocol", "mode"],
      registers: [registry],
    }),
    tunnels: new Counter({
      name: "atrium_gateway_tunnels_total",
      help: "Tunnel attempts by outcome (opened, or the refusal reason)",
      labelNames: ["protocol", "outcome"],
      registers: [registry],
    }),
    bytes: new Counter({
      name: "atrium_gateway_bytes_total",
      help: "Bytes relayed; in = client to desktop, out = desktop to client",
      labelNames: ["protocol", "direction"],
      registers: [registry],
    }),
  };
}
