import type { Desktop, PoolEntitlement } from "@atrium/schema";
import { In } from "typeorm";
import type { OneTenantDb } from "../../../db/index.js";

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
  db: OneTenantDb,
  entitlement: PoolEntitlement,
  userId: string,
  limit = MAX_CANDIDATES,
): Promise<Desktop[]> {
  const previous =
    entitlement.sortOrder === "favor_previous" ? await previousDesktopOf(db, entitlement.poolId, userId) : null;
  // The last use is a correlated subquery over the tenant's assignments (the door's predicate, like the outer query).
  const lastUse = db.assignments
    .query("a")
    .select("COALESCE(MAX(a.assignedAt), :epoch)")
    .andWhere("a.desktopId = d.id");
  const query = db.desktops
    .query("d")
    .addSelect(`(${lastUse.getQuery()})`, LAST_USED)
    .andWhere("d.poolId = :poolId", { poolId: entitlement.poolId })
    .andWhere("d.availability = 'available' AND d.assignedUserId IS NULL AND d.outOfService = :oos", { oos: false })
    .setParameters({ epoch: new Date(0), previous: previous ?? NO_DESKTOP })
    .limit(limit);
  // Without start-if-stopped a stopped desktop is useless to the user: do not offer it.
  if (!entitlement.startIfStopped) query.andWhere("d.observedPowerState = 'running'");
  for (const [expression, direction] of rankingOrder(entitlement.sortOrder)) query.addOrderBy(expression, direction);
  return query.getMany();
}

/** The desktop the user had most recently in this pool (for "favour previous"). */
export async function previousDesktopOf(db: OneTenantDb, poolId: string, userId: string) {
  const last = await db.assignments.findOne({ poolId, userId }, { order: { assignedAt: "DESC" } });
  return last?.desktopId ?? null;
}

/** Desktops currently assigned to the user, in the given pools. */
export function desktopsHeldBy(db: OneTenantDb, userId: string, poolIds?: string[]) {
  return db.desktops.find({
    where: { assignedUserId: userId, ...(poolIds ? { poolId: In(poolIds) } : {}) },
    order: { name: "ASC" },
  });
}
