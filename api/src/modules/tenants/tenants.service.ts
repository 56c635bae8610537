import { Tenant } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { acrossTenants, isUuid } from "../../db/index.js";
import { conflict, notFound } from "../../errors/app-error.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { providedFields } from "../../graphql/validation.js";
import { recordAudit } from "../../tenancy/audit.js";
import type { CreateTenantInput, UpdateTenantInput } from "./tenants.types.js";

// Tenants are the MSP's own records: these functions are reachable only through MSP permissions.

async function getTenant(ctx: Ctx, id: string): Promise<Tenant> {
  const tenant = isUuid(id) ? await ctx.manager.getRepository(Tenant).findOneBy({ id }) : null;
  if (!tenant) throw notFound("Tenant");
  return tenant;
}

export function listTenants(ctx: Ctx, page: PageArgs) {
  return paginate(ctx.manager.getRepository(Tenant).createQueryBuilder("tenant"), page, [
    { property: "slug", direction: "ASC" },
  ]);
}

export const findTenant = getTenant;

export async function currentTenant(ctx: Ctx): Promise<Tenant> {
  return getTenant(ctx, ctx.db.requireTenant().tenantId);
}

export async function createTenant(ctx: Ctx, input: CreateTenantInput): Promise<Tenant> {
  return withTransaction(ctx, async (tx) => {
    const tenants = tx.manager.getRepository(Tenant);
    if (await tenants.findOneBy({ slug: input.slug })) throw conflict(`A tenant with slug "${input.slug}" exists`);
    const tenant = await tenants.save(tenants.create({ ...input, status: "active" }));
    await recordAudit(tx, {
      action: "createTenant",
      tenantId: tenant.id,
      targetType: "Tenant",
      targetId: tenant.id,
      after: tenant,
    });
    return tenant;
  });
}

export async function updateTenant(ctx: Ctx, id: string, input: UpdateTenantInput): Promise<Tenant> {
  return withTransaction(ctx, async (tx) => {
    const tenant = await getTenant(tx, id);
    const before = { ...tenant };
    const updated = await tx.manager.getRepository(Tenant).save({ ...tenant, ...providedFields(input) });
    await recordAudit(tx, {
      action: "updateTenant",
      tenantId: id,
      targetType: "Tenant",
      targetId: id,
      before,
      after: updated,
    });
    return updated;
  });
}

/** Removes an empty tenant and its people; refuses while it still owns pools or desktops (nothing is lost silently). */
export async function deleteTenant(ctx: Ctx, id: string): Promise<Tenant> {
  return withTransaction(ctx, async (tx) => {
    const tenant = await getTenant(tx, id);
    const owned = acrossTenants(tx.manager, "MSP deletes a tenant").forTenant(id);
    if ((await owned.pools.count()) + (await owned.desktops.count()) > 0) {
      throw conflict("Delete the tenant's pools and desktops first");
    }
    for (const rows of [
      owned.groupMemberships,
      owned.roleBindings,
      owned.groups,
      owned.apiKeys,
      owned.users,
      owned.priceLists,
    ]) {
      await rows.delete({});
    }
    await tx.manager.getRepository(Tenant).delete({ id });
    await recordAudit(tx, { action: "deleteTenant", tenantId: id, targetType: "Tenant", targetId: id, before: tenant });
    return tenant;
  });
}
