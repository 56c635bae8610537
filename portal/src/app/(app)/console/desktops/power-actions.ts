import type { DesktopAction } from "@/generated/graphql";

export interface PowerChoice {
  action: DesktopAction;
  label: string;
}

const BY_STATE: Record<string, PowerChoice[]> = {
  running: [
    { action: "STOP", label: "Shut down" },
    { action: "REBOOT", label: "Restart" },
    { action: "SUSPEND", label: "Suspend" },
    { action: "SHELVE", label: "Shelve" },
  ],
  stopped: [
    { action: "START", label: "Start" },
    { action: "SHELVE", label: "Shelve" },
  ],
  suspended: [{ action: "RESUME", label: "Resume" }],
  shelved: [{ action: "UNSHELVE", label: "Unshelve" }],
};

interface DesktopPowerView {
  observedPowerState: string;
  desiredPowerState: string;
  pendingAction: string | null;
  availability: string;
}

/** The power actions that make sense now; none while the controller is still carrying out the previous request. */
export function powerChoices(desktop: DesktopPowerView): PowerChoice[] {
  if (desktop.availability === "deleting" || desktop.desiredPowerState === "deleted") return [];
  if (busy(desktop)) return [];
  return BY_STATE[desktop.observedPowerState] ?? [];
}

/** A requested change the controller has not finished: the page keeps polling until it has. */
export function busy(desktop: DesktopPowerView): boolean {
  return (
    desktop.pendingAction !== null ||
    desktop.desiredPowerState !== desktop.observedPowerState ||
    ["provisioning", "deleting"].includes(desktop.availability)
  );
}
