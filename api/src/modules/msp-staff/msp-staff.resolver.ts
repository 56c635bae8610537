import { MspRole } from "@atrium/schema";
import { Arg, Args, FieldResolver, Ctx as GqlCtx, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { PageArgs } from "../../graphql/connection.js";
import {
  createMspStaff,
  getMspStaff,
  listMspStaff,
  mspRolesOf,
  mspStaffMfaEnrolled,
  resetMspStaffMfa,
  resetMspStaffPassword,
  updateMspStaff,
} from "./msp-staff.service.js";
import {
  CreateMspStaffInput,
  MspStaffConnection,
  MspStaffMemberType,
  ResetMspStaffPasswordInput,
  UpdateMspStaffInput,
} from "./msp-staff.types.js";

@Resolver(() => MspStaffMemberType)
export class MspStaffResolver {
  @Query(() => MspStaffConnection, { description: "The MSP's own staff accounts." })
  @RequirePermission("mspStaff:read")
  mspStaff(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return listMspStaff(ctx, page);
  }

  @Query(() => MspStaffMemberType)
  @RequirePermission("mspStaff:read")
  mspStaffMember(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return getMspStaff(ctx, id);
  }

  @Mutation(() => MspStaffMemberType, {
    description: "Creates an MSP staff account with one role; `invite` e-mails where to sign in (never the password).",
  })
  @RequirePermission("mspStaff:write")
  createMspStaff(@GqlCtx() ctx: Ctx, @Arg("input", () => CreateMspStaffInput) input: CreateMspStaffInput) {
    return createMspStaff(ctx, input);
  }

  @Mutation(() => MspStaffMemberType, {
    description: "Changes role, details, MFA requirement or disables the account.",
  })
  @RequirePermission("mspStaff:write")
  updateMspStaff(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateMspStaffInput) input: UpdateMspStaffInput,
  ) {
    return updateMspStaff(ctx, id, input);
  }

  @Mutation(() => MspStaffMemberType, { description: "Sets a new password and ends the person's sessions." })
  @RequirePermission("mspStaff:write")
  resetMspStaffPassword(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ResetMspStaffPasswordInput) input: ResetMspStaffPasswordInput,
  ) {
    return resetMspStaffPassword(ctx, id, input.password);
  }

  @Mutation(() => MspStaffMemberType, {
    description: "Removes the person's authenticator: they enrol a new one at their next sign-in.",
  })
  @RequirePermission("mspStaff:write")
  resetMspStaffMfa(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return resetMspStaffMfa(ctx, id);
  }

  @FieldResolver(() => MspRole, { nullable: true, description: "Null when the account holds no MSP role." })
  async role(@Root() member: MspStaffMemberType, @GqlCtx() ctx: Ctx) {
    return (await mspRolesOf(ctx, [member.id])).get(member.id) ?? null;
  }

  @FieldResolver(() => Boolean, { description: "Whether an authenticator app is enrolled." })
  mfaEnrolled(@Root() member: MspStaffMemberType, @GqlCtx() ctx: Ctx) {
    return mspStaffMfaEnrolled(ctx, member.id);
  }
}
