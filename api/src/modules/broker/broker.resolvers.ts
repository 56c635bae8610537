import { ConnectResolver } from "./connect/connect.resolver.js";
import { ExplainResolver } from "./explain/explain.resolver.js";
import { LocationsResolver } from "./locations/locations.resolver.js";
import { PlansResolver } from "./plans/plans.resolver.js";
import { PoliciesResolver } from "./policies/policies.resolver.js";
import { AssignmentRulesResolver } from "./rules/rules.resolver.js";
import { DesktopSessionsResolver } from "./sessions/sessions.resolver.js";

/** Every broker resolver, registered once in graphql/resolvers.ts. */
export const BROKER_RESOLVERS = [
  LocationsResolver,
  PlansResolver,
  PoliciesResolver,
  AssignmentRulesResolver,
  ExplainResolver,
  ConnectResolver,
  DesktopSessionsResolver,
] as const;
