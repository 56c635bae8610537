import { UsageGroupBy } from "@atrium/schema";
import { Arg, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { UsageFilter } from "../metering/usage.types.js";
import { findPriceList, setPriceList } from "./price-list.service.js";
import { PriceListType, SetPriceListInput } from "./price-list.types.js";
import { usageCharges } from "./usage-charges.service.js";
import { UsageChargeRowType } from "./usage-charges.types.js";

@Resolver()
export class BillingResolver {
  @Query(() => PriceListType, {
    nullable: true,
    description:
      "A tenant's price list, null when it has none. MSP callers name the tenant; tenant callers read their own.",
  })
  @RequirePermission("billing:read")
  priceList(@GqlCtx() ctx: Ctx, @Arg("tenantId", () => ID, { nullable: true }) tenantId?: string | null) {
    return findPriceList(ctx, tenantId);
  }

  @Query(() => [UsageChargeRowType], {
    description:
      "Usage totals per tenant and each combination of groupBy, priced with each tenant's price list (the invoice " +
      "lines); the quantities equal usageSummary's for the same filter. Same visibility as usageSummary.",
  })
  @RequirePermission("billing:read")
  usageCharges(
    @GqlCtx() ctx: Ctx,
    @Arg("filter", () => UsageFilter) filter: UsageFilter,
    @Arg("groupBy", () => [UsageGroupBy], { defaultValue: [] }) groupBy: UsageGroupBy[],
    @Arg("timeZone", () => String, { nullable: true, description: "IANA zone for DAY; default UTC." })
    timeZone?: string | null,
  ) {
    return usageCharges(ctx, filter, groupBy, timeZone ?? "UTC");
  }

  @Mutation(() => PriceListType, { description: "Creates or replaces a tenant's price list (audited)." })
  @RequirePermission("billing:write")
  setPriceList(@GqlCtx() ctx: Ctx, @Arg("input", () => SetPriceListInput) input: SetPriceListInput) {
    return setPriceList(ctx, input);
  }
}
