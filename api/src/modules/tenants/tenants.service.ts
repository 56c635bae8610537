import { Tenant } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { acrossTenants, isUuid } from "../../db/index.js";
import { conflict, notFound } from "../../errors/app-error.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { providedFields } from "../../graphql/validation.js";
import { recordAudit } from "../../tenancy/audit.js";
import { withCloud } from "../clouds/tenant-clouds.js";
import { parseLogo } from "./tenant-branding.js";
import { checkCloudMapping } from "./tenant-cloud-mapping.js";
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

/** An active tenant by its sign-in name, for its public sign-in page; a suspended one shows nothing. */
export function brandingOf(ctx: Ctx, slug: string): Promise<Tenant | null> {
  return ctx.manager.getRepository(Tenant).findOneBy({ slug: slug.toLowerCase().slice(0, 63), status: "active" });
}

export async function currentTenant(ctx: Ctx): Promise<Tenant> {
  return getTenant(ctx, ctx.db.requireTenant().tenantId);
}

/** The audit log records that a logo changed, not the image. */
const auditedTenant = (tenant: Tenant) => ({
  ...tenant,
  logo: tenant.logo ? `${tenant.logo.mediaType}, ${Buffer.from(tenant.logo.base64, "base64").length} bytes` : null,
});

type SettingsInput = Omit<UpdateTenantInput, "name" | "status">;

/**
 * The stored form of the settings the client sent: the logo parsed and checked, and a changed cloud mapping checked
 * against Keystone (before any transaction opens: the cloud is called over the network).
 */
async function storedSettings(ctx: Ctx, input: SettingsInput, current: Tenant | null): Promise<Partial<Tenant>> {
  const { logo, ...fields } = providedFields(input);
  const stored: Partial<Tenant> = { ...fields };
  if (logo !== undefined) stored.logo = logo === null ? null : parseLogo(logo);
  const mappingChanged = ["cloudId", "vhiDomain", "vhiProject"].some((key) => key in fields);
  const project = fields.vhiProject !== undefined ? fields.vhiProject : (current?.vhiProject ?? null);
  if (mappingChanged && project) {
    const cloudId = fields.cloudId !== undefined ? fields.cloudId : (current?.cloudId ?? null);
    const domain = fields.vhiDomain !== undefined ? fields.vhiDomain : (current?.vhiDomain ?? null);
    const mapping = await checkCloudMapping(ctx, cloudId, domain, project);
    // The tenant may build on the cloud its project was picked on; clouds it had keep theirs (pools may use them).
    Object.assign(stored, mapping, { cloudIds: withCloud(current?.cloudIds ?? [], mapping.cloudId) });
  }
  return stored;
}

export async function createTenant(ctx: Ctx, input: CreateTenantInput): Promise<Tenant> {
  const { name, slug, ...settings } = input;
  const stored = await storedSettings(ctx, settings, null);
  return withTransaction(ctx, async (tx) => {
    const tenants = tx.manager.getRepository(Tenant);
    if (await tenants.findOneBy({ slug: input.slug })) throw conflict(`A tenant with slug "${input.slug}" exists`);
    const tenant = await tenants.save(tenants.create({ ...stored, name, slug, status: "active" }));
    await recordAudit(tx, {
      action: "createTenant",
      tenantId: tenant.id,
      targetType: "Tenant",
      targetId: tenant.id,
      after: auditedTenant(tenant),
    });
    return tenant;
  });
}

export async function updateTenant(ctx: Ctx, id: string, input: UpdateTenantInput): Promise<Tenant> {
  const { name, status, ...settings } = input;
  const stored = await storedSettings(ctx, settings, await getTenant(ctx, id));
  return withTransaction(ctx, async (tx) => {
    const tenant = await getTenant(tx, id);
    const before = { ...tenant };
    const updated = await tx.manager
      .getRepository(Tenant)
      .save({ ...tenant, ...providedFields({ name, status }), ...stored });
    await recordAudit(tx, {
      action: "updateTenant",
      tenantId: id,
      targetType: "Tenant",
      targetId: id,
      before: auditedTenant(before),
      after: auditedTenant(updated),
    });
    return updated;
  });
}

/** Removes an empty tenant and its people; refuses while it still owns pools or desktops (nothing is lost silently). */
export async function deleteTenant(ctx: Ctx, id: string): Promise<Tenant> {
  return withTransaction(ctx, async (tx) => {
    const tenant = await getTenant(tx, id);
    const owned = acrossTenants(tx.manager, "MSP deletes a tenant", tx).forTenant(id);
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
    await recordAudit(tx, {
      action: "deleteTenant",
      tenantId: id,
      targetType: "Tenant",
      targetId: id,
      before: auditedTenant(tenant),
    });
    return tenant;
  });
}
