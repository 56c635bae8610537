import { DesktopAction } from "@atrium/schema";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { RequestContext } from "../../context/request-context.js";
import { PageArgs } from "../../graphql/connection.js";
import { PoolType } from "../pools/pools.types.js";
import { UserType } from "../users/users.types.js";
import { desktopAction, setDesktopOutOfService } from "./desktop-actions.service.js";
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

  @Mutation(() => DesktopType, {
    description: "Asks the controller to power, reboot, rebuild or terminate a desktop (audited).",
  })
  @RequirePermission("desktops:operate")
  desktopAction(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("action", () => DesktopAction) action: DesktopAction,
    @Arg("force", () => Boolean, {
      defaultValue: false,
      description: "Tenant admins only: rebuild or terminate even though the desktop is assigned.",
    })
    force: boolean,
  ) {
    return desktopAction(ctx, id, action, force);
  }

  @Mutation(() => DesktopType, { description: "Out-of-service desktops are not offered to users." })
  @RequirePermission("desktops:operate")
  setDesktopOutOfService(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("outOfService", () => Boolean) outOfService: boolean,
  ) {
    return setDesktopOutOfService(ctx, id, outOfService);
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
