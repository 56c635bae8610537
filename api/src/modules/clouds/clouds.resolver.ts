import { Arg, Args, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { PageArgs } from "../../graphql/connection.js";
import { cloudInventory, poolClouds, poolInventory } from "./cloud-inventory.service.js";
import { CloudInventoryType, PoolCloudType } from "./cloud-inventory.types.js";
import { createCloud, deleteCloud, getCloud, listClouds, testCloudConnection, updateCloud } from "./clouds.service.js";
import { CloudConnection, CloudType, CreateCloudInput, UpdateCloudInput } from "./clouds.types.js";

@Resolver(() => CloudType)
export class CloudsResolver {
  @Query(() => CloudConnection)
  @RequirePermission("clouds:read")
  clouds(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return listClouds(ctx, page);
  }

  @Query(() => CloudType)
  @RequirePermission("clouds:read")
  cloud(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return getCloud(ctx, id);
  }

  @Mutation(() => CloudType)
  @RequirePermission("clouds:write")
  createCloud(@GqlCtx() ctx: Ctx, @Arg("input", () => CreateCloudInput) input: CreateCloudInput) {
    return createCloud(ctx, input);
  }

  @Mutation(() => CloudType)
  @RequirePermission("clouds:write")
  updateCloud(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateCloudInput) input: UpdateCloudInput,
  ) {
    return updateCloud(ctx, id, input);
  }

  @Mutation(() => CloudType)
  @RequirePermission("clouds:write")
  deleteCloud(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return deleteCloud(ctx, id);
  }

  @Mutation(() => CloudType, { description: "Checks the stored credentials against the cloud and records the result." })
  @RequirePermission("clouds:write")
  testCloudConnection(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return testCloudConnection(ctx, id);
  }

  @Query(() => CloudInventoryType, { description: "Images, flavors, networks… of the cloud's service project." })
  @RequirePermission("clouds:read")
  cloudInventory(@GqlCtx() ctx: Ctx, @Arg("cloudId", () => ID) cloudId: string) {
    return cloudInventory(ctx, cloudId);
  }

  @Query(() => [PoolCloudType], { description: "Clouds the tenant admin may build pools on." })
  @RequirePermission("pools:write")
  poolClouds(@GqlCtx() ctx: Ctx) {
    return poolClouds(ctx);
  }

  @Query(() => CloudInventoryType, {
    description: "The pool form's pickers, as the tenant's own VHI project sees the cloud.",
  })
  @RequirePermission("pools:write")
  poolInventory(@GqlCtx() ctx: Ctx, @Arg("cloudId", () => ID) cloudId: string) {
    return poolInventory(ctx, cloudId);
  }
}
