import net from "node:net";
import type { Logger } from "../../../observability/logger.js";
import { normalizeIp } from "../../access/index.js";
import { ByteFlusher } from "../byte-flusher.js";
import type { GatewaySettings } from "../gateway.config.js";
import type { GatewayMetrics } from "../gateway.metrics.js";
import type { TunnelGrant } from "../gateway.types.js";
import type { TunnelRecordStore } from "../tunnel-recorder.js";

export interface OpenForward {
  host: string;
  port: number;
  /** When the port closes if nobody connects (it stays open while connected, then for the grace period). */
  closesIfUnusedAt: Date;
}

interface Forward {
  server: net.Server;
  grant: TunnelGrant;
  recordId: string;
  port: number;
  connections: Set<net.Socket>;
  bytesIn: number;
  bytesOut: number;
  grace: NodeJS.Timeout | null;
  flusher: ByteFlusher;
}

/** Same address whatever its spelling (`::ffff:10.0.0.1` from a dual-stack socket equals `10.0.0.1`). */
function sameAddress(a: string | undefined, b: string): boolean {
  const left = a ? normalizeIp(a) : null;
  return left !== null && left === normalizeIp(b);
}

/**
 * Native clients (mstsc, VNC viewers, ssh) cannot speak WebSocket: for them a ticket opens a TCP port from the
 * configured range that relays to the desktop and accepts connections only from the ticket's client address. The
 * port closes after the last connection ends plus a grace period (also if nobody ever connects).
 */
export class PortForwarder {
  private readonly forwards = new Map<number, Forward>();

  constructor(
    private readonly settings: GatewaySettings,
    private readonly recorder: TunnelRecordStore,
    private readonly metrics: GatewayMetrics,
    private readonly logger: Logger,
  ) {}

  get openCount(): number {
    return this.forwards.size;
  }

  async open(grant: TunnelGrant): Promise<OpenForward> {
    const server = net.createServer();
    const port = await this.listenInRange(server);
    const recordId = await this.recorder.open(grant, "forward", port);
    const forward: Forward = {
      server,
      grant,
      recordId,
      port,
      connections: new Set(),
      bytesIn: 0,
      bytesOut: 0,
      grace: null,
      // The same for a native client's long session as for a browser's: a dead node's record keeps real counts.
      flusher: new ByteFlusher(
        this.recorder,
        { id: recordId, tenantId: grant.tenantId },
        () => ({ bytesIn: forward.bytesIn, bytesOut: forward.bytesOut }),
        this.settings.bytesFlushMs,
        this.logger,
      ),
    };
    this.forwards.set(port, forward);
    this.metrics.openTunnels.inc({ protocol: grant.protocol, mode: "forward" });
    server.on("connection", (client) => this.accept(forward, client));
    this.armGrace(forward);
    this.logger.info({ port, desktop: grant.desktopId, client: grant.clientIp }, "port forward opened");
    return {
      host: this.settings.publicHost,
      port,
      closesIfUnusedAt: new Date(Date.now() + this.settings.forwardGraceMs),
    };
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.forwards.values()].map((forward) => this.close(forward, "gateway_shutdown")));
  }

  private accept(forward: Forward, client: net.Socket): void {
    if (!sameAddress(client.remoteAddress, forward.grant.clientIp)) {
      this.metrics.tunnels.inc({ protocol: forward.grant.protocol, outcome: "forward_wrong_source" });
      this.logger.warn({ port: forward.port, source: client.remoteAddress }, "port forward refused a foreign source");
      client.destroy();
      return;
    }
    if (forward.grace) clearTimeout(forward.grace);
    forward.grace = null;
    forward.connections.add(client);
    const desktop = net.connect(forward.grant.target);
    client.setNoDelay(true);
    desktop.setNoDelay(true);
    const { protocol } = forward.grant;
    client.on("data", (chunk: Buffer) => {
      forward.bytesIn += chunk.length;
      this.metrics.bytes.inc({ protocol, direction: "in" }, chunk.length);
    });
    desktop.on("data", (chunk: Buffer) => {
      forward.bytesOut += chunk.length;
      this.metrics.bytes.inc({ protocol, direction: "out" }, chunk.length);
    });
    client.pipe(desktop);
    desktop.pipe(client);
    const done = () => {
      client.destroy();
      desktop.destroy();
      if (forward.connections.delete(client) && forward.connections.size === 0) this.armGrace(forward);
    };
    client.on("error", done);
    client.on("close", done);
    desktop.on("error", done);
    desktop.on("close", done);
  }

  private armGrace(forward: Forward): void {
    forward.grace = setTimeout(() => void this.close(forward, "forward_grace_elapsed"), this.settings.forwardGraceMs);
  }

  private async close(forward: Forward, reason: "forward_grace_elapsed" | "gateway_shutdown"): Promise<void> {
    if (!this.forwards.delete(forward.port)) return;
    if (forward.grace) clearTimeout(forward.grace);
    forward.flusher.stop();
    for (const socket of forward.connections) socket.destroy();
    await new Promise<void>((resolve) => forward.server.close(() => resolve()));
    this.metrics.openTunnels.dec({ protocol: forward.grant.protocol, mode: "forward" });
    await this.recorder
      .close(forward.recordId, forward.grant.tenantId, { bytesIn: forward.bytesIn, bytesOut: forward.bytesOut, reason })
      .catch((error: unknown) => this.logger.error({ err: error, port: forward.port }, "recording forward failed"));
    this.logger.info({ port: forward.port, reason }, "port forward closed");
  }

  /** Tries the range from a random offset, skipping ports in use by us or anyone else on the host. */
  private async listenInRange(server: net.Server): Promise<number> {
    const { first, last } = this.settings.portRange;
    const size = last - first + 1;
    const offset = Math.floor(Math.random() * size);
    for (let index = 0; index < size; index++) {
      const port = first + ((offset + index) % size);
      if (this.forwards.has(port)) continue;
      const ok = await new Promise<boolean>((resolve) => {
        const onError = () => resolve(false);
        server.once("error", onError);
        server.listen(port, this.settings.forwardBind, () => {
          server.off("error", onError);
          resolve(true);
        });
      });
      if (ok) return port;
    }
    throw new Error("no free port left in the gateway's forwarding range");
  }
}
