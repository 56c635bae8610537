/** Choices shared by the location form and the list (which shows their labels). */
export const CLIENT_KINDS = [
  { value: "web", label: "Web browser" },
  { value: "native", label: "Native client" },
  { value: "api", label: "API" },
];

export const VIA_GATEWAY = [
  { value: "any", label: "Direct or through the gateway" },
  { value: "yes", label: "Only through the gateway" },
  { value: "no", label: "Only direct" },
];
