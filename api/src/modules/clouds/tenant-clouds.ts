import { Cloud, Tenant } from "@atrium/schema";
import DataLoader from "dataloader";
import { In } from "typeorm";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import type { Loaders } from "../../context/loaders.js";
import { acrossTenants, isUuid } from "../../db/index.js";
import { AppError, conflict, notFound } from "../../errors/app-error.js";
import { recordAudit } from "../../tenancy/audit.js";

/*
 * Which clouds a tenant may build on is the MSP's choice, stored as `tenant.cloudIds`. A tenant sees and uses no
 * other cloud: one it may not use answers NOT_FOUND, exactly as an id that does not exist, so a tenant cannot learn
 * which clouds the MSP runs. Onboarding grants the cloud the tenant's project was picked on (tenants.service.ts);
 * migrations 0013 and 0016 granted existing tenants the clouds their pools use and the cloud they were mapped on.
 */

/** A grant never removes a cloud by accident: the mapping's cloud is added to what the tenant has. */
export function withCloud(cloudIds: readonly string[], cloudId: string | null): string[] {
  return cloudId && !cloudIds.includes(cloudId) ? [...cloudIds, cloudId] : [...cloudIds];
}

/** The clouds granted to a tenant, by name; a grant whose cloud was deleted is simply not there. */
export function cloudsOf(ctx: Ctx, tenant: Pick<Tenant, "cloudIds">): Promise<Cloud[]> {
  if (tenant.cloudIds.length === 0) return Promise.resolve([]);
  return ctx.manager.getRepository(Cloud).find({ where: { id: In(tenant.cloudIds) }, order: { name: "ASC" } });
}

// One loader per request: a page of tenants with their clouds costs one statement, not one per tenant.
const perRequest = new WeakMap<Loaders, DataLoader<string, Cloud | null>>();

/** `cloudsOf` for a list of tenants in one answer (the Tenant.clouds field). */
export async function loadCloudsOf(ctx: Ctx, tenant: Pick<Tenant, "cloudIds">): Promise<Cloud[]> {
  let loader = perRequest.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader<string, Cloud | null>(async (ids) => {
      const clouds = await ctx.manager.getRepository(Cloud).findBy({ id: In([...ids]) });
      return ids.map((id) => clouds.find((cloud) => cloud.id === id) ?? null);
    });
    perRequest.set(ctx.loaders, loader);
  }
  const clouds = await loader.loadMany(tenant.cloudIds);
  return clouds
    .filter((cloud): cloud is Cloud => cloud !== null && !(cloud instanceof Error))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The calling tenant's own record. */
export function callingTenant(ctx: Ctx): Promise<Tenant> {
  return ctx.manager.getRepository(Tenant).findOneByOrFail({ id: ctx.db.requireTenant().tenantId });
}

/** A cloud the calling tenant may use; any other id, foreign or unknown, is NOT_FOUND. */
export async function grantedCloud(ctx: Ctx, tenant: Pick<Tenant, "cloudIds">, cloudId: string): Promise<Cloud> {
  const cloud =
    isUuid(cloudId) && tenant.cloudIds.includes(cloudId)
      ? await ctx.manager.getRepository(Cloud).findOneBy({ id: cloudId })
      : null;
  if (!cloud) throw notFound("Cloud");
  return cloud;
}

/**
 * A cloud whose last connection check failed is not offered for new pools: building there would only fail later,
 * out of the admin's sight. It is listed (as unavailable, with its status) so the admin knows why it cannot be used.
 */
export function refuseBrokenCloud(cloud: Cloud): void {
  if (cloud.status === "error") {
    throw new AppError(
      "CONFLICT",
      `Cloud "${cloud.name}" is unavailable (its last connection check failed): ask your service provider`,
      { reason: "CLOUD_UNAVAILABLE", field: "cloudId" },
    );
  }
}

/**
 * The MSP sets the clouds a tenant may use. Every id must be a registered cloud (NOT_FOUND otherwise), and a cloud
 * the tenant's pools are built on cannot be taken away while they exist: their desktops would be left on a cloud
 * the tenant may no longer see or change. Audited with the clouds' names before and after.
 */
export async function setTenantClouds(ctx: Ctx, tenantId: string, cloudIds: string[]): Promise<Tenant> {
  return withTransaction(ctx, async (tx) => {
    const tenants = tx.manager.getRepository(Tenant);
    const tenant = isUuid(tenantId) ? await tenants.findOneBy({ id: tenantId }) : null;
    if (!tenant) throw notFound("Tenant");
    const wanted = [...new Set(cloudIds)];
    const clouds = wanted.every(isUuid) ? await cloudsOf(tx, { cloudIds: wanted }) : [];
    if (clouds.length !== wanted.length) throw notFound("Cloud");
    const before = await cloudsOf(tx, tenant);
    const pools = acrossTenants(tx.manager, "MSP sets the clouds a tenant may use", tx).forTenant(tenantId).pools;
    for (const cloud of before.filter((granted) => !wanted.includes(granted.id))) {
      if (await pools.exists({ cloudId: cloud.id })) {
        throw conflict(`Pools of ${tenant.name} are built on cloud "${cloud.name}": delete them before taking it away`);
      }
    }
    const saved = await tenants.save({ ...tenant, cloudIds: clouds.map((cloud) => cloud.id) });
    await recordAudit(tx, {
      action: "setTenantClouds",
      tenantId,
      targetType: "Tenant",
      targetId: tenantId,
      before: { clouds: before.map((cloud) => cloud.name) },
      after: { clouds: clouds.map((cloud) => cloud.name) },
    });
    return saved;
  });
}
