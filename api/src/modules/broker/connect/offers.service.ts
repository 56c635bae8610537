import { Assignment, Desktop, type PoolEntitlement } from "@atrium/schema";
import { type EntityManager, In } from "typeorm";

/** Enough for any real pool; bounds the work of explain, which ranks every free desktop. */
export const MAX_CANDIDATES = 1000;

const LAST_USED = "last_used";
// Compared with desktop ids when the user has no previous desktop; a valid uuid that is nobody's.
const NO_DESKTOP = "00000000-0000-0000-0000-000000000000";

/** SQL order per sort order; never-used desktops rank before used ones (their last use counts as the epoch). */
function rankingOrder(sortOrder: PoolEntitlement["sortOrder"]): [string, "ASC" | "DESC"][] {
  const leastRecent: [string, "ASC"] = [LAST_USED, "ASC"];
  switch (sortOrder) {
    case "favor_previous":
      return [["CASE WHEN d.id = :previous THEN 0 ELSE 1 END", "ASC"], leastRecent, ["d.seq", "ASC"]];
    case "oldest_first":
      return [
        ["d.createdAt", "ASC"],
        ["d.seq", "ASC"],
      ];
    case "favor_running":
      return [
        ["CASE WHEN d.observedPowerState = 'running' THEN 0 ELSE 1 END", "ASC"],
        ["d.seq", "ASC"],
      ];
    default:
      return [leastRecent, ["d.seq", "ASC"]];
  }
}

/**
 * Desktops of the entitlement's pool a user could be given now, best first per the entitlement's sort order, at
 * most `limit` of them. The ranking happens in the database so a connect reads a handful of rows, not the pool.
 */
export async function candidateDesktops(
  manager: EntityManager,
  tenantId: string,
  entitlement: PoolEntitlement,
  userId: string,
  limit = MAX_CANDIDATES,
): Promise<Desktop[]> {
  const previous =
    entitlement.sortOrder === "favor_previous"
      ? await previousDesktopOf(manager, tenantId, entitlement.poolId, userId)
      : null;
  const query = manager
    .getRepository(Desktop)
    .createQueryBuilder("d")
    .addSelect(
      (sub) =>
        sub
          .select("COALESCE(MAX(a.assignedAt), :epoch)")
          .from(Assignment, "a")
          .where("a.tenantId = d.tenantId AND a.desktopId = d.id"),
      LAST_USED,
    )
    .where("d.tenantId = :tenantId AND d.poolId = :poolId", { tenantId, poolId: entitlement.poolId })
    .andWhere("d.availability = 'available' AND d.assignedUserId IS NULL AND d.outOfService = :oos", { oos: false })
    .setParameters({ epoch: new Date(0), previous: previous ?? NO_DESKTOP })
    .limit(limit);
  // Without start-if-stopped a stopped desktop is useless to the user: do not offer it.
  if (!entitlement.startIfStopped) query.andWhere("d.observedPowerState = 'running'");
  for (const [expression, direction] of rankingOrder(entitlement.sortOrder)) query.addOrderBy(expression, direction);
  return query.getMany();
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
