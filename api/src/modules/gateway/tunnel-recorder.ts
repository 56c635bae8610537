import { type GatewayTunnelMode, Lease } from "@atrium/schema";
import { type DataSource, In, IsNull, LessThan, Like } from "typeorm";
import { acrossTenants, tenantDb } from "../../db/index.js";
import { acquireLease, releaseLease } from "../../jobs/leases.js";
import type { TunnelEndReason, TunnelGrant } from "./gateway.types.js";

export interface TunnelTotals {
  bytesIn: number;
  bytesOut: number;
  reason: TunnelEndReason;
}

export type TunnelBytes = Omit<TunnelTotals, "reason">;

/** Where tunnels are recorded, and how gateway nodes tell each other they are alive. */
export interface TunnelRecordStore {
  countOpen(tenantId: string, userId: string): Promise<number>;
  open(grant: TunnelGrant, mode: GatewayTunnelMode, listenPort?: number | null): Promise<string>;
  flush(id: string, tenantId: string, bytes: TunnelBytes): Promise<void>;
  close(id: string, tenantId: string, totals: TunnelTotals): Promise<void>;
  closeAbandoned(): Promise<number>;
  heartbeat(leaseMs: number): Promise<void>;
  closeLost(): Promise<number>;
  release(): Promise<void>;
}

const LEASE_PREFIX = "gateway:";

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

  /** The counts so far, on an open record only: a closed one already has its final counts. */
  async flush(id: string, tenantId: string, bytes: TunnelBytes): Promise<void> {
    await this.tunnels(tenantId).updateWhere("id = :id AND closed_at IS NULL", bytes, { id });
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

  /** Renews this node's liveness lease (or takes it again after a restart under the same node id). */
  async heartbeat(leaseMs: number): Promise<void> {
    await acquireLease(this.dataSource, `${LEASE_PREFIX}${this.node}`, this.node, leaseMs, { clock: this.clock });
  }

  /**
   * Closes the open records of gateway nodes whose liveness lease expired (killed, or cut off from the database):
   * their viewers lost the tunnel then. The byte counts stay as the dead node last flushed them. A node that never
   * held a lease (an older version) is left alone; its own restart closes its records.
   */
  async closeLost(): Promise<number> {
    const now = this.clock();
    const leases = this.dataSource.getRepository(Lease);
    const expired = await leases.findBy({ name: Like(`${LEASE_PREFIX}%`), expiresAt: LessThan(now) });
    const nodes = expired.map((lease) => lease.holder).filter((node) => node !== this.node);
    if (!nodes.length) return 0;
    const across = acrossTenants(this.dataSource.manager, "a gateway closes the tunnels of a dead gateway", "gateway");
    const open = await across.gatewayTunnels.findBy({ node: In(nodes), closedAt: IsNull() });
    let closed = 0;
    for (const row of open) {
      closed += await across.gatewayTunnels.updateWhere(
        "id = :id AND closed_at IS NULL",
        {
          closedAt: now,
          durationMs: Math.max(0, now.getTime() - row.openedAt.getTime()),
          closeReason: "gateway_lost",
        },
        { id: row.id },
      );
    }
    // Its records are closed: the lease has nothing more to say (the node takes a new one if it comes back).
    for (const lease of expired.filter((item) => nodes.includes(item.holder))) {
      await leases.delete({ name: lease.name, holder: lease.holder, expiresAt: LessThan(now) });
    }
    return closed;
  }

  /** Given up on a clean shutdown, after every tunnel of this node was closed. */
  async release(): Promise<void> {
    await releaseLease(this.dataSource, `${LEASE_PREFIX}${this.node}`, this.node);
  }
}
