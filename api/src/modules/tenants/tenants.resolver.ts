import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { RequestContext } from "../../context/request-context.js";
import { PageArgs } from "../../graphql/connection.js";
import { createTenant, currentTenant, deleteTenant, findTenant, listTenants, updateTenant } from "./tenants.service.js";
import { CreateTenantInput, TenantConnection, TenantType, UpdateTenantInput } from "./tenants.types.js";

@Resolver(() => TenantType)
export class TenantsResolver {
  @Query(() => TenantConnection)
  @RequirePermission("tenants:read")
  tenants(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs) {
    return listTenants(ctx, page);
  }

  @Query(() => TenantType)
  @RequirePermission("tenants:read")
  tenant(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return findTenant(ctx, id);
  }

  @Query(() => TenantType, { description: "The tenant the caller is acting in." })
  @RequirePermission("tenant:read")
  currentTenant(@Ctx() ctx: RequestContext) {
    return currentTenant(ctx);
  }

  @Mutation(() => TenantType)
  @RequirePermission("tenants:write")
  createTenant(@Ctx() ctx: RequestContext, @Arg("input", () => CreateTenantInput) input: CreateTenantInput) {
    return createTenant(ctx, input);
  }

  @Mutation(() => TenantType)
  @RequirePermission("tenants:write")
  updateTenant(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateTenantInput) input: UpdateTenantInput,
  ) {
    return updateTenant(ctx, id, input);
  }

  @Mutation(() => TenantType)
  @RequirePermission("tenants:write")
  deleteTenant(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return deleteTenant(ctx, id);
  }
}
