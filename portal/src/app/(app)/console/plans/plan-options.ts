import { DisplayProtocol, type GatewayUsage, type PlanPowerAction, type ReleaseDisposition } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";

export const PROTOCOLS = Object.values(DisplayProtocol);

export const GATEWAY = enumOptions<GatewayUsage>({
  WHEN_REQUIRED: "Gateway when the location requires it",
  ALWAYS: "Always through the gateway",
  NEVER: "Never through the gateway",
});

export const POWER_ACTIONS = enumOptions<PlanPowerAction>({
  NONE: "Nothing",
  SUSPEND: "Suspend",
  STOP: "Shut down",
  SHELVE: "Shelve",
});

export const RELEASE_ACTIONS = enumOptions<ReleaseDisposition>({
  KEEP: "Keep it as it is",
  REBUILD: "Rebuild from the golden image",
  TERMINATE: "Terminate it",
});
