import { enumValues, isEnumValue, SsoProviderKind } from "@atrium/schema";
import { Arg, Field, Ctx as GqlCtx, ID, ObjectType, Query, Resolver } from "type-graphql";
import { In } from "typeorm";
import { RequirePermission } from "../../../auth/require-permission.js";
import { signInCtx } from "../../../context/build-ctx.js";
import type { Ctx } from "../../../context/ctx.js";
import { resolveSignInTenant } from "../identity-settings.service.js";

@ObjectType("SsoProvider", { description: "A single sign-on button of a sign-in page: no settings, no secrets." })
export class SsoProviderType {
  @Field(() => ID, { description: "Start the sign-in at /auth/sso/<id>/login." })
  id: string;

  @Field()
  name: string;

  @Field(() => SsoProviderKind)
  kind: SsoProviderKind;
}

const SLUG_OR_HOST_MAX = 253;

@Resolver()
export class SsoProvidersResolver {
  /**
   * Public, like the sign-in page that shows the buttons. The tenant is the one the sign-in page is for (slug or
   * login host name), resolved exactly as the SSO start endpoint does; no caller principal exists yet, so the door
   * is the sign-in context's for that tenant. An unknown tenant answers an empty list.
   */
  @Query(() => [SsoProviderType], {
    description: "Enabled SAML and OIDC providers of the sign-in page's tenant (MSP staff's own without a tenant).",
  })
  @RequirePermission("public")
  async ssoProviders(
    @GqlCtx() ctx: Ctx,
    @Arg("tenant", () => String, { nullable: true, description: "Tenant slug of the sign-in page." })
    tenant?: string | null,
    @Arg("loginHost", () => String, { nullable: true, description: "Host name the sign-in page is served at." })
    loginHost?: string | null,
  ): Promise<SsoProviderType[]> {
    if ((tenant?.length ?? 0) > SLUG_OR_HOST_MAX || (loginHost?.length ?? 0) > SLUG_OR_HOST_MAX) return [];
    const choice = await resolveSignInTenant(ctx, tenant, loginHost);
    if (!choice.found) return [];
    const providers = await signInCtx(ctx, choice.tenantId).db.identityProviders.find({
      where: { enabled: true, kind: In(enumValues(SsoProviderKind)) },
      order: { priority: "ASC", name: "ASC" },
    });
    return providers.flatMap(({ id, name, kind }) => (isEnumValue(SsoProviderKind, kind) ? [{ id, name, kind }] : []));
  }
}
