import { describe, expect, it } from "vitest";
import { type SubjectCondition, subjectConditionSchema } from "./assignment-rule.types.js";
import { type AccessSubject, globMatch, matchSubject } from "./subject-matcher.js";

describe("globMatch", () => {
  it.each([
    ["*", "", true],
    ["*", "anything", true],
    ["", "", true],
    ["", "a", false],
    ["abc", "abc", true],
    ["abc", "abcd", false],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["*@contoso.com", "alice@contoso.com", true],
    ["*@contoso.com", "alice@contoso.com.evil.net", false],
    ["CN=VDI-*,OU=Groups,*", "CN=VDI-Sales,OU=Groups,DC=contoso,DC=com", true],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "aXbY", false],
    ["a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false],
    ["**", "x", true],
    ["ü*", "über", true],
    ["?", "😀", true], // one code point, not one UTF-16 unit
    [".*", "abc", false], // regex syntax is literal
    ["a[bc]d", "abd", false],
  ])("%j ~ %j = %s", (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it("stays fast on adversarial patterns", () => {
    // A backtracking regex equivalent (a*)*b would take exponential time here; the glob matcher is O(n·m).
    const text = "a".repeat(5000);
    expect(globMatch(`${"*a".repeat(200)}b`, text)).toBe(false);
  });
});

describe("matchSubject", () => {
  const alice: AccessSubject = {
    groups: ["VDI-Users", "Finance ", "CN=Admins,OU=Groups,DC=contoso,DC=com"],
    attributes: {
      mail: "alice@contoso.com",
      Department: ["Finance", "Audit"],
      employeeType: "Contractor",
      broken: [42 as unknown as string, "ok"],
    },
  };
  const condition = (raw: unknown): SubjectCondition => subjectConditionSchema.parse(raw);

  it.each<[string, unknown, boolean, RegExp]>([
    ["any", { type: "any" }, true, /every user/],
    ["group exact", { type: "group", group: "VDI-Users" }, true, /member of group/],
    ["group other case", { type: "group", group: "vdi-users" }, true, /member of group/],
    ["group with stray whitespace from the IdP", { type: "group", group: "finance" }, true, /member of group/],
    ["group DN", { type: "group", group: "cn=admins,ou=groups,dc=contoso,dc=com" }, true, /member of group/],
    ["group absent", { type: "group", group: "VDI-Admins" }, false, /not a member/],
    ["group is not a prefix match", { type: "group", group: "VDI" }, false, /not a member/],
    [
      "attribute equals",
      { type: "attribute", attribute: "mail", operator: "equals", value: "ALICE@contoso.com" },
      true,
      /equals/,
    ],
    [
      "attribute equals, case-sensitive",
      { type: "attribute", attribute: "mail", operator: "equals", value: "ALICE@contoso.com", ignoreCase: false },
      false,
      /never equals/,
    ],
    [
      "attribute name is case-insensitive",
      { type: "attribute", attribute: "department", operator: "equals", value: "audit" },
      true,
      /equals/,
    ],
    [
      "any value of a multi-valued attribute",
      { type: "attribute", attribute: "Department", operator: "equals", value: "Finance" },
      true,
      /equals/,
    ],
    [
      "attribute glob",
      { type: "attribute", attribute: "mail", operator: "matches", value: "*@contoso.com" },
      true,
      /matches/,
    ],
    [
      "attribute glob miss",
      { type: "attribute", attribute: "mail", operator: "matches", value: "*@fabrikam.com" },
      false,
      /never matches/,
    ],
    ["attribute absent", { type: "attribute", attribute: "title", operator: "equals", value: "x" }, false, /absent/],
    [
      "non-string values are ignored",
      { type: "attribute", attribute: "broken", operator: "equals", value: "42" },
      false,
      /never equals/,
    ],
    [
      "string values next to junk still count",
      { type: "attribute", attribute: "broken", operator: "equals", value: "ok" },
      true,
      /equals/,
    ],
  ])("%s", (_name, raw, matched, why) => {
    const result = matchSubject(condition(raw), alice);
    expect(result.matched).toBe(matched);
    expect(result.why).toMatch(why);
  });

  it("matches composed and decomposed Unicode names alike", () => {
    const composed = "Caf\u00e9";
    const decomposed = "Cafe\u0301";
    expect(
      matchSubject(condition({ type: "group", group: composed }), { groups: [decomposed], attributes: {} }).matched,
    ).toBe(true);
  });
});
