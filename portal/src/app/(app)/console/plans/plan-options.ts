export const PROTOCOLS = ["RDP", "VNC", "SSH", "HTML5"] as const;

export const GATEWAY = [
  { value: "when_required", label: "Gateway when the location requires it" },
  { value: "always", label: "Always through the gateway" },
  { value: "never", label: "Never through the gateway" },
];

export const POWER_ACTIONS = [
  { value: "none", label: "Nothing" },
  { value: "suspend", label: "Suspend" },
  { value: "stop", label: "Shut down" },
  { value: "shelve", label: "Shelve" },
];

export const RELEASE_ACTIONS = [
  { value: "keep", label: "Keep it as it is" },
  { value: "rebuild", label: "Rebuild from the golden image" },
  { value: "terminate", label: "Terminate it" },
];

export const optionLabel = (options: { value: string; label: string }[], value: string) =>
  options.find((option) => option.value === value)?.label ?? value;
