import { Arg, Args, FieldResolver, Ctx as GqlCtx, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
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
  groups(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return listGroups(ctx, page);
  }

  @Query(() => GroupType)
  @RequirePermission("groups:read")
  group(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return getGroup(ctx, id);
  }

  @FieldResolver(() => UserConnection)
  members(@Root() group: GroupType, @GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return listGroupMembers(ctx, group.id, page);
  }

  @Mutation(() => GroupType)
  @RequirePermission("groups:write")
  createGroup(@GqlCtx() ctx: Ctx, @Arg("input", () => CreateGroupInput) input: CreateGroupInput) {
    return createGroup(ctx, input);
  }

  @Mutation(() => GroupType)
  @RequirePermission("groups:write")
  updateGroup(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateGroupInput) input: UpdateGroupInput,
  ) {
    return updateGroup(ctx, id, input);
  }

  @Mutation(() => GroupType)
  @RequirePermission("groups:write")
  deleteGroup(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return deleteGroup(ctx, id);
  }

  @Mutation(() => GroupType)
  @RequirePermission("groups:write")
  addGroupMember(
    @GqlCtx() ctx: Ctx,
    @Arg("groupId", () => ID) groupId: string,
    @Arg("userId", () => ID) userId: string,
  ) {
    return addGroupMember(ctx, groupId, userId);
  }

  @Mutation(() => GroupType)
  @RequirePermission("groups:write")
  removeGroupMember(
    @GqlCtx() ctx: Ctx,
    @Arg("groupId", () => ID) groupId: string,
    @Arg("userId", () => ID) userId: string,
  ) {
    return removeGroupMember(ctx, groupId, userId);
  }
}
