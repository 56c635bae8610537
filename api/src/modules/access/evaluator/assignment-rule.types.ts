import { DisplayProtocol, enumValues, Role } from "@atrium/schema";
import { z } from "zod";

/** Roles from ARCHITECTURE §4. A rule naming any other role is invalid and therefore denies. */
export const ACCESS_ROLES = enumValues(Role);

/** Connection protocols a rule may allow, in the order a plan prefers them. */
export const CONNECTION_PROTOCOLS = enumValues(DisplayProtocol);

/**
 * Who a rule is about. Group names compare case-insensitively because directories do (AD treats
 * "VDI-Users" and "vdi-users" as one group) and IdPs differ in the casing they send.
 *
 * `matches` is a glob (`*` any run of characters, `?` one character), deliberately not a regular
 * expression: patterns are written by tenant admins and evaluated on every sign-in, and a backtracking
 * regex is a denial-of-service vector. The glob matcher is linear-time in practice, O(n·m) at worst.
 */
export const subjectConditionSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("any") }),
  z.strictObject({ type: z.literal("group"), group: z.string().trim().min(1).max(1024) }),
  z.strictObject({
    type: z.literal("attribute"),
    attribute: z.string().trim().min(1).max(256),
    operator: z.enum(["equals", "matches"]),
    value: z.string().max(1024),
    ignoreCase: z.boolean().default(true),
  }),
]);
export type SubjectCondition = z.infer<typeof subjectConditionSchema>;

/** The condition of a rule: a subject and, optionally, locations (any one of them must match). */
export const ruleConditionSchema = z.strictObject({
  subject: subjectConditionSchema,
  /** Empty or absent: the rule applies at any location. */
  locationIds: z.array(z.string().min(1)).default([]),
});
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

/** Limits on how an allowed user may connect; they narrow the policy's protocol plan, never widen it. */
export const connectionConstraintsSchema = z
  .strictObject({
    gatewayOnly: z.boolean().default(false),
    html5Only: z.boolean().default(false),
    protocols: z
      .array(z.enum(CONNECTION_PROTOCOLS))
      .min(1)
      .default([...CONNECTION_PROTOCOLS])
      .transform((protocols) => CONNECTION_PROTOCOLS.filter((protocol) => protocols.includes(protocol))),
  })
  .refine((constraints) => !constraints.html5Only || constraints.protocols.includes("HTML5"), {
    message: "html5Only requires HTML5 among the allowed protocols",
    path: ["protocols"],
  });
export type ConnectionConstraints = z.infer<typeof connectionConstraintsSchema>;

export const DEFAULT_CONNECTION_CONSTRAINTS: ConnectionConstraints = {
  gatewayOnly: false,
  html5Only: false,
  protocols: [...CONNECTION_PROTOCOLS],
};

export const ruleOutcomeSchema = z.discriminatedUnion("effect", [
  z.strictObject({
    effect: z.literal("allow"),
    role: z.enum(ACCESS_ROLES),
    policyId: z.string().min(1),
    // Required, no default: a rule that forgot to say whether MFA is needed must not quietly mean "no MFA".
    mfaRequired: z.boolean(),
    constraints: connectionConstraintsSchema.default(DEFAULT_CONNECTION_CONSTRAINTS),
  }),
  z.strictObject({ effect: z.literal("deny") }),
]);
export type RuleOutcome = z.infer<typeof ruleOutcomeSchema>;

/** A validated assignment rule. Extra keys (database columns) are ignored. */
export const assignmentRuleSchema = z.object({
  id: z.string().min(1),
  /** Order within the identity provider's rule list; lower comes first. */
  position: z.number().int(),
  condition: ruleConditionSchema,
  outcome: ruleOutcomeSchema,
});
export type AssignmentRule = z.infer<typeof assignmentRuleSchema>;

/**
 * A rule as loaded from storage: id and position are columns, condition and outcome are JSON that the
 * evaluator validates itself (a bad row must deny, not crash sign-in). Both parsed rules and raw JSON fit.
 */
export interface AssignmentRuleInput {
  readonly id: string;
  readonly position: number;
  readonly condition: unknown;
  readonly outcome: unknown;
}
