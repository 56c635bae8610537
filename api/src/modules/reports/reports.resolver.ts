import { Arg, Args, Ctx as GqlCtx, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { assignmentHistoryPage, brokerMetrics, loginHistoryPage } from "./report-queries.service.js";
import {
  AssignmentHistoryConnection,
  BrokerMetricsType,
  LoginHistoryConnection,
  ReportPageArgs,
  ReportRangeInput,
} from "./reports.types.js";

/** The report data behind the portal's charts: the caller's tenant, or every tenant for MSP staff outside one. */
@Resolver()
export class ReportsResolver {
  @Query(() => LoginHistoryConnection, { description: "Sign-in attempts in the period, oldest first." })
  @RequirePermission("reports:read")
  loginHistory(@GqlCtx() ctx: Ctx, @Args(() => ReportPageArgs) args: ReportPageArgs) {
    return loginHistoryPage(ctx, args);
  }

  @Query(() => AssignmentHistoryConnection, { description: "Assignments that overlapped the period, by start." })
  @RequirePermission("reports:read")
  assignmentHistory(@GqlCtx() ctx: Ctx, @Args(() => ReportPageArgs) args: ReportPageArgs) {
    return assignmentHistoryPage(ctx, args);
  }

  @Query(() => BrokerMetricsType, { description: "Logins and connects per hour, pool utilisation, capacity." })
  @RequirePermission("reports:read")
  brokerMetrics(@GqlCtx() ctx: Ctx, @Arg("range", () => ReportRangeInput) range: ReportRangeInput) {
    return brokerMetrics(ctx, range);
  }
}
