import type { Ctx } from "../../context/ctx.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";

/** A pool's provisioning events, newest first (a foreign or unknown pool is NOT_FOUND, not an empty page). */
export async function listPoolEvents(ctx: Ctx, poolId: string, page: PageArgs) {
  const pool = await ctx.db.pools.getById(poolId);
  const query = ctx.db.provisioningEvents.query("event");
  query.andWhere("event.poolId = :poolId", { poolId: pool.id });
  return paginate(query, page, [{ property: "createdAt", direction: "DESC" }]);
}
