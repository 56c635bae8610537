import { UsageGroupBy } from "@atrium/schema";
import { Arg, Args, Ctx as GqlCtx, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { PageArgs } from "../../graphql/connection.js";
import {
  MeterUsageArgs,
  MeterUsageResultType,
  UsageFilter,
  UsageRecordConnection,
  UsageSummaryRowType,
} from "./usage.types.js";
import { listUsageRecords, summarizeUsage } from "./usage-feed.service.js";
import { meterUsageOnDemand } from "./usage-on-demand.service.js";

@Resolver()
export class UsageResolver {
  @Query(() => UsageRecordConnection, {
    description:
      "The billing feed: hourly usage records, oldest hour first. MSP callers see every tenant (narrow with " +
      "tenantId); tenant callers and tenant-bound API keys see their own tenant only.",
  })
  @RequirePermission("billing:read")
  usageRecords(
    @GqlCtx() ctx: Ctx,
    @Arg("filter", () => UsageFilter) filter: UsageFilter,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    return listUsageRecords(ctx, filter, page);
  }

  @Query(() => [UsageSummaryRowType], {
    description: "Usage totals per combination of groupBy (none: one row of totals), with the same visibility.",
  })
  @RequirePermission("billing:read")
  usageSummary(
    @GqlCtx() ctx: Ctx,
    @Arg("filter", () => UsageFilter) filter: UsageFilter,
    @Arg("groupBy", () => [UsageGroupBy]) groupBy: UsageGroupBy[],
    @Arg("timeZone", () => String, { nullable: true, description: "IANA zone for DAY; default UTC." })
    timeZone?: string | null,
  ) {
    return summarizeUsage(ctx, filter, groupBy, timeZone ?? "UTC");
  }

  @Mutation(() => MeterUsageResultType, {
    description: "Re-meters closed hours now, replacing their usage records (at most 31 days per call).",
  })
  @RequirePermission("billing:meter")
  meterUsage(@GqlCtx() ctx: Ctx, @Args(() => MeterUsageArgs) args: MeterUsageArgs) {
    return meterUsageOnDemand(ctx, args);
  }
}
