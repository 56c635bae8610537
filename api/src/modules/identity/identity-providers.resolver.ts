import { Arg, Args, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { PageArgs } from "../../graphql/connection.js";
import { listLoginEvents } from "../audit/login-events.service.js";
import { testProvider } from "./identity-provider.tester.js";
import {
  createProvider,
  deleteProvider,
  getProvider,
  listProviders,
  providerScope,
  toProviderType,
  updateProvider,
} from "./identity-providers.service.js";
import {
  CreateIdentityProviderInput,
  IdentityProviderType,
  IdentitySettingsType,
  LoginEventConnection,
  ProviderTestResultType,
  UpdateIdentityProviderInput,
  UpdateIdentitySettingsInput,
} from "./identity-providers.types.js";
import { settingsFor, updateSettings } from "./identity-settings.service.js";

/** Tenant admins manage their tenant's providers; MSP admins outside a tenant manage the MSP staff's own. */
@Resolver(() => IdentityProviderType)
export class IdentityProvidersResolver {
  @Query(() => [IdentityProviderType])
  @RequirePermission("identity:read")
  async identityProviders(@GqlCtx() ctx: Ctx) {
    return (await listProviders(ctx)).map(toProviderType);
  }

  @Query(() => IdentityProviderType)
  @RequirePermission("identity:read")
  async identityProvider(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return toProviderType(await getProvider(ctx, id));
  }

  @Mutation(() => IdentityProviderType)
  @RequirePermission("identity:write")
  async createIdentityProvider(
    @GqlCtx() ctx: Ctx,
    @Arg("input", () => CreateIdentityProviderInput) input: CreateIdentityProviderInput,
  ) {
    return toProviderType(await createProvider(ctx, input));
  }

  @Mutation(() => IdentityProviderType)
  @RequirePermission("identity:write")
  async updateIdentityProvider(
    @GqlCtx() ctx: Ctx,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateIdentityProviderInput) input: UpdateIdentityProviderInput,
  ) {
    return toProviderType(await updateProvider(ctx, id, input));
  }

  @Mutation(() => IdentityProviderType)
  @RequirePermission("identity:write")
  async deleteIdentityProvider(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return toProviderType(await deleteProvider(ctx, id));
  }

  @Mutation(() => ProviderTestResultType, { description: "Checks the provider's settings against the real server." })
  @RequirePermission("identity:write")
  async testIdentityProvider(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return testProvider(ctx, await getProvider(ctx, id));
  }

  @Query(() => IdentitySettingsType)
  @RequirePermission("identity:read")
  identitySettings(@GqlCtx() ctx: Ctx) {
    return settingsFor(ctx, providerScope(ctx));
  }

  @Mutation(() => IdentitySettingsType)
  @RequirePermission("identity:write")
  updateIdentitySettings(
    @GqlCtx() ctx: Ctx,
    @Arg("input", () => UpdateIdentitySettingsInput) input: UpdateIdentitySettingsInput,
  ) {
    return updateSettings(ctx, input);
  }

  @Query(() => LoginEventConnection, { description: "Every sign-in attempt, newest first." })
  @RequirePermission("identity:read")
  loginEvents(@GqlCtx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs) {
    return listLoginEvents(ctx, page);
  }
}
