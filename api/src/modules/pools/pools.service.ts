import type { RequestContext } from "../../context/request-context.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";

const pools = (ctx: RequestContext) => ctx.db.pools;

export function listPools(ctx: RequestContext, page: PageArgs) {
  return paginate(pools(ctx).query("pool"), page, [{ property: "name", direction: "ASC" }]);
}

export function getPool(ctx: RequestContext, id: string) {
  return pools(ctx).getById(id);
}
