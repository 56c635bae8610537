import type { Logger } from "../../observability/logger.js";
import type { TunnelBytes, TunnelRecordStore } from "./tunnel-recorder.js";

/**
 * Writes an open tunnel's byte counts to its record every so often, so that if this node dies the record keeps
 * the counts of the last flush (a surviving gateway closes it with them). Only changed counts are written.
 */
export class ByteFlusher {
  private flushed: TunnelBytes = { bytesIn: 0, bytesOut: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly recorder: TunnelRecordStore,
    private readonly record: { id: string; tenantId: string },
    private readonly counts: () => TunnelBytes,
    everyMs: number,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => this.flush(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private flush(): void {
    const bytes = this.counts();
    if (bytes.bytesIn === this.flushed.bytesIn && bytes.bytesOut === this.flushed.bytesOut) return;
    this.recorder
      .flush(this.record.id, this.record.tenantId, bytes)
      .then(() => {
        this.flushed = bytes;
      })
      .catch((error: unknown) =>
        this.logger.warn({ err: error, tunnel: this.record.id }, "flushing tunnel bytes failed"),
      );
  }
}
