import { hostname } from "node:os";
import { Gauge, type Registry } from "prom-client";
import type { DataSource } from "typeorm";
import type { AppConfig } from "../config/env.js";
import { createDatabaseProbe, type DatabaseProbe } from "./database-probe.js";

/** The processes one installation is made of; `all` is `atrium start`, every role in one process. */
export type NodeRole = "api" | "worker" | "gateway" | "all";

/**
 * The setting that holds each separate role's HTTP port (/healthz, /readyz, /metrics answer there) and its default;
 * the deployment files in deploy/ are checked against this table.
 */
export const NODE_ROLE_PORTS = {
  api: { variable: "PORT", port: 4000 },
  worker: { variable: "WORKER_PORT", port: 4200 },
  gateway: { variable: "GATEWAY_PORT", port: 4100 },
} as const;

export interface Readiness {
  ready: boolean;
  status: "ready" | "draining" | "database unreachable";
}

/**
 * Who this process is and whether it still takes new work. Readiness is false from the first SIGTERM on (the load
 * balancer stops sending new requests and tunnels here while in-flight ones finish) and while the database does
 * not answer; liveness (/healthz) stays true until the process exits, so nothing restarts a draining node.
 */
export class NodeLifecycle {
  private drainingSince: Date | null = null;
  private readonly probes = new WeakMap<DataSource, DatabaseProbe>();

  constructor(
    readonly role: NodeRole,
    readonly nodeId: string,
  ) {}

  static of(config: AppConfig, role: NodeRole): NodeLifecycle {
    return new NodeLifecycle(role, config.ATRIUM_NODE_ID ?? `${hostname()}-${role}`.slice(0, 60));
  }

  /** Bound into every log line of the node. */
  get logBindings(): Record<string, string> {
    return { node: this.nodeId, role: this.role };
  }

  /**
   * Lease holders and job claims must differ between two processes even when an operator gives both the same node
   * id (or a restarted node reuses it while its predecessor's claims are still valid), so the pid goes in too.
   */
  get holderId(): string {
    return `${this.nodeId}-${process.pid}`;
  }

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  beginDrain(): void {
    this.drainingSince ??= new Date();
  }

  async readiness(dataSource: DataSource): Promise<Readiness> {
    if (this.draining) return { ready: false, status: "draining" };
    let probe = this.probes.get(dataSource);
    if (!probe) {
      probe = createDatabaseProbe(dataSource);
      this.probes.set(dataSource, probe);
    }
    return (await probe()) ? { ready: true, status: "ready" } : { ready: false, status: "database unreachable" };
  }

  /** `atrium_node_info{node,role} 1` and `atrium_node_draining`, so dashboards can group and spot drains. */
  registerMetrics(registry: Registry): void {
    if (registry.getSingleMetric("atrium_node_info")) return;
    const info = new Gauge({
      name: "atrium_node_info",
      help: "This node's id and role",
      labelNames: ["node", "role"],
      registers: [registry],
    });
    info.set({ node: this.nodeId, role: this.role }, 1);
    const draining: Gauge = new Gauge({
      name: "atrium_node_draining",
      help: "1 from the shutdown signal on, while in-flight work finishes",
      registers: [registry],
      collect: () => draining.set(this.draining ? 1 : 0),
    });
  }
}
