import { describe, expect, it } from "vitest";
import { DesktopSessionState, RuleEffect, Weekday } from "@/generated/graphql";
import { enumOptions, enumValue, enumValuesOf, optionLabel, optionValue } from "./enums";

describe("generated enums in forms", () => {
  it("narrows a submitted string to the enum's name, and nothing else", () => {
    expect(enumValue(DesktopSessionState, "IDLE")).toBe(DesktopSessionState.IDLE);
    // The stored lowercase value is not a GraphQL name: a stale or tampered form gets nothing through.
    expect(enumValue(DesktopSessionState, "idle")).toBeUndefined();
    expect(enumValue(DesktopSessionState, "")).toBeUndefined();
    expect(enumValue(DesktopSessionState, null)).toBeUndefined();
  });

  it("keeps the names of a multi-value field in order and drops the rest", () => {
    expect(enumValuesOf(Weekday, ["TUE", "mon", "MON", 3, "SUNDAY"])).toEqual([Weekday.TUE, Weekday.MON]);
  });

  it("builds options in the labels' order and reads them back", () => {
    const options = enumOptions<RuleEffect>({ DENY: "Deny", ALLOW: "Allow" });
    expect(options).toEqual([
      { value: "DENY", label: "Deny" },
      { value: "ALLOW", label: "Allow" },
    ]);
    expect(optionValue(options, "ALLOW")).toBe(RuleEffect.ALLOW);
    expect(optionValue(options, "allow")).toBeUndefined();
    expect(optionLabel(options, "DENY")).toBe("Deny");
    expect(optionLabel(options, "MAYBE")).toBe("MAYBE");
  });
});
