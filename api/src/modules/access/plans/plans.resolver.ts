import { Arg, Args, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../../auth/require-permission.js";
import type { Ctx } from "../../../context/ctx.js";
import { PageArgs } from "../../../graphql/connection.js";
import { EXPECTED_UPDATED_AT } from "../../../graphql/edit-args.js";
import {
  powerPlanFields,
  powerPlans,
  protocolPlanFields,
  protocolPlans,
  releasePlanFields,
  releasePlans,
} from "./plans.service.js";
import {
  PowerPlanConnection,
  PowerPlanInput,
  PowerPlanType,
  ProtocolPlanConnection,
  ProtocolPlanInput,
  ProtocolPlanType,
  ReleasePlanConnection,
  ReleasePlanInput,
  ReleasePlanType,
} from "./plans.types.js";

@Resolver()
export class PlansResolver {
  @Query(() => ProtocolPlanConnection)
  @RequirePermission("broker:read")
  protocolPlans(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return protocolPlans.list(ctx, page);
  }

  @Query(() => ProtocolPlanType)
  @RequirePermission("broker:read")
  protocolPlan(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return protocolPlans.get(ctx, id);
  }

  @Mutation(() => ProtocolPlanType)
  @RequirePermission("broker:write")
  createProtocolPlan(@GqlCtx() ctx: Ctx, @Arg("input", () => ProtocolPlanInput) input: ProtocolPlanInput) {
    return protocolPlans.create(ctx, protocolPlanFields(input));
  }

  @Mutation(() => ProtocolPlanType)
  @RequirePermission("broker:write")
  updateProtocolPlan(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ProtocolPlanInput) input: ProtocolPlanInput,
    @Arg("expectedUpdatedAt", () => Date, EXPECTED_UPDATED_AT) expectedUpdatedAt?: Date | null,
  ) {
    return protocolPlans.update(ctx, id, protocolPlanFields(input), expectedUpdatedAt);
  }

  @Mutation(() => ProtocolPlanType)
  @RequirePermission("broker:write")
  deleteProtocolPlan(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return protocolPlans.remove(ctx, id);
  }

  @Query(() => PowerPlanConnection)
  @RequirePermission("broker:read")
  powerPlans(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return powerPlans.list(ctx, page);
  }

  @Query(() => PowerPlanType)
  @RequirePermission("broker:read")
  powerPlan(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return powerPlans.get(ctx, id);
  }

  @Mutation(() => PowerPlanType)
  @RequirePermission("broker:write")
  createPowerPlan(@GqlCtx() ctx: Ctx, @Arg("input", () => PowerPlanInput) input: PowerPlanInput) {
    return powerPlans.create(ctx, powerPlanFields(input));
  }

  @Mutation(() => PowerPlanType)
  @RequirePermission("broker:write")
  updatePowerPlan(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => PowerPlanInput) input: PowerPlanInput,
    @Arg("expectedUpdatedAt", () => Date, EXPECTED_UPDATED_AT) expectedUpdatedAt?: Date | null,
  ) {
    return powerPlans.update(ctx, id, powerPlanFields(input), expectedUpdatedAt);
  }

  @Mutation(() => PowerPlanType)
  @RequirePermission("broker:write")
  deletePowerPlan(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return powerPlans.remove(ctx, id);
  }

  @Query(() => ReleasePlanConnection)
  @RequirePermission("broker:read")
  releasePlans(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return releasePlans.list(ctx, page);
  }

  @Query(() => ReleasePlanType)
  @RequirePermission("broker:read")
  releasePlan(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return releasePlans.get(ctx, id);
  }

  @Mutation(() => ReleasePlanType)
  @RequirePermission("broker:write")
  createReleasePlan(@GqlCtx() ctx: Ctx, @Arg("input", () => ReleasePlanInput) input: ReleasePlanInput) {
    return releasePlans.create(ctx, releasePlanFields(input));
  }

  @Mutation(() => ReleasePlanType)
  @RequirePermission("broker:write")
  updateReleasePlan(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ReleasePlanInput) input: ReleasePlanInput,
    @Arg("expectedUpdatedAt", () => Date, EXPECTED_UPDATED_AT) expectedUpdatedAt?: Date | null,
  ) {
    return releasePlans.update(ctx, id, releasePlanFields(input), expectedUpdatedAt);
  }

  @Mutation(() => ReleasePlanType)
  @RequirePermission("broker:write")
  deleteReleasePlan(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return releasePlans.remove(ctx, id);
  }
}
