import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { RequestContext } from "../../context/request-context.js";
import { PageArgs } from "../../graphql/connection.js";
import { UserConnection } from "../users/users.types.js";
import {
  addGroupMember,
  createGroup,
  deleteGroup,
  getGroup,
  listGroupMembers,
  listGroups,
  removeGroupMember,
  updateGroup,
} from "./groups.service.js";
import { CreateGroupInput, GroupConnection, GroupType, UpdateGroupInput } from "./groups.types.js";

@Resolver(() => GroupType)
export class GroupsResolver {
  @Query(() => GroupConnection)
  @RequirePermission("groups:read")
  groups(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs) {
    return listGroups(ctx, page);
  }

  @Query(() => GroupType)
  @RequirePermission("groups:read")
  group(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return getGroup(ctx, id);
  }

  @FieldResolver(() => UserConnection)
  members(@Root() group: GroupType, @Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs) {
    return listGroupMembers(ctx, group.id, page);
  }

  @Mutation(() => GroupType)
  @RequirePermission("groups:write")
  createGroup(@Ctx() ctx: RequestContext, @Arg("input", () => CreateGroupInput) input: CreateGroupInput) {
    return createGroup(ctx, input);
  }

  @Mutation(() => GroupType)
  @RequirePermission("groups:write")
  updateGroup(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateGroupInput) input: UpdateGroupInput,
  ) {
    return updateGroup(ctx, id, input);
  }

  @Mutation(() => GroupType)
  @RequirePermission("groups:write")
  deleteGroup(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return deleteGroup(ctx, id);
  }

  @Mutation(() => GroupType)
  @RequirePermission("groups:write")
  addGroupMember(
    @Ctx() ctx: RequestContext,
    @Arg("groupId", () => ID) groupId: string,
    @Arg("userId", () => ID) userId: string,
  ) {
    return addGroupMember(ctx, groupId, userId);
  }

  @Mutation(() => GroupType)
  @RequirePermission("groups:write")
  removeGroupMember(
    @Ctx() ctx: RequestContext,
    @Arg("groupId", () => ID) groupId: string,
    @Arg("userId", () => ID) userId: string,
  ) {
    return removeGroupMember(ctx, groupId, userId);
  }
}
