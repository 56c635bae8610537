import { describe, expect, it } from "vitest";
import { assignmentRuleSchema } from "./assignment-rule.types.js";

const base = {
  id: "r1",
  position: 3,
  condition: { subject: { type: "group", group: " VDI-Users " } },
  outcome: { effect: "allow", role: "tenant_user", policyId: "p1", mfaRequired: true },
};

describe("assignmentRuleSchema", () => {
  it("fills safe defaults and trims names", () => {
    const rule = assignmentRuleSchema.parse({ ...base, tenantId: "ignored", createdAt: "ignored" });
    expect(rule).toEqual({
      id: "r1",
      position: 3,
      condition: { subject: { type: "group", group: "VDI-Users" }, locationIds: [] },
      outcome: {
        effect: "allow",
        role: "tenant_user",
        policyId: "p1",
        mfaRequired: true,
        constraints: { gatewayOnly: false, html5Only: false, protocols: ["RDP", "VNC", "SSH", "HTML5"] },
      },
    });
  });

  it("defaults attribute comparisons to case-insensitive", () => {
    const rule = assignmentRuleSchema.parse({
      ...base,
      condition: { subject: { type: "attribute", attribute: "mail", operator: "matches", value: "*@x.com" } },
    });
    expect(rule.condition.subject).toMatchObject({ ignoreCase: true });
  });

  it("a deny outcome carries nothing else", () => {
    expect(assignmentRuleSchema.safeParse({ ...base, outcome: { effect: "deny", role: "tenant_user" } }).success).toBe(
      false,
    );
    expect(assignmentRuleSchema.safeParse({ ...base, outcome: { effect: "deny" } }).success).toBe(true);
  });

  it.each([
    ["msp_admin", true],
    ["tenant_helpdesk", true],
    ["admin", false],
    ["", false],
  ])("role %j valid=%s", (role, valid) => {
    expect(assignmentRuleSchema.safeParse({ ...base, outcome: { ...base.outcome, role } }).success).toBe(valid);
  });
});
