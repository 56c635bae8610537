import { afterEach, describe, expect, it, vi } from "vitest";
import { type AccessEvaluationInput, evaluateAccess } from "./access.evaluator.js";
import type { AssignmentRuleInput } from "./assignment-rule.types.js";
import type { Location } from "./location.types.js";
import type { AccessSubject } from "./subject-matcher.js";

const office: Location = {
  id: "office",
  name: "Office",
  cidrs: ["10.0.0.0/8", "2001:db8:1::/48"],
  clientKinds: ["web", "native"],
  viaGateway: false,
  timeWindows: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "07:00", end: "19:00", timeZone: "Europe/Berlin" }],
};
const anywhere: Location = {
  id: "anywhere",
  name: "Anywhere",
  cidrs: ["0.0.0.0/0", "::/0"],
  clientKinds: ["web", "native", "api"],
  viaGateway: "any",
  timeWindows: [],
};
const gateway: Location = { ...anywhere, id: "gateway", name: "Through the gateway", viaGateway: true };
const brokenLocation = { ...anywhere, id: "broken", name: "Broken", cidrs: [] };
const locations: unknown[] = [office, anywhere, gateway, brokenLocation];

const alice: AccessSubject = { groups: ["VDI-Users"], attributes: { mail: "alice@contoso.com" } };
const carl: AccessSubject = {
  groups: ["VDI-Users", "Contractors"],
  attributes: { mail: "carl@agency.example", employeeType: "contractor" },
};
const nobody: AccessSubject = { groups: [], attributes: {} };

const mondayNoon = new Date("2025-06-02T10:00:00Z"); // 12:00 in Berlin
const saturdayNoon = new Date("2025-06-07T10:00:00Z");
const inOffice = { ip: "10.1.2.3", kind: "web", viaGateway: false } as const;
const fromHome = { ip: "198.51.100.7", kind: "web", viaGateway: false } as const;

type Subject = Record<string, unknown>;
const group = (name: string): Subject => ({ type: "group", group: name });
const anyone: Subject = { type: "any" };

function allow(
  id: string,
  position: number,
  subject: Subject,
  options: {
    locationIds?: string[];
    policyId?: string;
    role?: string;
    mfaRequired?: boolean;
    constraints?: unknown;
  } = {},
): AssignmentRuleInput {
  return {
    id,
    position,
    condition: { subject, locationIds: options.locationIds },
    outcome: {
      effect: "allow",
      role: options.role ?? "tenant_user",
      policyId: options.policyId ?? `policy-${id}`,
      mfaRequired: options.mfaRequired ?? false,
      ...(options.constraints === undefined ? {} : { constraints: options.constraints }),
    },
  };
}

function deny(id: string, position: number, subject: Subject, locationIds?: string[]): AssignmentRuleInput {
  return { id, position, condition: { subject, locationIds }, outcome: { effect: "deny" } };
}

function evaluate(overrides: Partial<AccessEvaluationInput>) {
  return evaluateAccess({
    rules: [],
    locations,
    subject: alice,
    client: inOffice,
    now: mondayNoon,
    ...overrides,
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("evaluateAccess: deny by default", () => {
  it("no rules at all", () => {
    const decision = evaluate({ rules: [] });
    expect(decision).toMatchObject({
      allowed: false,
      reason: "no_rule_matched",
      decidedBy: null,
      role: null,
      policyId: null,
      constraints: null,
      trace: [],
    });
  });

  it("rules exist but none matches; each is explained", () => {
    const decision = evaluate({
      subject: nobody,
      rules: [
        allow("r1", 1, group("VDI-Users")),
        allow("r2", 2, { type: "attribute", attribute: "mail", operator: "matches", value: "*@contoso.com" }),
      ],
    });
    expect(decision).toMatchObject({ allowed: false, reason: "no_rule_matched", decidedBy: null });
    expect(decision.trace).toEqual([
      { ruleId: "r1", position: 1, effect: "allow", matched: false, why: "not a member of group 'VDI-Users'" },
      { ruleId: "r2", position: 2, effect: "allow", matched: false, why: "attribute 'mail' is absent" },
    ]);
  });

  it("an allow limited to a location the client is not in does not match", () => {
    const decision = evaluate({ client: fromHome, rules: [allow("r1", 1, anyone, { locationIds: ["office"] })] });
    expect(decision.reason).toBe("no_rule_matched");
    expect(decision.trace[0]).toMatchObject({ matched: false, why: expect.stringMatching(/not in its ranges/) });
  });
});

describe("evaluateAccess: ordering and allow", () => {
  it("the first matching allow by position decides, whatever the array order", () => {
    const decision = evaluate({
      rules: [
        allow("late", 30, anyone, { policyId: "p-everyone" }),
        allow("early", 10, group("vdi-users"), { policyId: "p-vdi", role: "tenant_helpdesk" }),
        allow("no-match", 5, group("Admins"), { role: "tenant_admin" }),
      ],
    });
    expect(decision).toMatchObject({
      allowed: true,
      reason: "allowed",
      decidedBy: { ruleId: "early", position: 10 },
      role: "tenant_helpdesk",
      policyId: "p-vdi",
    });
    expect(decision.trace.map((entry) => [entry.ruleId, entry.matched])).toEqual([
      ["no-match", false],
      ["early", true],
      ["late", true],
    ]);
    expect(decision.trace[2].why).toMatch(/an earlier allow rule decides/);
    expect(decision.detail).toMatch(/allowed by rule early at position 10/);
  });

  it("equal positions are ordered by id so the result is deterministic", () => {
    const rules = [allow("b", 1, anyone, { policyId: "pb" }), allow("a", 1, anyone, { policyId: "pa" })];
    expect(evaluate({ rules }).policyId).toBe("pa");
    expect(evaluate({ rules: [...rules].reverse() }).policyId).toBe("pa");
  });

  it("per-location outcomes: same group, MFA only away from the office", () => {
    const rules = [
      allow("office", 1, group("VDI-Users"), { locationIds: ["office"], mfaRequired: false, policyId: "p-direct" }),
      allow("remote", 2, group("VDI-Users"), { locationIds: ["anywhere"], mfaRequired: true, policyId: "p-remote" }),
    ];
    expect(evaluate({ rules, client: inOffice })).toMatchObject({ policyId: "p-direct", mfaRequired: false });
    expect(evaluate({ rules, client: fromHome })).toMatchObject({ policyId: "p-remote", mfaRequired: true });
    // After hours the office location does not apply, so even the office network needs MFA.
    expect(evaluate({ rules, client: inOffice, now: saturdayNoon })).toMatchObject({
      policyId: "p-remote",
      mfaRequired: true,
    });
  });

  it("a rule listing several locations matches in any of them", () => {
    const rules = [allow("r", 1, anyone, { locationIds: ["office", "gateway"] })];
    expect(evaluate({ rules, client: inOffice }).allowed).toBe(true);
    expect(evaluate({ rules, client: { ...fromHome, viaGateway: true } }).allowed).toBe(true);
    expect(evaluate({ rules, client: fromHome }).allowed).toBe(false);
  });
});

describe("evaluateAccess: constraints and MFA propagate", () => {
  it.each<[string, unknown, unknown]>([
    [
      "defaults when omitted",
      undefined,
      { gatewayOnly: false, html5Only: false, protocols: ["RDP", "VNC", "SSH", "HTML5"] },
    ],
    [
      "gateway only",
      { gatewayOnly: true },
      { gatewayOnly: true, html5Only: false, protocols: ["RDP", "VNC", "SSH", "HTML5"] },
    ],
    [
      "html5 only, protocols normalised to canonical order without duplicates",
      { html5Only: true, protocols: ["HTML5", "SSH", "HTML5"] },
      { gatewayOnly: false, html5Only: true, protocols: ["SSH", "HTML5"] },
    ],
    ["RDP only", { protocols: ["RDP"] }, { gatewayOnly: false, html5Only: false, protocols: ["RDP"] }],
  ])("%s", (_name, constraints, expected) => {
    const decision = evaluate({
      rules: [allow("r", 1, anyone, { mfaRequired: true, constraints, role: "tenant_admin" })],
    });
    expect(decision).toMatchObject({ allowed: true, mfaRequired: true, role: "tenant_admin", policyId: "policy-r" });
    expect(decision.constraints).toEqual(expected);
  });

  it("the returned constraints are a copy the caller may not use to alter later decisions", () => {
    const rules = [allow("r", 1, anyone, { constraints: { protocols: ["RDP"] } })];
    const first = evaluate({ rules });
    (first.constraints!.protocols as string[]).push("SSH");
    expect(evaluate({ rules }).constraints!.protocols).toEqual(["RDP"]);
  });
});

describe("evaluateAccess: explicit deny wins", () => {
  it("a later deny beats an earlier allow", () => {
    const decision = evaluate({
      subject: carl,
      rules: [allow("everyone", 1, anyone, { policyId: "p" }), deny("no-contractors", 99, group("Contractors"))],
    });
    expect(decision).toMatchObject({
      allowed: false,
      reason: "explicit_deny",
      decidedBy: { ruleId: "no-contractors", position: 99 },
      role: null,
      policyId: null,
      mfaRequired: false,
      constraints: null,
    });
    expect(decision.trace).toEqual([
      {
        ruleId: "everyone",
        position: 1,
        effect: "allow",
        matched: true,
        why: "applies to every user; at any location",
      },
      {
        ruleId: "no-contractors",
        position: 99,
        effect: "deny",
        matched: true,
        why: "member of group 'Contractors'; at any location",
      },
    ]);
  });

  it("a deny that does not match the subject leaves the allow in place", () => {
    const decision = evaluate({
      subject: alice,
      rules: [allow("everyone", 1, anyone), deny("no-contractors", 2, group("Contractors"))],
    });
    expect(decision).toMatchObject({ allowed: true, decidedBy: { ruleId: "everyone" } });
    expect(decision.trace[1]).toMatchObject({ matched: false, why: "not a member of group 'Contractors'" });
  });

  it("a location-scoped deny applies only at that location", () => {
    const rules = [allow("everyone", 1, anyone), deny("contractors-gateway", 2, group("Contractors"), ["gateway"])];
    expect(evaluate({ subject: carl, rules, client: { ...fromHome, viaGateway: true } })).toMatchObject({
      allowed: false,
      decidedBy: { ruleId: "contractors-gateway" },
    });
    expect(evaluate({ subject: carl, rules, client: inOffice })).toMatchObject({
      allowed: true,
      decidedBy: { ruleId: "everyone" },
    });
  });

  it("the first deny by position is reported when several match", () => {
    const decision = evaluate({ subject: carl, rules: [deny("d2", 20, anyone), deny("d1", 10, group("Contractors"))] });
    expect(decision.decidedBy).toEqual({ ruleId: "d1", position: 10 });
    expect(decision.trace.every((entry) => entry.matched)).toBe(true);
  });
});

describe("evaluateAccess: broken rules deny (fail closed)", () => {
  const valid = allow("ok", 1, anyone);
  it.each<[string, AssignmentRuleInput, RegExp]>([
    [
      "unknown role",
      { ...allow("bad", 2, anyone), outcome: { effect: "allow", role: "root", policyId: "p", mfaRequired: false } },
      /outcome\.role/,
    ],
    ["unknown effect", { ...allow("bad", 2, anyone), outcome: { effect: "maybe" } }, /outcome\.effect/],
    [
      "missing mfaRequired",
      { ...allow("bad", 2, anyone), outcome: { effect: "allow", role: "tenant_user", policyId: "p" } },
      /mfaRequired/,
    ],
    ["empty policy id", allow("bad", 2, anyone, { policyId: "" }), /policyId/],
    [
      "html5Only without HTML5",
      allow("bad", 2, anyone, { constraints: { html5Only: true, protocols: ["RDP"] } }),
      /html5Only/,
    ],
    ["unknown protocol", allow("bad", 2, anyone, { constraints: { protocols: ["ICA"] } }), /protocols/],
    ["no protocols", allow("bad", 2, anyone, { constraints: { protocols: [] } }), /protocols/],
    ["unknown subject type", allow("bad", 2, { type: "everyone" }), /condition\.subject/],
    ["empty group name", allow("bad", 2, group("  ")), /condition\.subject\.group/],
    [
      "unknown attribute operator",
      allow("bad", 2, { type: "attribute", attribute: "mail", operator: "regex", value: ".*" }),
      /operator/,
    ],
    ["condition is null", { id: "bad", position: 2, condition: null, outcome: { effect: "deny" } }, /condition/],
    ["outcome is a string", { id: "bad", position: 2, condition: { subject: anyone }, outcome: "allow" }, /outcome/],
    [
      "typo'd key in the condition",
      { id: "bad", position: 2, condition: { subject: anyone, locations: ["office"] }, outcome: { effect: "deny" } },
      /condition/,
    ],
    ["fractional position", { ...allow("bad", 2, anyone), position: 1.5 }, /position/],
  ])("%s", (_name, broken, why) => {
    const decision = evaluate({ rules: [valid, broken] });
    expect(decision).toMatchObject({
      allowed: false,
      reason: "invalid_rule",
      decidedBy: { ruleId: "bad" },
      role: null,
      constraints: null,
    });
    const entry = decision.trace.find((item) => item.ruleId === "bad")!;
    expect(entry).toMatchObject({ effect: null, matched: true });
    expect(entry.why).toMatch(/^invalid rule, denies: /);
    expect(entry.why).toMatch(why);
  });

  it("a broken rule denies everyone, because its subject cannot be known", () => {
    const rules = [allow("ok", 1, anyone), { id: "bad", position: 2, condition: "garbage", outcome: {} }];
    for (const subject of [alice, carl, nobody]) {
      expect(evaluate({ rules, subject }).reason).toBe("invalid_rule");
    }
  });

  it("a rule with a non-numeric position is listed first in the trace", () => {
    const bad = { ...allow("bad", 0, anyone), position: Number.NaN };
    const decision = evaluate({ rules: [allow("ok", 1, anyone), bad] });
    expect(decision.trace.map((entry) => entry.ruleId)).toEqual(["bad", "ok"]);
    expect(decision.reason).toBe("invalid_rule");
  });
});

describe("evaluateAccess: location problems deny (fail closed)", () => {
  it.each<[string, string, string, RegExp]>([
    [
      "unknown location",
      "deleted-location",
      "unknown_location",
      /location 'deleted-location' does not exist, rule denies/,
    ],
    ["invalid location", "broken", "invalid_location", /location 'broken' is invalid \(cidrs: .*\), rule denies/],
  ])("%s in an allow rule whose subject matches", (_name, locationId, reason, why) => {
    const decision = evaluate({
      rules: [allow("fine", 1, anyone), allow("bad", 2, group("VDI-Users"), { locationIds: ["office", locationId] })],
    });
    expect(decision).toMatchObject({ allowed: false, reason, decidedBy: { ruleId: "bad", position: 2 } });
    expect(decision.trace[1]).toMatchObject({ matched: true, effect: "allow", why: expect.stringMatching(why) });
  });

  it("unknown location in a deny rule denies", () => {
    const decision = evaluate({ rules: [allow("fine", 1, anyone), deny("bad", 2, anyone, ["gone"])] });
    expect(decision).toMatchObject({ allowed: false, reason: "unknown_location" });
  });

  it("a rule with a broken location cannot apply to users its subject excludes", () => {
    const decision = evaluate({
      subject: alice,
      rules: [allow("fine", 1, anyone), allow("contractors", 2, group("Contractors"), { locationIds: ["gone"] })],
    });
    expect(decision).toMatchObject({ allowed: true, decidedBy: { ruleId: "fine" } });
    expect(decision.trace[1]).toMatchObject({ matched: false, why: "not a member of group 'Contractors'" });
  });

  it("duplicate location ids make that location invalid", () => {
    const decision = evaluate({
      locations: [...locations, { ...office, name: "Office copy", cidrs: ["0.0.0.0/0"] }],
      rules: [allow("r", 1, anyone, { locationIds: ["office"] })],
    });
    expect(decision).toMatchObject({ allowed: false, reason: "invalid_location" });
    expect(decision.trace[0].why).toMatch(/duplicate location id/);
    expect(decision.matchedLocationIds).not.toContain("office");
  });
});

describe("evaluateAccess: unknown client address", () => {
  const unknownClient = { ip: null, kind: "web", viaGateway: false } as const;

  it("an allow that needs an address-based location does not match", () => {
    const decision = evaluate({ client: unknownClient, rules: [allow("r", 1, anyone, { locationIds: ["office"] })] });
    expect(decision.reason).toBe("no_rule_matched");
    expect(decision.trace[0]).toMatchObject({ matched: false, why: expect.stringMatching(/client address unknown/) });
  });

  it("a location-scoped deny cannot be ruled out, so it applies", () => {
    const decision = evaluate({
      client: unknownClient,
      subject: carl,
      rules: [allow("r", 1, anyone), deny("d", 2, group("Contractors"), ["anywhere"])],
    });
    expect(decision).toMatchObject({ allowed: false, reason: "explicit_deny", decidedBy: { ruleId: "d" } });
    expect(decision.trace[1].why).toMatch(/cannot be ruled out, applied/);
  });

  it("a deny whose location definitely does not match is not applied", () => {
    const decision = evaluate({
      client: { ...unknownClient, kind: "api" },
      subject: carl,
      rules: [allow("r", 1, anyone), deny("d", 2, group("Contractors"), ["office"])],
    });
    expect(decision).toMatchObject({ allowed: true, decidedBy: { ruleId: "r" } });
  });

  it("location-free rules still work and no location is reported", () => {
    const decision = evaluate({ client: unknownClient, rules: [allow("r", 1, anyone)] });
    expect(decision).toMatchObject({ allowed: true, matchedLocationIds: [] });
  });
});

describe("evaluateAccess: explainability and purity", () => {
  it("reports every valid location the client is in, whatever the rules", () => {
    expect(evaluate({ client: inOffice }).matchedLocationIds).toEqual(["office", "anywhere"]);
    expect(evaluate({ client: { ...fromHome, viaGateway: true } }).matchedLocationIds).toEqual(["anywhere", "gateway"]);
    expect(evaluate({ client: inOffice, now: saturdayNoon }).matchedLocationIds).toEqual(["anywhere"]);
  });

  it("the trace has one entry per rule, in evaluation order, each with a reason", () => {
    const rules = [
      deny("d", 40, group("Contractors")),
      allow("a2", 30, anyone),
      { id: "x", position: 20, condition: {}, outcome: {} },
      allow("a1", 10, group("VDI-Users"), { locationIds: ["office"] }),
      allow("a0", 0, group("Nobody")),
    ];
    const decision = evaluate({ subject: carl, rules });
    expect(decision.trace.map((entry) => entry.ruleId)).toEqual(["a0", "a1", "x", "a2", "d"]);
    expect(decision.trace.map((entry) => entry.matched)).toEqual([false, true, true, true, true]);
    for (const entry of decision.trace) {
      expect(entry.why.length).toBeGreaterThan(0);
    }
    expect(decision).toMatchObject({ reason: "invalid_rule", decidedBy: { ruleId: "x", position: 20 } });
  });

  it("uses only the injected clock and is deterministic", () => {
    vi.spyOn(Date, "now").mockImplementation(() => {
      throw new Error("evaluateAccess must not read the system clock");
    });
    const input: AccessEvaluationInput = {
      rules: [allow("r", 1, anyone, { locationIds: ["office"] })],
      locations,
      subject: alice,
      client: inOffice,
      now: mondayNoon,
    };
    expect(evaluateAccess(input)).toEqual(evaluateAccess(input));
    expect(evaluateAccess(input).allowed).toBe(true);
    expect(evaluateAccess({ ...input, now: saturdayNoon }).allowed).toBe(false);
  });

  it("does not reorder or modify the caller's rule list", () => {
    const rules = [allow("b", 2, anyone), allow("a", 1, anyone)];
    const snapshot = structuredClone(rules);
    evaluate({ rules });
    expect(rules).toEqual(snapshot);
  });

  it("accepts already-parsed rules as well as raw JSON", () => {
    const parsed = {
      id: "r",
      position: 1,
      condition: { subject: { type: "any" as const }, locationIds: [] },
      outcome: {
        effect: "allow" as const,
        role: "tenant_user" as const,
        policyId: "p",
        mfaRequired: true,
        constraints: { gatewayOnly: true, html5Only: false, protocols: ["RDP" as const] },
      },
    };
    expect(evaluate({ rules: [parsed] })).toMatchObject({
      allowed: true,
      mfaRequired: true,
      constraints: { gatewayOnly: true },
    });
  });
});
