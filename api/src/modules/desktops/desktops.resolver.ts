import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { RequestContext } from "../../context/request-context.js";
import { PageArgs } from "../../graphql/connection.js";
import { PoolType } from "../pools/pools.types.js";
import { UserType } from "../users/users.types.js";
import { getDesktop, listDesktops } from "./desktops.service.js";
import { DesktopConnection, DesktopFilter, DesktopType } from "./desktops.types.js";

@Resolver(() => DesktopType)
export class DesktopsResolver {
  @Query(() => DesktopConnection)
  @RequirePermission("desktops:read")
  desktops(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => DesktopFilter, { nullable: true }) filter?: DesktopFilter,
  ) {
    return listDesktops(ctx, page, filter);
  }

  @Query(() => DesktopType)
  @RequirePermission("desktops:read")
  desktop(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return getDesktop(ctx, id);
  }

  @FieldResolver(() => [String])
  addresses(@Root() desktop: DesktopType): string[] {
    return desktop.addresses ?? [];
  }

  @FieldResolver(() => PoolType)
  async pool(@Root() desktop: DesktopType, @Ctx() ctx: RequestContext) {
    return ctx.loaders.pool.load(desktop.poolId);
  }

  @FieldResolver(() => UserType, { nullable: true })
  assignedUser(@Root() desktop: DesktopType, @Ctx() ctx: RequestContext) {
    return desktop.assignedUserId ? ctx.loaders.user.load(desktop.assignedUserId) : null;
  }
}
