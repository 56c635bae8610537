import type { Desktop } from "@atrium/schema";
import type { TenantDb } from "../../db/index.js";

/**
 * Columns a pass writes in bulk: what the cloud reported and what a create answered. All are strings (simple-json
 * is text) on both dialects, so the VALUES list needs no per-type casts; everything else goes through `patchDesktop`.
 */
export const BULK_COLUMNS = [
  "serverId",
  "addresses",
  "observedPowerState",
  "serverStatus",
  "provisioningState",
  "availability",
  "lastError",
  "imageRef",
] as const;

export type BulkDesktopPatch = Partial<Pick<Desktop, (typeof BULK_COLUMNS)[number]>>;

export interface DesktopWriteBuffer {
  /** Applies the patch to the in-memory desktop now and queues its write. */
  add(desktop: Desktop, patch: BulkDesktopPatch): void;
  /** Removes and returns what is queued for one desktop (an immediate write of it takes it along). */
  take(desktopId: string): BulkDesktopPatch | undefined;
  readonly size: number;
  /** Writes everything queued: one statement per set of columns (and per parameter-limit chunk). */
  flush(): Promise<void>;
}

/**
 * A pass observes and creates hundreds of desktops; a round trip each to an embedded database stalls the event
 * loop that also paces the cloud requests. Queued writes are safe to lose: observations are repeated by the next
 * listing, and a server id that was never written is found again by the create's marker tag.
 */
export function createDesktopWriteBuffer(db: TenantDb): DesktopWriteBuffer {
  const pending = new Map<string, BulkDesktopPatch>();
  return {
    add(desktop, patch) {
      Object.assign(desktop, patch);
      pending.set(desktop.id, { ...pending.get(desktop.id), ...patch });
    },
    take(desktopId) {
      const patch = pending.get(desktopId);
      pending.delete(desktopId);
      return patch;
    },
    get size() {
      return pending.size;
    },
    async flush() {
      if (pending.size === 0) return;
      const rows = [...pending].map(([id, patch]) => ({ id, patch }));
      pending.clear();
      // One UPDATE … FROM (VALUES …) per set of columns (and per parameter-limit chunk), tenant predicate inside.
      await db.desktops.updateMany(rows);
    },
  };
}
