import { FieldResolver, Ctx as GqlCtx, Resolver, Root } from "type-graphql";
import type { Ctx } from "../../context/ctx.js";
import { UserType } from "../users/users.types.js";
import { DesktopType } from "./desktops.types.js";

/** The desktops a user holds, for the helpdesk's user page. */
@Resolver(() => UserType)
export class UserDesktopsResolver {
  @FieldResolver(() => [DesktopType], { description: "Desktops assigned to the user now." })
  desktops(@Root() user: UserType, @GqlCtx() ctx: Ctx) {
    return ctx.db.requireTenant().desktops.find({ where: { assignedUserId: user.id }, order: { name: "ASC" } });
  }
}
