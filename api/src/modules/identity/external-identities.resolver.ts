import { Arg, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { linkExternalIdentity, listExternalIdentities, unlinkExternalIdentity } from "./external-identities.service.js";
import { ExternalIdentityType, LinkExternalIdentityInput } from "./external-identities.types.js";

/** The user page's sign-in links: which provider accounts sign into a user, linked and unlinked by admins. */
@Resolver(() => ExternalIdentityType)
export class ExternalIdentitiesResolver {
  @Query(() => [ExternalIdentityType], { description: "The provider accounts that sign into this user." })
  @RequirePermission("users:read")
  externalIdentities(@GqlCtx() ctx: Ctx, @Arg("userId", () => ID) userId: string) {
    return listExternalIdentities(ctx, userId);
  }

  @Mutation(() => ExternalIdentityType, {
    description: "Lets a provider's person sign into this user (e.g. the same person in the AD and the SAML IdP).",
  })
  @RequirePermission("users:write")
  linkExternalIdentity(
    @GqlCtx() ctx: Ctx,
    @Arg("input", () => LinkExternalIdentityInput) input: LinkExternalIdentityInput,
  ) {
    return linkExternalIdentity(ctx, input);
  }

  @Mutation(() => ExternalIdentityType, { description: "Removes a link; the person's next sign-in follows the rule." })
  @RequirePermission("users:write")
  unlinkExternalIdentity(
    @GqlCtx() ctx: Ctx,
    @Arg("userId", () => ID) userId: string,
    @Arg("providerId", () => ID) providerId: string,
  ) {
    return unlinkExternalIdentity(ctx, userId, providerId);
  }
}
