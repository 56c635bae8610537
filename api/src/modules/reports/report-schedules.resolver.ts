import { Arg, Args, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { PageArgs } from "../../graphql/connection.js";
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listDeliveries,
  listSchedules,
  sendReportNow,
  updateSchedule,
} from "./report-schedules.service.js";
import {
  CreateReportScheduleInput,
  ReportDeliveryConnection,
  ReportDeliveryType,
  ReportScheduleType,
  UpdateReportScheduleInput,
} from "./report-schedules.types.js";

@Resolver(() => ReportScheduleType)
export class ReportSchedulesResolver {
  @Query(() => [ReportScheduleType], { description: "The caller's schedules: the tenant's, or the MSP-wide ones." })
  @RequirePermission("reports:read")
  reportSchedules(@GqlCtx() ctx: Ctx) {
    return listSchedules(ctx);
  }

  @Query(() => ReportScheduleType)
  @RequirePermission("reports:read")
  reportSchedule(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return getSchedule(ctx, id);
  }

  @Query(() => ReportDeliveryConnection, { description: "The schedule's delivery log, newest first." })
  @RequirePermission("reports:read")
  reportDeliveries(
    @GqlCtx() ctx: Ctx,
    @Arg("scheduleId", () => ID) scheduleId: string,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    return listDeliveries(ctx, scheduleId, page);
  }

  @Mutation(() => ReportScheduleType)
  @RequirePermission("notifications:write")
  createReportSchedule(
    @GqlCtx() ctx: Ctx,
    @Arg("input", () => CreateReportScheduleInput) input: CreateReportScheduleInput,
  ) {
    return createSchedule(ctx, input);
  }

  @Mutation(() => ReportScheduleType)
  @RequirePermission("notifications:write")
  updateReportSchedule(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateReportScheduleInput) input: UpdateReportScheduleInput,
  ) {
    return updateSchedule(ctx, id, input);
  }

  @Mutation(() => ReportScheduleType)
  @RequirePermission("notifications:write")
  deleteReportSchedule(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return deleteSchedule(ctx, id);
  }

  @Mutation(() => ReportDeliveryType, {
    description: "Mails the last complete period now; the returned log entry shows the outcome once the job ran.",
  })
  @RequirePermission("notifications:write")
  sendReportNow(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return sendReportNow(ctx, id);
  }
}
