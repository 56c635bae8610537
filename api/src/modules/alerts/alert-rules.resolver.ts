import { Arg, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import {
  createAlertRule,
  deleteAlertRule,
  listAlertRules,
  listAlerts,
  updateAlertRule,
} from "./alert-rules.service.js";
import { AlertRuleType, AlertStateType, CreateAlertRuleInput, UpdateAlertRuleInput } from "./alert-rules.types.js";

@Resolver(() => AlertRuleType)
export class AlertRulesResolver {
  @Query(() => [AlertRuleType], { description: "The caller's alert rules: the tenant's, or the MSP-wide ones." })
  @RequirePermission("reports:read")
  alertRules(@GqlCtx() ctx: Ctx) {
    return listAlertRules(ctx);
  }

  @Query(() => [AlertStateType], { description: "Alerts raised by the caller's rules, newest first (at most 200)." })
  @RequirePermission("reports:read")
  alerts(@GqlCtx() ctx: Ctx, @Arg("openOnly", { defaultValue: true }) openOnly: boolean) {
    return listAlerts(ctx, openOnly);
  }

  @Mutation(() => AlertRuleType)
  @RequirePermission("notifications:write")
  createAlertRule(@GqlCtx() ctx: Ctx, @Arg("input", () => CreateAlertRuleInput) input: CreateAlertRuleInput) {
    return createAlertRule(ctx, input);
  }

  @Mutation(() => AlertRuleType)
  @RequirePermission("notifications:write")
  updateAlertRule(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateAlertRuleInput) input: UpdateAlertRuleInput,
  ) {
    return updateAlertRule(ctx, id, input);
  }

  @Mutation(() => AlertRuleType)
  @RequirePermission("notifications:write")
  deleteAlertRule(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return deleteAlertRule(ctx, id);
  }
}
