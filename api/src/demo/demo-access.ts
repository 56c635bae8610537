import { Tenant } from "@atrium/schema";
import type { DataSource } from "typeorm";
import { acrossTenants } from "../db/index.js";

/** The demo seed opens the MSP-wide door as itself. */
const SEED = "demo-seed";

/**
 * Gives each demo tenant's users their demo pool: a location that matches any address, one policy entitled to the
 * pool with a protocol plan that puts the desktop in the browser first (HTML5 through the gateway, which demo mode
 * leads to the demo desktop server) and native RDP second, and one rule allowing everyone. Runs once per tenant (skipped when the tenant has any policy), so what a
 * tenant admin changes in the demo stays changed.
 */
export async function seedDemoAccess(dataSource: DataSource, tenantSlugs: readonly string[]): Promise<void> {
  for (const slug of tenantSlugs) {
    await acrossTenants(dataSource.manager, "demo seed of every demo tenant", SEED).transaction(async (across) => {
      const tenant = await across.manager.getRepository(Tenant).findOneBy({ slug });
      if (!tenant) return;
      const db = across.forTenant(tenant.id);
      if ((await db.policies.count()) > 0) return;
      const pool = await db.pools.findOne({}, { order: { createdAt: "ASC" } });
      if (!pool) return;
      const anywhere = await db.locations.insert({
        name: "Anywhere",
        description: "Demo: every address, every client",
        cidrs: ["0.0.0.0/0", "::/0"],
        clientKinds: ["web", "native", "api"],
        viaGateway: "any",
        timeWindows: [],
      });
      const policy = await db.policies.insert({
        name: "Standard desktop",
        description: "Demo: one floating desktop from the demo pool",
        maxDesktops: 1,
        rogueAction: "log",
      });
      const protocols = await db.protocolPlans.insert({
        name: "Demo: browser first",
        protocols: [
          { protocol: "HTML5", priority: 1, port: null, gateway: "always", rdpOptions: [] },
          { protocol: "RDP", priority: 2, port: null, gateway: "when_required", rdpOptions: [] },
        ],
      });
      await db.poolEntitlements.insert({
        policyId: policy.id,
        poolId: pool.id,
        position: 0,
        offerCount: 1,
        persistent: false,
        sortOrder: "favor_previous",
        startIfStopped: true,
        userPowerActions: ["start", "stop", "reboot"],
        protocolPlanId: protocols.id,
        powerPlanId: null,
        releasePlanId: null,
      });
      await db.assignmentRules.insert({
        identityProviderId: null,
        position: 0,
        description: "Demo: everyone gets the standard desktop",
        condition: { subject: { type: "any" }, locationIds: [anywhere.id] },
        outcome: {
          effect: "allow",
          role: "tenant_user",
          policyId: policy.id,
          mfaRequired: false,
          constraints: { gatewayOnly: false, html5Only: false, protocols: ["RDP", "VNC", "SSH", "HTML5"] },
        },
      });
    });
  }
}
