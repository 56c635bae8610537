import { Arg, FieldResolver, Ctx as GqlCtx, Int, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../../context/ctx.js";
import { UserType } from "../../users/users.types.js";
import { listDesktopSessions } from "./sessions.service.js";
import { DesktopSessionType } from "./sessions.types.js";

/** A user's open and recent desktop sessions, for the helpdesk's user page. */
@Resolver(() => UserType)
export class UserSessionsResolver {
  @FieldResolver(() => [DesktopSessionType], { description: "The user's desktop sessions, newest first." })
  async recentSessions(
    @Root() user: UserType,
    @GqlCtx() ctx: Ctx,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
  ) {
    const page = await listDesktopSessions(ctx, { first: Math.min(Math.max(first, 1), 50) }, { userId: user.id });
    return page.nodes;
  }
}
