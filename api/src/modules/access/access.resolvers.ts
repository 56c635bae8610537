import { LocationsResolver } from "./locations/locations.resolver.js";
import { PoolOffersResolver } from "./offers/pool-offers.resolver.js";
import { PlansResolver } from "./plans/plans.resolver.js";
import { PoliciesResolver } from "./policies/policies.resolver.js";
import { AssignmentRulesResolver } from "./rules/rules.resolver.js";

/** Every resolver of the access rules a tenant admin edits, registered once in graphql/resolvers.ts. */
export const ACCESS_RESOLVERS = [
  LocationsResolver,
  PlansResolver,
  PoliciesResolver,
  AssignmentRulesResolver,
  PoolOffersResolver,
] as const;
