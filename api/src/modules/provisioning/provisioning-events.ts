import { type ProvisioningEvent, ProvisioningEventKind, type ProvisioningEventLevel } from "@atrium/schema";
import { MoreThanOrEqual } from "typeorm";
import type { TenantDb } from "../../db/index.js";
import { RESUMED_KIND } from "../pools/index.js";

export const FAULT_KIND = ProvisioningEventKind.FAULT;

export interface EventInput {
  kind: ProvisioningEventKind;
  level: ProvisioningEventLevel;
  message: string;
  desktopId?: string | null;
}

/** Collects a pass's events and writes them in one INSERT: hundreds of "ready" rows must not cost a round trip each. */
export function createEventBuffer(db: TenantDb, pool: { id: string }, clock: () => Date) {
  let pending: Omit<ProvisioningEvent, "id" | "tenantId">[] = [];
  return {
    add(event: EventInput): void {
      pending.push({
        poolId: pool.id,
        desktopId: event.desktopId ?? null,
        kind: event.kind,
        level: event.level,
        message: event.message.slice(0, 2000),
        createdAt: clock(),
      });
    },
    async flush(): Promise<void> {
      if (pending.length === 0) return;
      const rows = pending;
      pending = [];
      await db.provisioningEvents.insertMany(rows);
    },
  };
}

/**
 * Faults of the pool since `since`, or since the pool was last resumed if that is later: what restraint compares
 * with its threshold. Without the resume cut-off, the faults that paused the pool would pause it again on the first
 * pass after an admin resumes it, until they aged out of the window.
 */
export async function countFaultsSince(db: TenantDb, pool: { id: string }, since: Date) {
  const events = db.provisioningEvents;
  const scope = { poolId: pool.id };
  const resumed = await events.findOne(
    { ...scope, kind: RESUMED_KIND },
    { select: { id: true, createdAt: true }, order: { createdAt: "DESC" } },
  );
  const from = resumed && resumed.createdAt > since ? resumed.createdAt : since;
  return events.count({ ...scope, kind: FAULT_KIND, createdAt: MoreThanOrEqual(from) });
}
