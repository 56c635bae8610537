import { Args, Ctx as GqlCtx, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../../auth/require-permission.js";
import type { Ctx } from "../../../context/ctx.js";
import { explainAccess } from "./explain.service.js";
import { AccessExplanationType, ExplainAccessArgs } from "./explain.types.js";

@Resolver()
export class ExplainResolver {
  @Query(() => AccessExplanationType, {
    description: "Which rule matches a user of your tenant at an address and time, which policy, and what is offered.",
  })
  @RequirePermission("access:explain")
  explainAccess(@GqlCtx() ctx: Ctx, @Args(() => ExplainAccessArgs) args: ExplainAccessArgs) {
    return explainAccess(ctx, args);
  }
}
