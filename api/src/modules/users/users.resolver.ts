import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { RequestContext } from "../../context/request-context.js";
import { PageArgs } from "../../graphql/connection.js";
import { createUser, deleteUser, getUser, listUsers, updateUser } from "./users.service.js";
import { CreateUserInput, UpdateUserInput, UserConnection, UserFilter, UserType } from "./users.types.js";

@Resolver(() => UserType)
export class UsersResolver {
  @Query(() => UserConnection)
  @RequirePermission("users:read")
  users(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => UserFilter, { nullable: true }) filter?: UserFilter,
  ) {
    return listUsers(ctx, page, filter);
  }

  @Query(() => UserType)
  @RequirePermission("users:read")
  user(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return getUser(ctx, id);
  }

  @Mutation(() => UserType)
  @RequirePermission("users:write")
  createUser(@Ctx() ctx: RequestContext, @Arg("input", () => CreateUserInput) input: CreateUserInput) {
    return createUser(ctx, input);
  }

  @Mutation(() => UserType)
  @RequirePermission("users:write")
  updateUser(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateUserInput) input: UpdateUserInput,
  ) {
    return updateUser(ctx, id, input);
  }

  @Mutation(() => UserType)
  @RequirePermission("users:write")
  deleteUser(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return deleteUser(ctx, id);
  }

  @FieldResolver(() => [String], { description: "Tenant roles granted directly and through groups." })
  roles(@Root() user: UserType, @Ctx() ctx: RequestContext): Promise<string[]> {
    return ctx.loaders.rolesOfUser.load(user.id);
  }
}
