import { Arg, Args, Ctx as GqlCtx, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../../auth/require-permission.js";
import type { Ctx } from "../../../context/ctx.js";
import { PageArgs } from "../../../graphql/connection.js";
import { listDesktopSessions } from "./sessions.service.js";
import { DesktopSessionConnection, DesktopSessionFilter, DesktopSessionType } from "./sessions.types.js";

@Resolver(() => DesktopSessionType)
export class DesktopSessionsResolver {
  @Query(() => DesktopSessionConnection, { description: "Desktop sessions of the tenant, newest first." })
  @RequirePermission("sessions:read")
  desktopSessions(
    @GqlCtx() ctx: Ctx,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => DesktopSessionFilter, { nullable: true }) filter?: DesktopSessionFilter,
  ) {
    return listDesktopSessions(ctx, page, filter);
  }
}
