import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { RequestContext } from "../../context/request-context.js";
import { PageArgs } from "../../graphql/connection.js";
import { createCloud, deleteCloud, getCloud, listClouds, updateCloud } from "./clouds.service.js";
import { CloudConnection, CloudType, CreateCloudInput, UpdateCloudInput } from "./clouds.types.js";

@Resolver(() => CloudType)
export class CloudsResolver {
  @Query(() => CloudConnection)
  @RequirePermission("clouds:read")
  clouds(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs) {
    return listClouds(ctx, page);
  }

  @Query(() => CloudType)
  @RequirePermission("clouds:read")
  cloud(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return getCloud(ctx, id);
  }

  @Mutation(() => CloudType)
  @RequirePermission("clouds:write")
  createCloud(@Ctx() ctx: RequestContext, @Arg("input", () => CreateCloudInput) input: CreateCloudInput) {
    return createCloud(ctx, input);
  }

  @Mutation(() => CloudType)
  @RequirePermission("clouds:write")
  updateCloud(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateCloudInput) input: UpdateCloudInput,
  ) {
    return updateCloud(ctx, id, input);
  }

  @Mutation(() => CloudType)
  @RequirePermission("clouds:write")
  deleteCloud(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return deleteCloud(ctx, id);
  }
}
