import { ProvisioningEvent, type ProvisioningEventLevel } from "@atrium/schema";
import { type EntityManager, MoreThanOrEqual } from "typeorm";

export const FAULT_KIND = "fault";

export interface EventInput {
  kind: string;
  level: ProvisioningEventLevel;
  message: string;
  desktopId?: string | null;
}

export async function recordEvent(
  manager: EntityManager,
  pool: { id: string; tenantId: string },
  event: EventInput,
  at: Date,
): Promise<void> {
  await manager.getRepository(ProvisioningEvent).insert({
    tenantId: pool.tenantId,
    poolId: pool.id,
    desktopId: event.desktopId ?? null,
    kind: event.kind,
    level: event.level,
    message: event.message.slice(0, 2000),
    createdAt: at,
  });
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
