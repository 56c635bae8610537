import type { EnumValue } from "./enum.js";

/** Display protocols; HTML5 means in the browser (VNC/SSH directly, RDP through guacd). */
export const DisplayProtocol = Object.freeze({
  RDP: "RDP",
  VNC: "VNC",
  SSH: "SSH",
  HTML5: "HTML5",
} as const);
export type DisplayProtocol = EnumValue<typeof DisplayProtocol>;

/** When a protocol plan sends a connection through the gateway. */
export const GatewayUsage = Object.freeze({
  NEVER: "never",
  ALWAYS: "always",
  WHEN_REQUIRED: "when_required",
} as const);
export type GatewayUsage = EnumValue<typeof GatewayUsage>;

/** What kind of client is asking: the portal in a browser, a native client, or an API caller. */
export const ClientKind = Object.freeze({
  WEB: "web",
  NATIVE: "native",
  API: "api",
} as const);
export type ClientKind = EnumValue<typeof ClientKind>;

/** Whether a location matches only connections through the gateway, only direct ones, or both. */
export const LocationGatewayMode = Object.freeze({
  YES: "yes",
  NO: "no",
  ANY: "any",
} as const);
export type LocationGatewayMode = EnumValue<typeof LocationGatewayMode>;

export const Weekday = Object.freeze({
  MON: "mon",
  TUE: "tue",
  WED: "wed",
  THU: "thu",
  FRI: "fri",
  SAT: "sat",
  SUN: "sun",
} as const);
export type Weekday = EnumValue<typeof Weekday>;

export const RuleEffect = Object.freeze({
  ALLOW: "allow",
  DENY: "deny",
} as const);
export type RuleEffect = EnumValue<typeof RuleEffect>;

/** Whom an assignment rule is about. */
export const RuleSubjectType = Object.freeze({
  ANY: "any",
  GROUP: "group",
  ATTRIBUTE: "attribute",
} as const);
export type RuleSubjectType = EnumValue<typeof RuleSubjectType>;

/** How an attribute rule compares: exact (case-insensitive) or a glob with `*` and `?`. */
export const RuleOperator = Object.freeze({
  EQUALS: "equals",
  MATCHES: "matches",
} as const);
export type RuleOperator = EnumValue<typeof RuleOperator>;

/**
 * Why an access decision came out as it did: the first matching allow decided (`allowed`); a deny matched or could
 * not be ruled out (`explicit_deny`); a rule could not be parsed and denies everyone (`invalid_rule`); a matching
 * rule names a location that does not exist or cannot be parsed; deny by default (`no_rule_matched`); an allow
 * rule whose policy no longer exists (`unknown_policy`, reported by explain and refused at sign-in).
 */
export const AccessDecisionReason = Object.freeze({
  ALLOWED: "allowed",
  EXPLICIT_DENY: "explicit_deny",
  INVALID_RULE: "invalid_rule",
  UNKNOWN_LOCATION: "unknown_location",
  INVALID_LOCATION: "invalid_location",
  NO_RULE_MATCHED: "no_rule_matched",
  UNKNOWN_POLICY: "unknown_policy",
} as const);
export type AccessDecisionReason = EnumValue<typeof AccessDecisionReason>;

/** What the broker does when a user signs in on a desktop nobody assigned to them. */
export const RogueLoginAction = Object.freeze({
  LOG: "log",
  ASSIGN: "assign",
  LOGOUT: "logout",
} as const);
export type RogueLoginAction = EnumValue<typeof RogueLoginAction>;

/** Which desktops of a pool are offered first. */
export const OfferSortOrder = Object.freeze({
  FAVOR_PREVIOUS: "favor_previous",
  LEAST_RECENTLY_USED: "least_recently_used",
  OLDEST_FIRST: "oldest_first",
  FAVOR_RUNNING: "favor_running",
} as const);
export type OfferSortOrder = EnumValue<typeof OfferSortOrder>;

/** Power actions an entitlement lets users run on their own desktops. */
export const UserPowerAction = Object.freeze({
  START: "start",
  STOP: "stop",
  REBOOT: "reboot",
} as const);
export type UserPowerAction = EnumValue<typeof UserPowerAction>;

/** What a power plan does to a desktop some minutes after a disconnect, logout or release. */
export const PlanPowerAction = Object.freeze({
  NONE: "none",
  SUSPEND: "suspend",
  STOP: "stop",
  SHELVE: "shelve",
} as const);
export type PlanPowerAction = EnumValue<typeof PlanPowerAction>;

/** What happens to a desktop when it is released. */
export const ReleaseDisposition = Object.freeze({
  KEEP: "keep",
  REBUILD: "rebuild",
  TERMINATE: "terminate",
} as const);
export type ReleaseDisposition = EnumValue<typeof ReleaseDisposition>;
