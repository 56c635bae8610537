import type { Location as LocationEntity } from "@atrium/schema";
import { Arg, Args, FieldResolver, Ctx as GqlCtx, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../../auth/require-permission.js";
import type { Ctx } from "../../../context/ctx.js";
import { PageArgs } from "../../../graphql/connection.js";
import { EXPECTED_UPDATED_AT } from "../../../graphql/edit-args.js";
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
  locations(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return listLocations(ctx, page);
  }

  @Query(() => [LocationType], { description: "MSP default locations this tenant sees (not shadowed by name)." })
  @RequirePermission("broker:read")
  inheritedLocations(@GqlCtx() ctx: Ctx) {
    return inheritedLocations(ctx);
  }

  @Query(() => LocationType)
  @RequirePermission("broker:read")
  location(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return getLocation(ctx, id);
  }

  @Mutation(() => LocationType)
  @RequirePermission("broker:write")
  createLocation(@GqlCtx() ctx: Ctx, @Arg("input", () => CreateLocationInput) input: CreateLocationInput) {
    return createLocation(ctx, input);
  }

  @Mutation(() => LocationType)
  @RequirePermission("broker:write")
  updateLocation(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateLocationInput) input: UpdateLocationInput,
    @Arg("expectedUpdatedAt", () => Date, EXPECTED_UPDATED_AT) expectedUpdatedAt?: Date | null,
  ) {
    return updateLocation(ctx, id, input, expectedUpdatedAt);
  }

  @Mutation(() => LocationType)
  @RequirePermission("broker:write")
  deleteLocation(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return deleteLocation(ctx, id);
  }

  @Query(() => [LocationType], { description: "MSP-wide default locations." })
  @RequirePermission("mspLocations:read")
  mspLocations(@GqlCtx() ctx: Ctx) {
    return listMspLocations(ctx);
  }

  @Mutation(() => LocationType)
  @RequirePermission("mspLocations:write")
  createMspLocation(@GqlCtx() ctx: Ctx, @Arg("input", () => CreateLocationInput) input: CreateLocationInput) {
    return createMspLocation(ctx, input);
  }

  @Mutation(() => LocationType)
  @RequirePermission("mspLocations:write")
  updateMspLocation(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateLocationInput) input: UpdateLocationInput,
  ) {
    return updateMspLocation(ctx, id, input);
  }

  @Mutation(() => LocationType)
  @RequirePermission("mspLocations:write")
  deleteMspLocation(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return deleteMspLocation(ctx, id);
  }
}
