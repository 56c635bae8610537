import { AssignmentRule, Location, Policy, Pool, PoolEntitlement, Tenant } from "@atrium/schema";
import type { DataSource } from "typeorm";

/**
 * Gives each demo tenant's users their demo pool: a location that matches any address, one policy entitled to the
 * pool, and one rule allowing everyone. Runs once per tenant (skipped when the tenant has any policy), so what a
 * tenant admin changes in the demo stays changed.
 */
export async function seedDemoAccess(dataSource: DataSource, tenantSlugs: readonly string[]): Promise<void> {
  for (const slug of tenantSlugs) {
    await dataSource.transaction(async (m) => {
      const tenant = await m.getRepository(Tenant).findOneBy({ slug });
      if (!tenant || (await m.getRepository(Policy).countBy({ tenantId: tenant.id })) > 0) return;
      const pool = await m.getRepository(Pool).findOne({ where: { tenantId: tenant.id }, order: { createdAt: "ASC" } });
      if (!pool) return;
      const anywhere = await m.getRepository(Location).save({
        tenantId: tenant.id,
        name: "Anywhere",
        description: "Demo: every address, every client",
        cidrs: ["0.0.0.0/0", "::/0"],
        clientKinds: ["web", "native", "api"],
        viaGateway: "any",
        timeWindows: [],
      });
      const policy = await m.getRepository(Policy).save({
        tenantId: tenant.id,
        name: "Standard desktop",
        description: "Demo: one floating desktop from the demo pool",
        maxDesktops: 1,
        rogueAction: "log",
      });
      await m.getRepository(PoolEntitlement).save({
        tenantId: tenant.id,
        policyId: policy.id,
        poolId: pool.id,
        position: 0,
        offerCount: 1,
        persistent: false,
        sortOrder: "favor_previous",
        startIfStopped: true,
        userPowerActions: ["start", "stop", "reboot"],
        protocolPlanId: null,
        powerPlanId: null,
        releasePlanId: null,
      });
      await m.getRepository(AssignmentRule).save({
        tenantId: tenant.id,
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
