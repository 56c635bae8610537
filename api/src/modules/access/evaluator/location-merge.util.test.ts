import { describe, expect, it } from "vitest";
import { evaluateAccess } from "./access.evaluator.js";
import type { Location } from "./location.types.js";
import { mergeLocations } from "./location-merge.util.js";

const location = (id: string, name: string, cidr = "0.0.0.0/0"): Location => ({
  id,
  name,
  cidrs: [cidr],
  clientKinds: ["web"],
  viaGateway: "any",
  timeWindows: [],
});

describe("mergeLocations", () => {
  it("tenant locations come first, then unshadowed MSP defaults", () => {
    const { locations, shadowed } = mergeLocations(
      [location("t-office", "Office", "10.0.0.0/8")],
      [location("m-office", "office ", "192.168.0.0/16"), location("m-internet", "Internet")],
    );
    expect(locations.map((item) => item.id)).toEqual(["t-office", "m-internet"]);
    expect(shadowed).toEqual([{ name: "office", mspLocationId: "m-office", tenantLocationId: "t-office" }]);
  });

  it.each([
    ["same name", "Office", "Office", true],
    ["case differs", "OFFICE", "office", true],
    ["whitespace differs", " Office", "Office  ", true],
    ["Unicode composition differs", "Caf\u00e9", "Cafe\u0301", true],
    ["different names", "Office", "Office 2", false],
  ])("%s -> shadowed=%s", (_name, tenantName, mspName, expected) => {
    const result = mergeLocations([location("t", tenantName)], [location("m", mspName)]);
    expect(result.shadowed.length > 0).toBe(expected);
    expect(result.locations.map((item) => item.id)).toEqual(expected ? ["t"] : ["t", "m"]);
  });

  it("keeps every location when either side is empty", () => {
    expect(mergeLocations([], [location("m", "A")]).locations.map((item) => item.id)).toEqual(["m"]);
    expect(mergeLocations([location("t", "A")], []).locations.map((item) => item.id)).toEqual(["t"]);
  });

  it("passes through unnamed rows (they fail validation later) without shadowing anything", () => {
    const junk = { id: "junk" } as unknown as Location;
    const result = mergeLocations([junk], [location("m", "A"), { id: "m-junk" } as unknown as Location]);
    expect(result.locations.map((item) => item.id)).toEqual(["junk", "m", "m-junk"]);
    expect(result.shadowed).toEqual([]);
  });

  it("a rule that referenced the shadowed MSP location now fails closed", () => {
    const { locations } = mergeLocations(
      [location("t-office", "Office", "10.0.0.0/8")],
      [location("m-office", "Office")],
    );
    const decision = evaluateAccess({
      rules: [
        {
          id: "r",
          position: 1,
          condition: { subject: { type: "any" }, locationIds: ["m-office"] },
          outcome: { effect: "allow", role: "tenant_user", policyId: "p", mfaRequired: false },
        },
      ],
      locations,
      subject: { groups: [], attributes: {} },
      client: { ip: "10.0.0.1", kind: "web", viaGateway: false },
      now: new Date("2025-06-02T10:00:00Z"),
    });
    expect(decision).toMatchObject({ allowed: false, reason: "unknown_location", matchedLocationIds: ["t-office"] });
  });
});
