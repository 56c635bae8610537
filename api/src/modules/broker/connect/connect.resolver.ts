import { UserPowerAction } from "@atrium/schema";
import { Arg, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../../auth/require-permission.js";
import type { Ctx } from "../../../context/ctx.js";
import { DesktopType } from "../../desktops/desktops.types.js";
import { connect } from "./connect.service.js";
import { ConnectInput, DesktopConnectionType, DesktopOfferType, ReleaseResultType } from "./connect.types.js";
import { myDesktops, powerMyDesktop, releaseMyDesktop } from "./desktop-actions.service.js";

@Resolver()
export class ConnectResolver {
  @Query(() => [DesktopOfferType], { description: "Desktops offered to you now (policy, location and time apply)." })
  @RequirePermission("desktops:use")
  myDesktops(@GqlCtx() ctx: Ctx) {
    return myDesktops(ctx);
  }

  @Mutation(() => DesktopConnectionType, {
    description: "Assigns a desktop atomically and returns how to connect. Fails with reason NO_DESKTOP_AVAILABLE.",
  })
  @RequirePermission("desktops:use")
  connect(@GqlCtx() ctx: Ctx, @Arg("input", () => ConnectInput) input: ConnectInput) {
    return connect(ctx, input);
  }

  @Mutation(() => ReleaseResultType, { description: "Gives a desktop you hold back." })
  @RequirePermission("desktops:use")
  releaseDesktop(@GqlCtx() ctx: Ctx, @Arg("desktopId", () => ID) desktopId: string) {
    return releaseMyDesktop(ctx, desktopId);
  }

  @Mutation(() => DesktopType, { description: "Start, stop or reboot a desktop you hold, if your policy allows." })
  @RequirePermission("desktops:use")
  powerMyDesktop(
    @GqlCtx() ctx: Ctx,
    @Arg("desktopId", () => ID) desktopId: string,
    @Arg("action", () => UserPowerAction) action: UserPowerAction,
  ) {
    return powerMyDesktop(ctx, desktopId, action);
  }
}
