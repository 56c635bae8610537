import type { DisplayProtocol, ProtocolPlan, ProtocolSetting } from "@atrium/schema";
import type { ConnectionConstraints } from "../../access/index.js";

/** Used when an entitlement names no protocol plan: RDP, direct unless the location demands the gateway. */
export const DEFAULT_PROTOCOLS: ProtocolSetting[] = [
  { protocol: "RDP", priority: 1, port: null, gateway: "when_required", rdpOptions: [] },
];

const DEFAULT_PORTS: Record<ProtocolSetting["protocol"], number> = { RDP: 3389, VNC: 5900, SSH: 22, HTML5: 5900 };

export interface ChosenProtocol {
  setting: ProtocolSetting;
  port: number;
  viaGateway: boolean;
}

/**
 * Picks the display protocol: the plan's settings by priority, narrowed by the access decision's constraints (they
 * can only narrow). A setting that must stay direct cannot serve a client that must use the gateway; HTML5 always
 * runs through the gateway (the browser cannot speak RDP/VNC/SSH itself). RDP also runs in the browser (IronRDP
 * through the gateway), so a browser-only client may use an RDP setting wherever HTML5 is allowed, via the gateway.
 */
export function chooseProtocol(
  plan: ProtocolPlan | null,
  constraints: ConnectionConstraints,
  requested: string | null,
): ChosenProtocol | null {
  const settings = [...(plan?.protocols ?? DEFAULT_PROTOCOLS)].sort((a, b) => a.priority - b.priority);
  for (const setting of settings) {
    if (requested && setting.protocol !== requested) continue;
    if (!constraints.protocols.includes(setting.protocol)) continue;
    const browserRdp = setting.protocol === "RDP" && constraints.protocols.includes("HTML5");
    if (constraints.html5Only && setting.protocol !== "HTML5" && !browserRdp) continue;
    const viaGateway =
      setting.protocol === "HTML5" || setting.gateway === "always" || constraints.gatewayOnly || constraints.html5Only;
    if (viaGateway && setting.gateway === "never") continue;
    return { setting, port: setting.port ?? DEFAULT_PORTS[setting.protocol], viaGateway };
  }
  return null;
}

/**
 * HTML5 means "the desktop in the browser". Windows desktops have no VNC server: for them it is RDP in the browser
 * (IronRDP through the gateway's RDCleanPath endpoint), on the plan's RDP port. Other desktops keep VNC.
 */
export function browserProtocolFor(
  chosen: ChosenProtocol,
  plan: ProtocolPlan | null,
  windows: boolean,
): ChosenProtocol {
  if (chosen.setting.protocol !== "HTML5" || !windows) return chosen;
  const rdp = plan?.protocols.find((setting) => setting.protocol === "RDP");
  return {
    setting: { ...chosen.setting, protocol: "RDP", rdpOptions: rdp?.rdpOptions ?? [] },
    port: rdp?.port ?? DEFAULT_PORTS.RDP,
    viaGateway: true,
  };
}

/** Windows pools are the ones whose desktops boot with cloudbase-init. */
export const isWindowsPool = (pool: { userDataKind: string }) => pool.userDataKind === "cloudbase-init";

/** Protocols the user could use for a desktop from where they are (for the offer list). */
export function usableProtocols(plan: ProtocolPlan | null, constraints: ConnectionConstraints): DisplayProtocol[] {
  const names = (plan?.protocols ?? DEFAULT_PROTOCOLS).map((setting) => setting.protocol);
  return names.filter((name) => chooseProtocol(plan, constraints, name) !== null);
}

/**
 * A minimal `.rdp` file for a direct connection. Values come from the desktop's address and validated plan lines
 * only; the username is stripped of anything that could start a new line.
 */
export function buildRdpFile(host: string, port: number, username: string, extraLines: readonly string[]): string {
  const safeUser = username.replace(/[\r\n]/g, "");
  const lines = [
    `full address:s:${host}:${port}`,
    `username:s:${safeUser}`,
    "prompt for credentials:i:1",
    "authentication level:i:2",
    "screen mode id:i:2",
    ...extraLines,
  ];
  return `${lines.join("\r\n")}\r\n`;
}
