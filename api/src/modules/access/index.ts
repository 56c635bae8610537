export { type AccessEvaluationInput, evaluateAccess } from "./access.evaluator.js";
export type {
  AccessDecision,
  AccessDecisionReason,
  RuleReference,
  RuleTraceEntry,
} from "./access-decision.types.js";
export { ACCESS_DECISION_REASONS } from "./access-decision.types.js";
export {
  ACCESS_ROLES,
  type AccessRole,
  type AssignmentRule,
  type AssignmentRuleInput,
  assignmentRuleSchema,
  CONNECTION_PROTOCOLS,
  type ConnectionConstraints,
  type ConnectionProtocol,
  connectionConstraintsSchema,
  DEFAULT_CONNECTION_CONSTRAINTS,
  type RuleCondition,
  type RuleOutcome,
  ruleConditionSchema,
  ruleOutcomeSchema,
  type SubjectCondition,
  subjectConditionSchema,
} from "./assignment-rule.types.js";
export {
  type ClientAddressInput,
  type ClientAddressResult,
  type ClientAddressSource,
  InvalidTrustedProxyError,
  parseTrustedProxies,
  resolveClientAddress,
  type TrustedProxies,
} from "./client-address.js";
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
} from "./ip-address.util.js";
export {
  CLIENT_KINDS,
  type ClientKind,
  type CompiledLocation,
  type CompiledTimeWindow,
  describeZodError,
  type Location,
  type LocationParseResult,
  locationSchema,
  parseLocation,
  type TimeWindow,
  timeWindowSchema,
} from "./location.types.js";
export {
  type ClientContext,
  isWithinTimeWindow,
  type LocationMatch,
  type MatchOutcome,
  matchLocation,
} from "./location-matcher.js";
export {
  type MergedLocations,
  mergeLocations,
  type NamedLocationLike,
  type ShadowedLocation,
} from "./location-merge.util.js";
export { type AccessSubject, globMatch, matchSubject, type SubjectMatch } from "./subject-matcher.js";
export {
  isValidTimeZone,
  parseClockTime,
  type WallTime,
  WEEKDAYS,
  type Weekday,
  wallTimeIn,
} from "./zoned-time.util.js";
