import { describe, expect, it } from "vitest";
import { busy, powerChoices } from "./power-actions";

const settled = {
  observedPowerState: "running",
  desiredPowerState: "running",
  pendingAction: null,
  availability: "available",
};

describe("desktop power actions offered", () => {
  it("follows the power state the cloud reports", () => {
    expect(powerChoices(settled).map((choice) => choice.action)).toEqual(["STOP", "REBOOT", "SUSPEND", "SHELVE"]);
    const stopped = { ...settled, observedPowerState: "stopped", desiredPowerState: "stopped" };
    expect(powerChoices(stopped).map((choice) => choice.action)).toEqual(["START", "SHELVE"]);
    expect(powerChoices({ ...settled, observedPowerState: "error", desiredPowerState: "error" })).toEqual([]);
  });

  it("offers nothing while a request is under way or the desktop is going away", () => {
    const stopping = { ...settled, desiredPowerState: "stopped" };
    expect(busy(stopping)).toBe(true);
    expect(powerChoices(stopping)).toEqual([]);
    expect(powerChoices({ ...settled, pendingAction: "reboot" })).toEqual([]);
    expect(powerChoices({ ...settled, availability: "deleting" })).toEqual([]);
    expect(busy(settled)).toBe(false);
  });
});
