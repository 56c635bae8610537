import { Assignment, Desktop, type PoolEntitlement } from "@atrium/schema";
import { type EntityManager, In, IsNull } from "typeorm";

/** Enough for any real pool; bounds the work per offer/connect. */
const MAX_CANDIDATES = 1000;

/** Desktops of the entitlement's pool a user could be given now, best first per the entitlement's sort order. */
export async function candidateDesktops(
  manager: EntityManager,
  tenantId: string,
  entitlement: PoolEntitlement,
  userId: string,
): Promise<Desktop[]> {
  const rows = await manager.getRepository(Desktop).find({
    where: {
      tenantId,
      poolId: entitlement.poolId,
      availability: "available",
      assignedUserId: IsNull(),
      outOfService: false,
    },
    order: { seq: "ASC" },
    take: MAX_CANDIDATES,
  });
  // Without start-if-stopped a stopped desktop is useless to the user: do not offer it.
  const usable = entitlement.startIfStopped ? rows : rows.filter((row) => row.observedPowerState === "running");
  if (usable.length < 2 && entitlement.sortOrder !== "favor_previous") return usable;
  const history = await lastUse(
    manager,
    tenantId,
    entitlement.poolId,
    usable.map((row) => row.id),
  );
  const previous =
    entitlement.sortOrder === "favor_previous"
      ? await previousDesktopOf(manager, tenantId, entitlement.poolId, userId)
      : null;
  const used = (desktop: Desktop) => history.get(desktop.id) ?? 0;
  const compare: Record<PoolEntitlement["sortOrder"], (a: Desktop, b: Desktop) => number> = {
    favor_previous: (a, b) =>
      Number(b.id === previous) - Number(a.id === previous) || used(a) - used(b) || a.seq - b.seq,
    least_recently_used: (a, b) => used(a) - used(b) || a.seq - b.seq,
    oldest_first: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.seq - b.seq,
    favor_running: (a, b) =>
      Number(b.observedPowerState === "running") - Number(a.observedPowerState === "running") || a.seq - b.seq,
  };
  return [...usable].sort(compare[entitlement.sortOrder] ?? compare.least_recently_used);
}

async function lastUse(manager: EntityManager, tenantId: string, poolId: string, desktopIds: string[]) {
  const byDesktop = new Map<string, number>();
  if (desktopIds.length === 0) return byDesktop;
  const rows: { desktopId: string; last: Date | string }[] = await manager
    .getRepository(Assignment)
    .createQueryBuilder("a")
    .select("a.desktopId", "desktopId")
    .addSelect("MAX(a.assignedAt)", "last")
    .where("a.tenantId = :tenantId AND a.poolId = :poolId", { tenantId, poolId })
    .groupBy("a.desktopId")
    .getRawMany();
  const wanted = new Set(desktopIds);
  for (const row of rows) {
    if (wanted.has(row.desktopId)) byDesktop.set(row.desktopId, new Date(row.last).getTime());
  }
  return byDesktop;
}

/** The desktop the user had most recently in this pool (for "favour previous"). */
export async function previousDesktopOf(manager: EntityManager, tenantId: string, poolId: string, userId: string) {
  const last = await manager
    .getRepository(Assignment)
    .findOne({ where: { tenantId, poolId, userId }, order: { assignedAt: "DESC" } });
  return last?.desktopId ?? null;
}

/** Desktops currently assigned to the user, in the given pools. */
export function desktopsHeldBy(manager: EntityManager, tenantId: string, userId: string, poolIds?: string[]) {
  return manager.getRepository(Desktop).find({
    where: { tenantId, assignedUserId: userId, ...(poolIds ? { poolId: In(poolIds) } : {}) },
    order: { name: "ASC" },
  });
}
