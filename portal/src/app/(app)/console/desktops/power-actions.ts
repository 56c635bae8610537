import {
  DesiredPowerState,
  DesktopAction,
  DesktopAvailability,
  type DesktopPendingAction,
  PowerState,
} from "@/generated/graphql";

export interface PowerChoice {
  action: DesktopAction;
  label: string;
}

const BY_STATE: Partial<Record<PowerState, PowerChoice[]>> = {
  [PowerState.RUNNING]: [
    { action: DesktopAction.STOP, label: "Shut down" },
    { action: DesktopAction.REBOOT, label: "Restart" },
    { action: DesktopAction.SUSPEND, label: "Suspend" },
    { action: DesktopAction.SHELVE, label: "Shelve" },
  ],
  [PowerState.STOPPED]: [
    { action: DesktopAction.START, label: "Start" },
    { action: DesktopAction.SHELVE, label: "Shelve" },
  ],
  [PowerState.SUSPENDED]: [{ action: DesktopAction.RESUME, label: "Resume" }],
  [PowerState.SHELVED]: [{ action: DesktopAction.UNSHELVE, label: "Unshelve" }],
};

interface DesktopPowerView {
  observedPowerState: PowerState;
  desiredPowerState: DesiredPowerState;
  pendingAction: DesktopPendingAction | null;
  availability: DesktopAvailability;
}

/** The power actions that make sense now; none while the controller is still carrying out the previous request. */
export function powerChoices(desktop: DesktopPowerView): PowerChoice[] {
  if (
    desktop.availability === DesktopAvailability.DELETING ||
    desktop.desiredPowerState === DesiredPowerState.DELETED
  ) {
    return [];
  }
  if (busy(desktop)) return [];
  return BY_STATE[desktop.observedPowerState] ?? [];
}

/** A requested change the controller has not finished: the page keeps polling until it has. */
export function busy(desktop: DesktopPowerView): boolean {
  return (
    desktop.pendingAction !== null ||
    desktop.desiredPowerState !== desktop.observedPowerState ||
    desktop.availability === DesktopAvailability.PROVISIONING ||
    desktop.availability === DesktopAvailability.DELETING
  );
}
