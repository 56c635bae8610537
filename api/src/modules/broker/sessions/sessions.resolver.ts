import { Length } from "class-validator";
import { Arg, Args, ArgsType, Field, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../../auth/require-permission.js";
import type { Ctx } from "../../../context/ctx.js";
import { PageArgs } from "../../../graphql/connection.js";
import { disconnectDesktopSession, endDesktopSession, messageDesktopSession } from "./session-actions.service.js";
import { listDesktopSessions, presentSession } from "./sessions.service.js";
import { DesktopSessionConnection, DesktopSessionFilter, DesktopSessionType } from "./sessions.types.js";

@ArgsType()
class SessionMessageArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: "What the user sees on their desktop (1 to 500 characters)." })
  @Length(1, 500, { message: "A message has 1 to 500 characters" })
  text: string;
}

@Resolver(() => DesktopSessionType)
export class DesktopSessionsResolver {
  @Query(() => DesktopSessionConnection, { description: "Desktop sessions of the tenant, newest first." })
  @RequirePermission("sessions:read")
  desktopSessions(
    @GqlCtx() ctx: Ctx,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => DesktopSessionFilter, { nullable: true }) filter?: DesktopSessionFilter,
  ) {
    return listDesktopSessions(ctx, page, filter);
  }

  @Mutation(() => DesktopSessionType, {
    description: "Ends a user's session now; the desktop's agent signs them out (helpdesk, audited).",
  })
  @RequirePermission("users:support")
  async endDesktopSession(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return presentSession(ctx, await endDesktopSession(ctx, id));
  }

  @Mutation(() => DesktopSessionType, {
    description: "Disconnects a user's session, which stays signed in on the desktop (helpdesk, audited).",
  })
  @RequirePermission("users:support")
  async disconnectDesktopSession(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return presentSession(ctx, await disconnectDesktopSession(ctx, id));
  }

  @Mutation(() => DesktopSessionType, {
    description: "Shows the user a message on the desktop of an open session, through its agent (audited).",
  })
  @RequirePermission("users:support")
  async messageDesktopSession(@GqlCtx() ctx: Ctx, @Args(() => SessionMessageArgs) args: SessionMessageArgs) {
    return presentSession(ctx, await messageDesktopSession(ctx, args.id, args.text));
  }
}
