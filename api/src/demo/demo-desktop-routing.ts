import type { DataSource } from "typeorm";
import { acrossTenants } from "../db/index.js";
import type { TunnelDestinationOverride } from "../modules/gateway/index.js";
import type { DemoDesktopServer } from "./demo-desktop-server.js";

/** Protocols the demo desktop server speaks: VNC, and HTML5 (VNC drawn in the browser). */
const DEMO_PROTOCOLS = new Set(["VNC", "HTML5"]);

/**
 * Demo mode only: tunnels to desktops of the demo cloud (the in-process simulator, whose machines do not exist) go
 * to the demo desktop server, labelled with the desktop's name and the ticket's user. The ticket was verified and
 * consumed and access re-checked before this runs; desktops of any other cloud keep the broker's address.
 */
export function demoDesktopDestinations(
  dataSource: DataSource,
  demoCloudId: string,
  server: DemoDesktopServer,
): TunnelDestinationOverride {
  return async (grant) => {
    if (!DEMO_PROTOCOLS.has(grant.protocol)) return null;
    const db = acrossTenants(
      dataSource.manager,
      "demo desktops: where a simulated desktop's tunnel leads",
      "gateway",
    ).forTenant(grant.tenantId);
    const desktop = await db.desktops.findOne({ id: grant.desktopId });
    const pool = desktop ? await db.pools.findOne({ id: desktop.poolId }) : null;
    if (!desktop || pool?.cloudId !== demoCloudId) return null;
    const user = await db.users.findOne({ id: grant.userId });
    const userLabel = user ? `${user.displayName ?? user.username} (${user.username})` : "unknown user";
    return server.addressFor(desktop.id, { desktopName: desktop.name, userLabel });
  };
}
