import { IsEmail } from "class-validator";
import { Arg, Args, ArgsType, Field, Ctx as GqlCtx, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { deleteSmtpSettings, getSmtpSettings, saveSmtpSettings, sendTestEmail } from "./smtp-settings.service.js";
import { SmtpSettingsInput, SmtpSettingsType, SmtpTestResultType } from "./smtp-settings.types.js";

@ArgsType()
class TestEmailArgs {
  @Field()
  @IsEmail({}, { message: "to must be an e-mail address" })
  to: string;
}

@Resolver(() => SmtpSettingsType)
export class SmtpSettingsResolver {
  @Query(() => SmtpSettingsType, {
    nullable: true,
    description: "The caller's own SMTP settings: the MSP's, or the entered tenant's override (null: none).",
  })
  @RequirePermission("notifications:write")
  smtpSettings(@GqlCtx() ctx: Ctx) {
    return getSmtpSettings(ctx);
  }

  @Mutation(() => SmtpSettingsType)
  @RequirePermission("notifications:write")
  saveSmtpSettings(@GqlCtx() ctx: Ctx, @Arg("input", () => SmtpSettingsInput) input: SmtpSettingsInput) {
    return saveSmtpSettings(ctx, input);
  }

  @Mutation(() => SmtpSettingsType, { description: "Removes the tenant's override (the MSP's settings apply again)." })
  @RequirePermission("notifications:write")
  deleteSmtpSettings(@GqlCtx() ctx: Ctx) {
    return deleteSmtpSettings(ctx);
  }

  @Mutation(() => SmtpTestResultType)
  @RequirePermission("notifications:write")
  sendTestEmail(@GqlCtx() ctx: Ctx, @Args(() => TestEmailArgs) args: TestEmailArgs) {
    return sendTestEmail(ctx, args.to);
  }
}
