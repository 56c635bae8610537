import type { ClientKind, LocationGatewayMode } from "@/generated/graphql";
import { enumOptions } from "@/lib/enums";

/** Choices shared by the location form and the list (which shows their labels). */
export const CLIENT_KINDS = enumOptions<ClientKind>({ WEB: "Web browser", NATIVE: "Native client", API: "API" });

export const VIA_GATEWAY = enumOptions<LocationGatewayMode>({
  ANY: "Direct or through the gateway",
  YES: "Only through the gateway",
  NO: "Only direct",
});
