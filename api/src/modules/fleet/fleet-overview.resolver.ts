import { Args, Ctx as GqlCtx, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { fleetOverview, tenantOverview } from "./fleet-overview.service.js";
import { FleetOverviewType, TenantOverviewArgs, TenantOverviewPageType } from "./fleet-overview.types.js";

@Resolver()
export class FleetOverviewResolver {
  @Query(() => FleetOverviewType, {
    description: "The MSP's landing page: fleet totals, each cloud's health and 30 days of sessions and sign-ins.",
  })
  @RequirePermission("tenants:read")
  fleetOverview(@GqlCtx() ctx: Ctx) {
    return fleetOverview(ctx);
  }

  @Query(() => TenantOverviewPageType, {
    description: "One page of the tenants with their desktops, sessions, usage this month, alerts and last sign-in.",
  })
  @RequirePermission("tenants:read")
  tenantOverview(@GqlCtx() ctx: Ctx, @Args(() => TenantOverviewArgs) args: TenantOverviewArgs) {
    return tenantOverview(ctx, args);
  }
}
