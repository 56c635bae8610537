import type { Ctx } from "../../context/ctx.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";

const pools = (ctx: Ctx) => ctx.db.pools;

export function listPools(ctx: Ctx, page: PageArgs) {
  return paginate(pools(ctx).query("pool"), page, [{ property: "name", direction: "ASC" }]);
}

export function getPool(ctx: Ctx, id: string) {
  return pools(ctx).getById(id);
}
