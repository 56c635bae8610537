import {
  type AssignmentRuleInput,
  DisplayProtocol,
  RuleEffect,
  RuleOperator,
  RuleSubjectType,
  TenantRole,
} from "@/generated/graphql";
import { enumOptions, enumValue, enumValuesOf } from "@/lib/enums";

export const SUBJECTS = enumOptions<RuleSubjectType>({
  ANY: "Anyone",
  GROUP: "Members of a group",
  ATTRIBUTE: "Users with an attribute",
});

/** The rule form as AssignmentRuleInput; the API checks the condition and outcome as a whole. */
export function ruleInputOf(formData: FormData): { input: AssignmentRuleInput; errors: Record<string, string> } {
  const one = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const errors: Record<string, string> = {};
  const position = Number(one("position"));
  if (!Number.isInteger(position) || position < 0) errors.position = "Enter a whole number, 0 or more.";
  const subjectType = enumValue(RuleSubjectType, one("subjectType")) ?? RuleSubjectType.ANY;
  const byGroup = subjectType === RuleSubjectType.GROUP;
  const byAttribute = subjectType === RuleSubjectType.ATTRIBUTE;
  if (byGroup && !one("group")) errors.group = "Name the group.";
  if (byAttribute && !one("attribute")) errors.attribute = "Name the attribute.";
  const protocols = enumValuesOf(DisplayProtocol, formData.getAll("protocols"));
  if (protocols.length === 0) errors.protocols = "Pick at least one protocol.";
  return {
    input: {
      position,
      effect: enumValue(RuleEffect, one("effect")) ?? RuleEffect.ALLOW,
      description: one("description") || null,
      identityProviderId: one("identityProviderId") || null,
      subjectType,
      group: byGroup ? one("group") : null,
      attribute: byAttribute ? one("attribute") : null,
      operator: byAttribute ? (enumValue(RuleOperator, one("operator")) ?? RuleOperator.EQUALS) : null,
      value: byAttribute ? one("value") : null,
      locationIds: formData.getAll("locationIds").filter((value): value is string => typeof value === "string"),
      policyId: one("policyId") || null,
      role: enumValue(TenantRole, one("role")) ?? null,
      mfaRequired: formData.get("mfaRequired") === "on",
      gatewayOnly: formData.get("gatewayOnly") === "on",
      html5Only: formData.get("html5Only") === "on",
      protocols,
    },
    errors,
  };
}
