import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { RequestContext } from "../../context/request-context.js";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys.service.js";
import { ApiKeyType, CreateApiKeyInput, CreatedApiKey } from "./api-keys.types.js";

@Resolver(() => ApiKeyType)
export class ApiKeysResolver {
  @Query(() => [ApiKeyType], { description: "The current tenant's API keys." })
  @RequirePermission("apiKeys:read")
  apiKeys(@Ctx() ctx: RequestContext) {
    return listApiKeys(ctx, false);
  }

  @Mutation(() => CreatedApiKey, { description: "A key bound to the current tenant." })
  @RequirePermission("apiKeys:write")
  createApiKey(@Ctx() ctx: RequestContext, @Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput) {
    return createApiKey(ctx, input, false);
  }

  @Mutation(() => ApiKeyType)
  @RequirePermission("apiKeys:write")
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return revokeApiKey(ctx, id, false);
  }

  @Query(() => [ApiKeyType], { description: "MSP-wide API keys (e.g. for the billing system)." })
  @RequirePermission("mspApiKeys:write")
  mspApiKeys(@Ctx() ctx: RequestContext) {
    return listApiKeys(ctx, true);
  }

  @Mutation(() => CreatedApiKey, { description: "A key that acts across all tenants within its scopes." })
  @RequirePermission("mspApiKeys:write")
  createMspApiKey(@Ctx() ctx: RequestContext, @Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput) {
    return createApiKey(ctx, input, true);
  }

  @Mutation(() => ApiKeyType)
  @RequirePermission("mspApiKeys:write")
  revokeMspApiKey(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return revokeApiKey(ctx, id, true);
  }
}
