import { ProvisioningEvent, type ProvisioningEventLevel } from "@atrium/schema";
import { type EntityManager, MoreThanOrEqual } from "typeorm";

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

/** Faults of the pool since `since`: what restraint compares with its threshold. */
export function countFaultsSince(manager: EntityManager, pool: { id: string; tenantId: string }, since: Date) {
  return manager.getRepository(ProvisioningEvent).countBy({
    tenantId: pool.tenantId,
    poolId: pool.id,
    kind: FAULT_KIND,
    createdAt: MoreThanOrEqual(since),
  });
}
