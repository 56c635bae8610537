import type { Pool } from "@atrium/schema";
import { Arg, Args, FieldResolver, Ctx as GqlCtx, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { PageArgs } from "../../graphql/connection.js";
import { poolCountsLoader } from "./pool-counts.loader.js";
import { listPoolEvents } from "./pool-events.service.js";
import { ProvisioningEventConnection } from "./pool-events.types.js";
import { CreatePoolInput, UpdatePoolInput } from "./pool-inputs.types.js";
import { createPool, deletePool, pausePool, resumePool, updatePool } from "./pool-mutations.service.js";
import { getPool, listPools } from "./pools.service.js";
import {
  PoolConnection,
  PoolDesktopCountsType,
  PoolDesktopLoginType,
  PoolDomainJoinType,
  PoolScheduleWindowType,
  PoolType,
} from "./pools.types.js";

@Resolver(() => PoolType)
export class PoolsResolver {
  @Query(() => PoolConnection)
  @RequirePermission("pools:read")
  pools(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return listPools(ctx, page);
  }

  @Query(() => PoolType)
  @RequirePermission("pools:read")
  pool(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return getPool(ctx, id);
  }

  @Query(() => ProvisioningEventConnection, { description: "The pool controller's events for a pool, newest first." })
  @RequirePermission("pools:read")
  poolEvents(@GqlCtx() ctx: Ctx, @Arg("poolId", () => ID) poolId: string, @Args(() => PageArgs) page: PageArgs) {
    return listPoolEvents(ctx, poolId, page);
  }

  @Mutation(() => PoolType)
  @RequirePermission("pools:write")
  createPool(@GqlCtx() ctx: Ctx, @Arg("input", () => CreatePoolInput) input: CreatePoolInput) {
    return createPool(ctx, input);
  }

  @Mutation(() => PoolType)
  @RequirePermission("pools:write")
  updatePool(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdatePoolInput) input: UpdatePoolInput,
  ) {
    return updatePool(ctx, id, input);
  }

  @Mutation(() => PoolType, {
    description: "Starts draining: the controller removes the unassigned desktops, then the pool (status draining).",
  })
  @RequirePermission("pools:write")
  deletePool(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return deletePool(ctx, id);
  }

  @Mutation(() => PoolType, { description: "Stops growing and scaling; desktops keep running." })
  @RequirePermission("pools:write")
  pausePool(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return pausePool(ctx, id);
  }

  @Mutation(() => PoolType)
  @RequirePermission("pools:write")
  resumePool(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return resumePool(ctx, id);
  }

  @FieldResolver(() => [PoolScheduleWindowType])
  schedule(@Root() pool: Pool): PoolScheduleWindowType[] {
    return pool.schedule ?? [];
  }

  @FieldResolver(() => PoolDomainJoinType, { nullable: true })
  domainJoin(@Root() pool: Pool): PoolDomainJoinType | null {
    const join = pool.domainJoin;
    return join ? { domain: join.domain, ou: join.ou, username: join.username, passwordSet: !!join.passwordEnc } : null;
  }

  @FieldResolver(() => PoolDesktopLoginType, { nullable: true })
  desktopLogin(@Root() pool: Pool): PoolDesktopLoginType | null {
    const login = pool.desktopLogin;
    return login
      ? { username: login.username, passwordSet: !!login.passwordEnc, privateKeySet: !!login.privateKeyEnc }
      : null;
  }

  @FieldResolver(() => PoolDesktopCountsType)
  desktopCounts(@Root() pool: Pool, @GqlCtx() ctx: Ctx) {
    return poolCountsLoader(ctx).load(pool.id);
  }
}
