import { ProvisioningEvent, type ProvisioningEventLevel } from "@atrium/schema";
import { type EntityManager, MoreThanOrEqual } from "typeorm";
import { RESUMED_KIND } from "../pools/index.js";

export const FAULT_KIND = "fault";

export interface EventInput {
  kind: string;
  level: ProvisioningEventLevel;
  message: string;
  desktopId?: string | null;
}

/** Collects a pass's events and writes them in one INSERT: hundreds of "ready" rows must not cost a round trip each. */
export function createEventBuffer(manager: EntityManager, pool: { id: string; tenantId: string }, clock: () => Date) {
  let pending: Partial<ProvisioningEvent>[] = [];
  return {
    add(event: EventInput): void {
      pending.push({
        tenantId: pool.tenantId,
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
      await manager.getRepository(ProvisioningEvent).insert(rows);
    },
  };
}

/**
 * Faults of the pool since `since`, or since the pool was last resumed if that is later: what restraint compares
 * with its threshold. Without the resume cut-off, the faults that paused the pool would pause it again on the first
 * pass after an admin resumes it, until they aged out of the window.
 */
export async function countFaultsSince(manager: EntityManager, pool: { id: string; tenantId: string }, since: Date) {
  const events = manager.getRepository(ProvisioningEvent);
  const scope = { tenantId: pool.tenantId, poolId: pool.id };
  const resumed = await events.findOne({
    select: { id: true, createdAt: true },
    where: { ...scope, kind: RESUMED_KIND },
    order: { createdAt: "DESC" },
  });
  const from = resumed && resumed.createdAt > since ? resumed.createdAt : since;
  return events.countBy({ ...scope, kind: FAULT_KIND, createdAt: MoreThanOrEqual(from) });
}
