import { Arg, Ctx as GqlCtx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys.service.js";
import { ApiKeyType, CreateApiKeyInput, CreatedApiKey } from "./api-keys.types.js";

@Resolver(() => ApiKeyType)
export class ApiKeysResolver {
  @Query(() => [ApiKeyType], { description: "The current tenant's API keys." })
  @RequirePermission("apiKeys:read")
  apiKeys(@GqlCtx() ctx: Ctx) {
    return listApiKeys(ctx, false);
  }

  @Mutation(() => CreatedApiKey, { description: "A key bound to the current tenant." })
  @RequirePermission("apiKeys:write")
  createApiKey(@GqlCtx() ctx: Ctx, @Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput) {
    return createApiKey(ctx, input, false);
  }

  @Mutation(() => ApiKeyType)
  @RequirePermission("apiKeys:write")
  revokeApiKey(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return revokeApiKey(ctx, id, false);
  }

  @Query(() => [ApiKeyType], { description: "MSP-wide API keys (e.g. for the billing system)." })
  @RequirePermission("mspApiKeys:write")
  mspApiKeys(@GqlCtx() ctx: Ctx) {
    return listApiKeys(ctx, true);
  }

  @Mutation(() => CreatedApiKey, { description: "A key that acts across all tenants within its scopes." })
  @RequirePermission("mspApiKeys:write")
  createMspApiKey(@GqlCtx() ctx: Ctx, @Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput) {
    return createApiKey(ctx, input, true);
  }

  @Mutation(() => ApiKeyType)
  @RequirePermission("mspApiKeys:write")
  revokeMspApiKey(@GqlCtx() ctx: Ctx, @Arg("id", () => ID) id: string) {
    return revokeApiKey(ctx, id, true);
  }
}
