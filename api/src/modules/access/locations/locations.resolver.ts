import type { Location as LocationEntity } from "@atrium/schema";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../../auth/require-permission.js";
import type { RequestContext } from "../../../context/request-context.js";
import { PageArgs } from "../../../graphql/connection.js";
import {
  createLocation,
  createMspLocation,
  deleteLocation,
  deleteMspLocation,
  getLocation,
  inheritedLocations,
  listLocations,
  listMspLocations,
  updateLocation,
  updateMspLocation,
} from "./locations.service.js";
import { CreateLocationInput, LocationConnection, LocationType, UpdateLocationInput } from "./locations.types.js";

@Resolver(() => LocationType)
export class LocationsResolver {
  @FieldResolver(() => Boolean)
  mspDefault(@Root() location: LocationEntity): boolean {
    return location.tenantId === null;
  }

  @Query(() => LocationConnection, { description: "The tenant's own locations." })
  @RequirePermission("broker:read")
  locations(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs) {
    return listLocations(ctx, page);
  }

  @Query(() => [LocationType], { description: "MSP default locations this tenant sees (not shadowed by name)." })
  @RequirePermission("broker:read")
  inheritedLocations(@Ctx() ctx: RequestContext) {
    return inheritedLocations(ctx);
  }

  @Query(() => LocationType)
  @RequirePermission("broker:read")
  location(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return getLocation(ctx, id);
  }

  @Mutation(() => LocationType)
  @RequirePermission("broker:write")
  createLocation(@Ctx() ctx: RequestContext, @Arg("input", () => CreateLocationInput) input: CreateLocationInput) {
    return createLocation(ctx, input);
  }

  @Mutation(() => LocationType)
  @RequirePermission("broker:write")
  updateLocation(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateLocationInput) input: UpdateLocationInput,
  ) {
    return updateLocation(ctx, id, input);
  }

  @Mutation(() => LocationType)
  @RequirePermission("broker:write")
  deleteLocation(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return deleteLocation(ctx, id);
  }

  @Query(() => [LocationType], { description: "MSP-wide default locations." })
  @RequirePermission("mspLocations:read")
  mspLocations(@Ctx() ctx: RequestContext) {
    return listMspLocations(ctx);
  }

  @Mutation(() => LocationType)
  @RequirePermission("mspLocations:write")
  createMspLocation(@Ctx() ctx: RequestContext, @Arg("input", () => CreateLocationInput) input: CreateLocationInput) {
    return createMspLocation(ctx, input);
  }

  @Mutation(() => LocationType)
  @RequirePermission("mspLocations:write")
  updateMspLocation(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateLocationInput) input: UpdateLocationInput,
  ) {
    return updateMspLocation(ctx, id, input);
  }

  @Mutation(() => LocationType)
  @RequirePermission("mspLocations:write")
  deleteMspLocation(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return deleteMspLocation(ctx, id);
  }
}
