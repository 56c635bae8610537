import { describe, expect, it } from "vitest";
import { DesiredPowerState, DesktopAvailability, DesktopPendingAction, PowerState } from "@/generated/graphql";
import { busy, powerChoices } from "./power-actions";

const settled = {
  observedPowerState: PowerState.RUNNING,
  desiredPowerState: DesiredPowerState.RUNNING,
  pendingAction: null,
  availability: DesktopAvailability.AVAILABLE,
};

describe("desktop power actions offered", () => {
  it("follows the power state the cloud reports", () => {
    expect(powerChoices(settled).map((choice) => choice.action)).toEqual(["STOP", "REBOOT", "SUSPEND", "SHELVE"]);
    const stopped = {
      ...settled,
      observedPowerState: PowerState.STOPPED,
      desiredPowerState: DesiredPowerState.STOPPED,
    };
    expect(powerChoices(stopped).map((choice) => choice.action)).toEqual(["START", "SHELVE"]);
    expect(powerChoices({ ...settled, observedPowerState: PowerState.ERROR })).toEqual([]);
  });

  it("offers nothing while a request is under way or the desktop is going away", () => {
    const stopping = { ...settled, desiredPowerState: DesiredPowerState.STOPPED };
    expect(busy(stopping)).toBe(true);
    expect(powerChoices(stopping)).toEqual([]);
    expect(powerChoices({ ...settled, pendingAction: DesktopPendingAction.REBOOT })).toEqual([]);
    expect(powerChoices({ ...settled, availability: DesktopAvailability.DELETING })).toEqual([]);
    expect(busy(settled)).toBe(false);
  });
});
