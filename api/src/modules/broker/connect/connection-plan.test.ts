import type { ProtocolPlan } from "@atrium/schema";
import { describe, expect, it } from "vitest";
import { browserProtocolFor, chooseProtocol, isWindowsPool, usableProtocols } from "./connection-plan.js";

// The access module's defaults, spelled out: its index pulls in the GraphQL types.
const DEFAULT_CONNECTION_CONSTRAINTS = {
  gatewayOnly: false,
  html5Only: false,
  protocols: ["RDP", "VNC", "SSH", "HTML5"] as ("RDP" | "VNC" | "SSH" | "HTML5")[],
};
const plan = (protocols: ProtocolPlan["protocols"]) => ({ protocols }) as ProtocolPlan;
const rdpAndHtml5 = plan([
  { protocol: "RDP", priority: 1, port: 3390, gateway: "when_required", rdpOptions: ["audiomode:i:2"] },
  { protocol: "HTML5", priority: 2, port: null, gateway: "always", rdpOptions: [] },
]);
const browserOnly = { ...DEFAULT_CONNECTION_CONSTRAINTS, html5Only: true };

describe("connection plan: RDP in the browser", () => {
  it("offers RDP to a browser-only client wherever HTML5 is allowed, always through the gateway", () => {
    expect(chooseProtocol(rdpAndHtml5, browserOnly, null)).toMatchObject({
      setting: { protocol: "RDP" },
      port: 3390,
      viaGateway: true,
    });
    expect(usableProtocols(rdpAndHtml5, browserOnly)).toEqual(["RDP", "HTML5"]);
    // Without the browser in the picture, RDP stays direct where the plan allows it.
    expect(chooseProtocol(rdpAndHtml5, DEFAULT_CONNECTION_CONSTRAINTS, null)?.viaGateway).toBe(false);
    const directOnly = plan([{ protocol: "RDP", priority: 1, port: null, gateway: "never", rdpOptions: [] }]);
    expect(chooseProtocol(directOnly, browserOnly, null)).toBeNull();
  });

  it("makes HTML5 RDP on the plan's RDP port for Windows pools and leaves VNC for the others", () => {
    const html5 = chooseProtocol(rdpAndHtml5, DEFAULT_CONNECTION_CONSTRAINTS, "HTML5")!;
    expect(browserProtocolFor(html5, rdpAndHtml5, true)).toEqual({
      setting: { ...html5.setting, protocol: "RDP", rdpOptions: ["audiomode:i:2"] },
      port: 3390,
      viaGateway: true,
    });
    expect(browserProtocolFor(html5, rdpAndHtml5, false)).toBe(html5);
    const html5Alone = plan([{ protocol: "HTML5", priority: 1, port: null, gateway: "always", rdpOptions: [] }]);
    const chosen = chooseProtocol(html5Alone, DEFAULT_CONNECTION_CONSTRAINTS, null)!;
    expect(browserProtocolFor(chosen, html5Alone, true).port).toBe(3389);
    expect(isWindowsPool({ userDataKind: "cloudbase-init" })).toBe(true);
    expect(isWindowsPool({ userDataKind: "cloud-init" })).toBe(false);
  });
});
