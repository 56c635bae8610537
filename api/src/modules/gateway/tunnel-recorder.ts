import type { GatewayTunnelMode } from "@atrium/schema";
import { type DataSource, IsNull } from "typeorm";
import { acrossTenants, tenantDb } from "../../db/index.js";
import type { TunnelEndReason, TunnelGrant } from "./gateway.types.js";

export interface TunnelTotals {
  bytesIn: number;
  bytesOut: number;
  reason: TunnelEndReason;
}

/** Where tunnels are recorded; the gateway only needs these four operations. */
export interface TunnelRecordStore {
  countOpen(tenantId: string, userId: string): Promise<number>;
  open(grant: TunnelGrant, mode: GatewayTunnelMode, listenPort?: number | null): Promise<string>;
  close(id: string, tenantId: string, totals: TunnelTotals): Promise<void>;
  closeAbandoned(): Promise<number>;
}

/**
 * Writes the gateway_tunnel rows reports read (who, which desktop, bytes each way, how long, why it ended). Open rows
 * are also the cluster-wide count of a user's tunnels, since several gateway nodes share the database.
 */
export class TunnelRecorder implements TunnelRecordStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly node: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The tunnels of one tenant: the one the broker signed into the tunnel's ticket (`grant.tenantId`). */
  private tunnels(tenantId: string) {
    return tenantDb(this.dataSource.manager, tenantId).requireTenant().gatewayTunnels;
  }

  async countOpen(tenantId: string, userId: string): Promise<number> {
    return this.tunnels(tenantId).count({ userId, closedAt: IsNull() });
  }

  async open(grant: TunnelGrant, mode: GatewayTunnelMode, listenPort: number | null = null): Promise<string> {
    const row = await this.tunnels(grant.tenantId).insert({
      userId: grant.userId,
      desktopId: grant.desktopId,
      sessionId: grant.sessionId,
      ticketId: grant.ticketId,
      protocol: grant.protocol,
      mode,
      node: this.node,
      clientIp: grant.clientIp,
      listenPort,
      bytesIn: 0,
      bytesOut: 0,
      openedAt: this.clock(),
      closedAt: null,
      durationMs: null,
      closeReason: null,
    });
    return row.id;
  }

  async close(id: string, tenantId: string, totals: TunnelTotals): Promise<void> {
    const tunnels = this.tunnels(tenantId);
    const row = await tunnels.findOne({ id });
    if (!row || row.closedAt) return;
    const closedAt = this.clock();
    await tunnels.updateWhere(
      { id },
      {
        bytesIn: totals.bytesIn,
        bytesOut: totals.bytesOut,
        closedAt,
        durationMs: Math.max(0, closedAt.getTime() - row.openedAt.getTime()),
        closeReason: totals.reason,
      },
    );
  }

  /** A node that crashed left its rows open; on restart they are closed so they stop counting toward limits. */
  async closeAbandoned(): Promise<number> {
    const across = acrossTenants(
      this.dataSource.manager,
      "a restarted gateway node closes the tunnels it left open",
      "gateway",
    );
    return across.gatewayTunnels.updateWhere(
      "node = :node AND closed_at IS NULL",
      { closedAt: this.clock(), closeReason: "gateway_restart" },
      { node: this.node },
    );
  }
}
