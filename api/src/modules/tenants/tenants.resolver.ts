import { Arg, Args, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { PageArgs } from "../../graphql/connection.js";
import { createTenant, currentTenant, deleteTenant, findTenant, listTenants, updateTenant } from "./tenants.service.js";
import { CreateTenantInput, TenantConnection, TenantType, UpdateTenantInput } from "./tenants.types.js";

@Resolver(() => TenantType)
export class TenantsResolver {
  @Query(() => TenantConnection)
  @RequirePermission("tenants:read")
  tenants(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return listTenants(ctx, page);
  }

  @Query(() => TenantType)
  @RequirePermission("tenants:read")
  tenant(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return findTenant(ctx, id);
  }

  @Query(() => TenantType, { description: "The tenant the caller is acting in." })
  @RequirePermission("tenant:read")
  currentTenant(@GqlCtx() ctx: Ctx) {
    return currentTenant(ctx);
  }

  @Mutation(() => TenantType)
  @RequirePermission("tenants:write")
  createTenant(@GqlCtx() ctx: Ctx, @Arg("input", () => CreateTenantInput) input: CreateTenantInput) {
    return createTenant(ctx, input);
  }

  @Mutation(() => TenantType)
  @RequirePermission("tenants:write")
  updateTenant(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateTenantInput) input: UpdateTenantInput,
  ) {
    return updateTenant(ctx, id, input);
  }

  @Mutation(() => TenantType)
  @RequirePermission("tenants:write")
  deleteTenant(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return deleteTenant(ctx, id);
  }
}
