import { MaxLength } from "class-validator";
import { Arg, Args, ArgsType, Field, Ctx as GqlCtx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { enterTenant, leaveTenant, refreshSession, signOut, signOutEverywhere, viewer } from "./sessions.service.js";
import { AuthPayload, Viewer } from "./sessions.types.js";

@ArgsType()
class RefreshArgs {
  @Field()
  @MaxLength(200)
  refreshToken: string;
}

@Resolver()
export class SessionsResolver {
  @Query(() => Viewer, { description: "The signed-in user." })
  @RequirePermission("self")
  me(@GqlCtx() ctx: Ctx): Promise<Viewer> {
    return viewer(ctx);
  }

  @Mutation(() => AuthPayload, { description: "Trades a refresh token for a new access token and refresh token." })
  @RequirePermission("public")
  refreshSession(@GqlCtx() ctx: Ctx, @Args(() => RefreshArgs) args: RefreshArgs): Promise<AuthPayload> {
    return refreshSession(ctx, args.refreshToken);
  }

  @Mutation(() => Boolean)
  @RequirePermission("self")
  signOut(@GqlCtx() ctx: Ctx): Promise<boolean> {
    return signOut(ctx);
  }

  @Mutation(() => Int, {
    description: "Ends every session of the signed-in user, this one included; answers how many were still open.",
  })
  @RequirePermission("self")
  signOutEverywhere(@GqlCtx() ctx: Ctx): Promise<number> {
    return signOutEverywhere(ctx);
  }

  @Mutation(() => Viewer, { description: "MSP staff: act inside one tenant (audited)." })
  @RequirePermission("tenants:enter")
  enterTenant(@GqlCtx() ctx: Ctx, @Arg("tenantId", () => ID) tenantId: string): Promise<Viewer> {
    return enterTenant(ctx, tenantId);
  }

  @Mutation(() => Viewer, { description: "MSP staff: return to the MSP-wide context." })
  @RequirePermission("tenants:enter")
  leaveTenant(@GqlCtx() ctx: Ctx): Promise<Viewer> {
    return leaveTenant(ctx);
  }
}
