export { ACCESS_RESOLVERS } from "./access.resolvers.js";
export {
  type ClientAddressInput,
  type ClientAddressResult,
  type ClientAddressSource,
  InvalidTrustedProxyError,
  parseTrustedProxies,
  resolveClientAddress,
  type TrustedProxies,
} from "./client/client-address.js";
export { clientOfRequest } from "./client/client-context.js";
export {
  type AccessOutcome,
  decideForUser,
  findTenantUser,
  type SignInSubject,
} from "./decision/access-decision.service.js";
export { locationNamesAt } from "./decision/location-rows.js";
export { decideAccessAtSignIn, type SignInAccessContext } from "./decision/sign-in-access.js";
export { type AccessEvaluationInput, evaluateAccess } from "./evaluator/access.evaluator.js";
export type { AccessDecision, RuleReference, RuleTraceEntry } from "./evaluator/access-decision.types.js";
export {
  ACCESS_ROLES,
  type AssignmentRule,
  type AssignmentRuleInput,
  assignmentRuleSchema,
  CONNECTION_PROTOCOLS,
  type ConnectionConstraints,
  connectionConstraintsSchema,
  DEFAULT_CONNECTION_CONSTRAINTS,
  type RuleCondition,
  type RuleOutcome,
  ruleConditionSchema,
  ruleOutcomeSchema,
  type SubjectCondition,
  subjectConditionSchema,
} from "./evaluator/assignment-rule.types.js";
export {
  formatIp,
  type IpAddress,
  type IpRange,
  ipInAnyRange,
  ipInRange,
  normalizeIp,
  parseCidr,
  parseIpLoose,
  parseIpStrict,
} from "./evaluator/ip-address.util.js";
export {
  CLIENT_KINDS,
  type CompiledLocation,
  type CompiledTimeWindow,
  describeZodError,
  type Location,
  type LocationParseResult,
  locationSchema,
  parseLocation,
  type TimeWindow,
  timeWindowSchema,
} from "./evaluator/location.types.js";
export {
  type ClientContext,
  isWithinTimeWindow,
  type LocationMatch,
  type MatchOutcome,
  matchLocation,
} from "./evaluator/location-matcher.js";
export {
  type MergedLocations,
  mergeLocations,
  type NamedLocationLike,
  type ShadowedLocation,
} from "./evaluator/location-merge.util.js";
export { type AccessSubject, globMatch, matchSubject, type SubjectMatch } from "./evaluator/subject-matcher.js";
export { LocationType } from "./locations/locations.types.js";
export { PolicyType } from "./policies/policies.types.js";
