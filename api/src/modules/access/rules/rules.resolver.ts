import { Arg, Args, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../../auth/require-permission.js";
import type { Ctx } from "../../../context/ctx.js";
import { PageArgs } from "../../../graphql/connection.js";
import { EXPECTED_UPDATED_AT } from "../../../graphql/edit-args.js";
import { describeRule } from "./rule-view.js";
import { createRule, deleteRule, getRule, listRules, reorderRules, updateRule } from "./rules.service.js";
import { AssignmentRuleConnection, AssignmentRuleInput, AssignmentRuleType, RuleOrderInput } from "./rules.types.js";

@Resolver(() => AssignmentRuleType)
export class AssignmentRulesResolver {
  @Query(() => AssignmentRuleConnection, { description: "In evaluation order (position)." })
  @RequirePermission("broker:read")
  assignmentRules(
    @GqlCtx() ctx: Ctx,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("identityProviderId", () => ID, { nullable: true, description: "Only this provider's rules." })
    identityProviderId?: string | null,
  ) {
    return listRules(ctx, page, identityProviderId ?? undefined);
  }

  @Query(() => AssignmentRuleType)
  @RequirePermission("broker:read")
  async assignmentRule(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return describeRule(await getRule(ctx, id));
  }

  @Mutation(() => AssignmentRuleType)
  @RequirePermission("broker:write")
  async createAssignmentRule(@GqlCtx() ctx: Ctx, @Arg("input", () => AssignmentRuleInput) input: AssignmentRuleInput) {
    return describeRule(await createRule(ctx, input));
  }

  @Mutation(() => AssignmentRuleType)
  @RequirePermission("broker:write")
  async updateAssignmentRule(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => AssignmentRuleInput) input: AssignmentRuleInput,
    @Arg("expectedUpdatedAt", () => Date, EXPECTED_UPDATED_AT) expectedUpdatedAt?: Date | null,
  ) {
    return describeRule(await updateRule(ctx, id, input, expectedUpdatedAt));
  }

  @Mutation(() => [AssignmentRuleType], {
    description:
      "Puts all the tenant's rules in this order at once (positions 10, 20, …). Name every rule exactly once: " +
      "a list missing a rule added meanwhile is refused as a stale edit (CONFLICT, STALE_EDIT).",
  })
  @RequirePermission("broker:write")
  async reorderAssignmentRules(@GqlCtx() ctx: Ctx, @Arg("input", () => RuleOrderInput) input: RuleOrderInput) {
    return (await reorderRules(ctx, input.ids)).map(describeRule);
  }

  @Mutation(() => AssignmentRuleType)
  @RequirePermission("broker:write")
  async deleteAssignmentRule(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return describeRule(await deleteRule(ctx, id));
  }
}
