import type { WebSocket } from "ws";
import type { Logger } from "../../observability/logger.js";
import { ByteFlusher } from "./byte-flusher.js";
import { END_CLOSE } from "./close-codes.js";
import type { GatewaySettings } from "./gateway.config.js";
import type { GatewayMetrics } from "./gateway.metrics.js";
import type { TunnelEndReason, TunnelGrant } from "./gateway.types.js";
import type { TunnelRecordStore } from "./tunnel-recorder.js";

/** Above this many unsent bytes towards the browser the desktop side is paused (back-pressure). */
const HIGH_WATER = 1024 * 1024;

export interface DesktopSide {
  /** Stop / restart reading from the desktop while the browser is slow. */
  pause(): void;
  resume(): void;
  close(): void;
}

/**
 * One browser tunnel: counts bytes both ways, pings the browser, closes idle tunnels, applies back-pressure and
 * writes the tunnel record once, whichever side ends first. Relays plug the desktop side in with `attach`.
 */
export class TunnelSession {
  bytesIn = 0;
  bytesOut = 0;
  private lastActivity = Date.now();
  private alive = true;
  private ended = false;
  private desktop: DesktopSide | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly flusher: ByteFlusher;
  private endedResolve!: () => void;
  // Bound once: a labelled lookup per frame is a hash of the labels on the hot path.
  private readonly bytesInCounter;
  private readonly bytesOutCounter;
  /** Resolves once the tunnel is closed and recorded. */
  readonly done = new Promise<void>((resolve) => {
    this.endedResolve = resolve;
  });

  constructor(
    readonly ws: WebSocket,
    readonly grant: TunnelGrant,
    private readonly recordId: string,
    settings: GatewaySettings,
    private readonly recorder: TunnelRecordStore,
    private readonly metrics: GatewayMetrics,
    private readonly logger: Logger,
  ) {
    this.bytesInCounter = metrics.bytes.labels({ protocol: grant.protocol, direction: "in" });
    this.bytesOutCounter = metrics.bytes.labels({ protocol: grant.protocol, direction: "out" });
    ws.on("pong", () => {
      this.alive = true;
    });
    ws.on("close", (code) => this.end(code === 1009 ? "message_too_big" : "client_closed"));
    ws.on("error", (error) => {
      // ws reports an oversized frame as an error and then closes with 1009.
      const tooBig = (error as { code?: string }).code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH";
      this.end(tooBig ? "message_too_big" : "error");
    });
    this.timers.push(
      setInterval(() => {
        if (!this.alive) return this.end("heartbeat_lost");
        this.alive = false;
        ws.ping();
      }, settings.heartbeatMs),
      setInterval(
        () => {
          if (Date.now() - this.lastActivity >= settings.idleTimeoutMs) this.end("idle_timeout");
        },
        Math.max(250, Math.min(settings.idleTimeoutMs / 4, 30_000)),
      ),
    );
    this.flusher = new ByteFlusher(
      recorder,
      { id: recordId, tenantId: grant.tenantId },
      () => ({ bytesIn: this.bytesIn, bytesOut: this.bytesOut }),
      settings.bytesFlushMs,
      logger,
    );
    metrics.openTunnels.inc({ protocol: grant.protocol, mode: "websocket" });
  }

  attach(desktop: DesktopSide): void {
    this.desktop = desktop;
    if (this.ended) desktop.close();
  }

  /** Counts what the browser sent (the relay forwards it). */
  receivedFromClient(bytes: number): void {
    this.bytesIn += bytes;
    this.lastActivity = Date.now();
    this.bytesInCounter.inc(bytes);
  }

  sendToClient(data: Buffer | string): void {
    if (this.ended) return;
    const size = typeof data === "string" ? Buffer.byteLength(data) : data.length;
    this.bytesOut += size;
    this.lastActivity = Date.now();
    this.bytesOutCounter.inc(size);
    const binary = typeof data !== "string";
    // A completion callback per frame is measurable at hundreds of MB/s; only a backlog needs one, and the callback
    // of the frame that crossed the mark fires when everything before it was flushed.
    if (this.ws.bufferedAmount + size <= HIGH_WATER) {
      this.ws.send(data, { binary });
      return;
    }
    this.desktop?.pause();
    this.ws.send(data, { binary }, () => this.desktop?.resume());
  }

  end(reason: TunnelEndReason): void {
    if (this.ended) return;
    this.ended = true;
    for (const timer of this.timers) clearInterval(timer);
    this.flusher.stop();
    this.desktop?.close();
    const { code, reason: text } = END_CLOSE[reason];
    if (reason === "heartbeat_lost") this.ws.terminate();
    else if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING)
      this.ws.close(code, text);
    this.metrics.openTunnels.dec({ protocol: this.grant.protocol, mode: "websocket" });
    this.logger.info(
      { tunnel: this.recordId, reason, bytesIn: this.bytesIn, bytesOut: this.bytesOut },
      "gateway tunnel closed",
    );
    this.recorder
      .close(this.recordId, this.grant.tenantId, { bytesIn: this.bytesIn, bytesOut: this.bytesOut, reason })
      .catch((error: unknown) => this.logger.error({ err: error, tunnel: this.recordId }, "recording tunnel failed"))
      .finally(() => this.endedResolve());
  }
}
