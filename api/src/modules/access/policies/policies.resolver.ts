import type { Policy } from "@atrium/schema";
import { Arg, Args, FieldResolver, Ctx as GqlCtx, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../../auth/require-permission.js";
import type { Ctx } from "../../../context/ctx.js";
import { PageArgs } from "../../../graphql/connection.js";
import { EXPECTED_UPDATED_AT } from "../../../graphql/edit-args.js";
import {
  createPolicy,
  deletePolicy,
  entitlementsOf,
  getPolicy,
  listPolicies,
  updatePolicy,
} from "./policies.service.js";
import {
  CreatePolicyInput,
  PolicyConnection,
  PolicyType,
  PoolEntitlementType,
  UpdatePolicyInput,
} from "./policies.types.js";

@Resolver(() => PolicyType)
export class PoliciesResolver {
  @FieldResolver(() => [PoolEntitlementType])
  entitlements(@Root() policy: Policy, @GqlCtx() ctx: Ctx) {
    return entitlementsOf(ctx, policy);
  }

  @Query(() => PolicyConnection)
  @RequirePermission("broker:read")
  policies(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return listPolicies(ctx, page);
  }

  @Query(() => PolicyType)
  @RequirePermission("broker:read")
  policy(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return getPolicy(ctx, id);
  }

  @Mutation(() => PolicyType)
  @RequirePermission("broker:write")
  createPolicy(@GqlCtx() ctx: Ctx, @Arg("input", () => CreatePolicyInput) input: CreatePolicyInput) {
    return createPolicy(ctx, input);
  }

  @Mutation(() => PolicyType)
  @RequirePermission("broker:write")
  updatePolicy(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdatePolicyInput) input: UpdatePolicyInput,
    @Arg("expectedUpdatedAt", () => Date, EXPECTED_UPDATED_AT) expectedUpdatedAt?: Date | null,
  ) {
    return updatePolicy(ctx, id, input, expectedUpdatedAt);
  }

  @Mutation(() => PolicyType)
  @RequirePermission("broker:write")
  deletePolicy(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return deletePolicy(ctx, id);
  }
}
