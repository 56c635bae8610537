import type { Policy, Pool } from "@atrium/schema";
import DataLoader from "dataloader";
import { Arg, FieldResolver, Ctx as GqlCtx, ID, Mutation, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../../auth/require-permission.js";
import type { Ctx } from "../../../context/ctx.js";
import type { Loaders } from "../../../context/loaders.js";
import { PoolType } from "../../pools/pools.types.js";
import { PolicyType } from "../policies/policies.types.js";
import { offerPool, policiesOffering } from "./pool-offers.service.js";
import { OfferPoolInput } from "./pool-offers.types.js";

// One loader per request: a page of pools asks for its offering policies in one statement.
const perRequest = new WeakMap<Loaders, DataLoader<string, Policy[]>>();

@Resolver(() => PoolType)
export class PoolOffersResolver {
  @Mutation(() => PolicyType, {
    description: "Who gets a pool: an existing policy offers it, or a new one for groups.",
  })
  @RequirePermission("broker:write")
  offerPool(
    @GqlCtx() ctx: Ctx,
    @Arg("poolId", () => ID) poolId: string,
    @Arg("input", () => OfferPoolInput) input: OfferPoolInput,
  ) {
    return offerPool(ctx, poolId, input);
  }

  @FieldResolver(() => [PolicyType], { description: "The policies that offer this pool; none: no user gets it." })
  @RequirePermission("broker:read")
  offeredBy(@Root() pool: Pool, @GqlCtx() ctx: Ctx) {
    let loader = perRequest.get(ctx.loaders);
    if (!loader) {
      loader = new DataLoader((ids: readonly string[]) => policiesOffering(ctx, ids));
      perRequest.set(ctx.loaders, loader);
    }
    return loader.load(pool.id);
  }
}
