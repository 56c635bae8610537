import { Role } from "@atrium/schema";
import { Arg, Args, FieldResolver, Ctx as GqlCtx, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { PageArgs } from "../../graphql/connection.js";
import { LoginEventType } from "../identity/identity-providers.types.js";
import {
  groupNamesOf,
  lockedUntil,
  mfaEnrolled,
  recentSignIns,
  resetUserMfa,
  signOutUserEverywhere,
  unlockUser,
} from "./user-support.service.js";
import { createUser, deleteUser, getUser, listUsers, updateUser } from "./users.service.js";
import { CreateUserInput, UpdateUserInput, UserConnection, UserFilter, UserType } from "./users.types.js";

@Resolver(() => UserType)
export class UsersResolver {
  @Query(() => UserConnection)
  @RequirePermission("users:read")
  users(
    @GqlCtx() ctx: Ctx,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => UserFilter, { nullable: true }) filter?: UserFilter,
  ) {
    return listUsers(ctx, page, filter);
  }

  @Query(() => UserType)
  @RequirePermission("users:read")
  user(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return getUser(ctx, id);
  }

  @Mutation(() => UserType)
  @RequirePermission("users:write")
  createUser(@GqlCtx() ctx: Ctx, @Arg("input", () => CreateUserInput) input: CreateUserInput) {
    return createUser(ctx, input);
  }

  @Mutation(() => UserType)
  @RequirePermission("users:write")
  updateUser(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateUserInput) input: UpdateUserInput,
  ) {
    return updateUser(ctx, id, input);
  }

  @Mutation(() => UserType)
  @RequirePermission("users:write")
  deleteUser(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return deleteUser(ctx, id);
  }

  @Mutation(() => UserType, { description: "Ends every session of the user: their tokens stop working at once." })
  @RequirePermission("users:support")
  signOutUserEverywhere(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return signOutUserEverywhere(ctx, id);
  }

  @Mutation(() => UserType, { description: "Lifts the user's sign-in lockout and forgets their failed attempts." })
  @RequirePermission("users:support")
  unlockUser(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return unlockUser(ctx, id);
  }

  @Mutation(() => UserType, {
    description: "Removes the user's authenticator and recovery codes: they enrol a new one at their next sign-in.",
  })
  @RequirePermission("users:support")
  resetUserMfa(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return resetUserMfa(ctx, id);
  }

  @FieldResolver(() => Date, { nullable: true, description: "When the sign-in lockout ends; null when not locked." })
  lockedUntil(@Root() user: UserType, @GqlCtx() ctx: Ctx) {
    return lockedUntil(ctx, user as UserType & { tenantId: string | null });
  }

  @FieldResolver(() => Boolean, { description: "Whether an authenticator app is enrolled." })
  mfaEnrolled(@Root() user: UserType, @GqlCtx() ctx: Ctx) {
    return mfaEnrolled(ctx, user as UserType & { tenantId: string | null });
  }

  @FieldResolver(() => [Role], { description: "Tenant roles granted directly and through groups." })
  roles(@Root() user: UserType, @GqlCtx() ctx: Ctx): Promise<Role[]> {
    return ctx.loaders.rolesOfUser.load(user.id);
  }

  @FieldResolver(() => [String], { description: "Names of the groups the user is a member of." })
  groups(@Root() user: UserType, @GqlCtx() ctx: Ctx) {
    return groupNamesOf(ctx, user.id);
  }

  @FieldResolver(() => [LoginEventType], {
    description: "The user's sign-in attempts, failures included, newest first.",
  })
  recentSignIns(
    @Root() user: UserType,
    @GqlCtx() ctx: Ctx,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
  ) {
    return recentSignIns(ctx, user.id, Math.min(Math.max(first, 1), 50));
  }
}
