import { DesktopAction, DesktopAvailability } from "@atrium/schema";
import { Arg, Args, FieldResolver, Ctx as GqlCtx, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { effectiveAvailability } from "../../db/desktop-availability.js";
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
    @GqlCtx() ctx: Ctx,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => DesktopFilter, { nullable: true }) filter?: DesktopFilter,
  ) {
    return listDesktops(ctx, page, filter);
  }

  @Query(() => DesktopType)
  @RequirePermission("desktops:read")
  desktop(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return getDesktop(ctx, id);
  }

  @Mutation(() => DesktopType, {
    description: "Asks the controller to power, reboot, rebuild or terminate a desktop (audited).",
  })
  @RequirePermission("desktops:operate")
  desktopAction(
    @GqlCtx() ctx: Ctx,
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
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("outOfService", () => Boolean) outOfService: boolean,
  ) {
    return setDesktopOutOfService(ctx, id, outOfService);
  }

  @FieldResolver(() => DesktopAvailability)
  availability(@Root() desktop: DesktopType): DesktopAvailability {
    return effectiveAvailability(desktop);
  }

  @FieldResolver(() => [String])
  addresses(@Root() desktop: DesktopType): string[] {
    return desktop.addresses ?? [];
  }

  @FieldResolver(() => PoolType)
  async pool(@Root() desktop: DesktopType, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.pool.load(desktop.poolId);
  }

  @FieldResolver(() => UserType, { nullable: true })
  assignedUser(@Root() desktop: DesktopType, @GqlCtx() ctx: Ctx) {
    return desktop.assignedUserId ? ctx.loaders.user.load(desktop.assignedUserId) : null;
  }
}
