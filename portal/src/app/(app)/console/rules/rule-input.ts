import type { AssignmentRuleInput } from "@/generated/graphql";

export const SUBJECTS = [
  { value: "any", label: "Anyone" },
  { value: "group", label: "Members of a group" },
  { value: "attribute", label: "Users with an attribute" },
];

export const RULE_PROTOCOLS = ["RDP", "VNC", "SSH", "HTML5"];

/** The rule form as AssignmentRuleInput; the API checks the condition and outcome as a whole. */
export function ruleInputOf(formData: FormData): { input: AssignmentRuleInput; errors: Record<string, string> } {
  const one = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const all = (name: string) => formData.getAll(name).filter((value): value is string => typeof value === "string");
  const errors: Record<string, string> = {};
  const position = Number(one("position"));
  if (!Number.isInteger(position) || position < 0) errors.position = "Enter a whole number, 0 or more.";
  const subjectType = one("subjectType") || "any";
  if (subjectType === "group" && !one("group")) errors.group = "Name the group.";
  if (subjectType === "attribute" && !one("attribute")) errors.attribute = "Name the attribute.";
  const protocols = all("protocols");
  if (protocols.length === 0) errors.protocols = "Pick at least one protocol.";
  return {
    input: {
      position,
      effect: one("effect") || "allow",
      description: one("description") || null,
      identityProviderId: one("identityProviderId") || null,
      subjectType,
      group: subjectType === "group" ? one("group") : null,
      attribute: subjectType === "attribute" ? one("attribute") : null,
      operator: subjectType === "attribute" ? one("operator") || "equals" : null,
      value: subjectType === "attribute" ? one("value") : null,
      locationIds: all("locationIds"),
      policyId: one("policyId") || null,
      role: one("role") || null,
      mfaRequired: formData.get("mfaRequired") === "on",
      gatewayOnly: formData.get("gatewayOnly") === "on",
      html5Only: formData.get("html5Only") === "on",
      protocols,
    },
    errors,
  };
}
