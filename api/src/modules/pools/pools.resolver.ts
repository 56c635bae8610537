import { Arg, Args, Ctx, ID, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { RequestContext } from "../../context/request-context.js";
import { PageArgs } from "../../graphql/connection.js";
import { getPool, listPools } from "./pools.service.js";
import { PoolConnection, PoolType } from "./pools.types.js";

@Resolver(() => PoolType)
export class PoolsResolver {
  @Query(() => PoolConnection)
  @RequirePermission("pools:read")
  pools(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs) {
    return listPools(ctx, page);
  }

  @Query(() => PoolType)
  @RequirePermission("pools:read")
  pool(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return getPool(ctx, id);
  }
}
