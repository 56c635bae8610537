import type { AssignmentRule } from "@atrium/schema";
import { assignmentRuleSchema } from "../evaluator/assignment-rule.types.js";

/** The GraphQL view of a stored rule; a row the evaluator cannot parse is shown as invalid (it denies). */
export function describeRule(rule: AssignmentRule) {
  const parsed = assignmentRuleSchema.safeParse(rule);
  const base = {
    id: rule.id,
    identityProviderId: rule.identityProviderId,
    position: rule.position,
    description: rule.description,
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
  };
  if (!parsed.success) {
    return {
      ...base,
      condition: { subjectType: "invalid", group: null, attribute: null, operator: null, value: null, locationIds: [] },
      effect: "deny",
      role: null,
      policyId: null,
      mfaRequired: false,
      gatewayOnly: false,
      html5Only: false,
      protocols: [],
      valid: false,
    };
  }
  const { subject, locationIds } = parsed.data.condition;
  const outcome = parsed.data.outcome;
  return {
    ...base,
    condition: {
      subjectType: subject.type,
      group: subject.type === "group" ? subject.group : null,
      attribute: subject.type === "attribute" ? subject.attribute : null,
      operator: subject.type === "attribute" ? subject.operator : null,
      value: subject.type === "attribute" ? subject.value : null,
      locationIds,
    },
    effect: outcome.effect,
    role: outcome.effect === "allow" ? outcome.role : null,
    policyId: outcome.effect === "allow" ? outcome.policyId : null,
    mfaRequired: outcome.effect === "allow" ? outcome.mfaRequired : false,
    gatewayOnly: outcome.effect === "allow" ? outcome.constraints.gatewayOnly : false,
    html5Only: outcome.effect === "allow" ? outcome.constraints.html5Only : false,
    protocols: outcome.effect === "allow" ? outcome.constraints.protocols : [],
    valid: true,
  };
}
