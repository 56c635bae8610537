import type { Cloud, Tenant } from "@atrium/schema";
import { isVhiError, serviceLabel, type VhiClient } from "../../clouds/vhi/index.js";
import type { Ctx } from "../../context/ctx.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { openCloudClient } from "./cloud-client.factory.js";
import type { CloudInventoryType, PoolCloudType } from "./cloud-inventory.types.js";
import { getCloud } from "./clouds.service.js";
import { flavorsOfProject, imagesOfProject, networkUsableBy, securityGroupUsableBy } from "./project-ownership.js";
import { callingTenant, cloudsOf, grantedCloud, refuseBrokenCloud } from "./tenant-clouds.js";

/**
 * Reads every picker list of the pool form in parallel; a failure of the cloud becomes one clear API error. With
 * `projectId`, every list is limited to what that project may build from (project-ownership.ts): an admin-scoped
 * service account is shown every project's resources, and a tenant must never be offered (nor allowed to use)
 * another tenant's private image, flavor, network or security group.
 */
export async function readInventory(client: VhiClient, cloud: Cloud, projectId?: string): Promise<CloudInventoryType> {
  try {
    const [allImages, allFlavors, networks, securityGroups, volumeTypes, zones] = await Promise.all([
      client.images.list({}),
      client.flavors.list(),
      client.networks.list(),
      client.securityGroups.list(),
      // Storage policies and zones only refine the form: a cloud without Cinder or the AZ API still builds pools.
      client.volumeTypes.list().catch(() => []),
      client.availabilityZones.list().catch(() => []),
    ]);
    const activeImages = allImages.filter((image) => image.status === "active");
    const enabledFlavors = allFlavors.filter((flavor) => !flavor.disabled);
    const [images, flavors] = projectId
      ? await Promise.all([
          imagesOfProject(client, projectId, activeImages),
          flavorsOfProject(client, projectId, enabledFlavors),
        ])
      : [activeImages, enabledFlavors];
    return {
      cloudId: cloud.id,
      images: images.map((image) => ({
        id: image.id,
        name: image.name,
        status: image.status,
        osType: image.osType ?? null,
        minDiskGb: image.minDiskGb,
        minRamMb: image.minRamMb,
      })),
      flavors: flavors.map(({ id, name, vcpus, ramMb, diskGb }) => ({ id, name, vcpus, ramMb, diskGb })),
      networks: networks
        .filter((network) => !projectId || networkUsableBy(projectId, network))
        .map(({ id, name, shared, external }) => ({ id, name, shared, external })),
      securityGroups: securityGroups
        .filter((group) => !projectId || securityGroupUsableBy(projectId, group))
        .map(({ id, name, description }) => ({ id, name, description })),
      volumeTypes: volumeTypes.map(({ id, name, description }) => ({ id, name, description })),
      availabilityZones: zones.map(({ name, available }) => ({ name, available })),
    };
  } catch (error) {
    if (!isVhiError(error)) throw error;
    // The cloud, not the caller, is in the way: CONFLICT with the cloud's own reason (never a secret).
    throw new AppError(
      "CONFLICT",
      `Cloud "${cloud.name}" could not be read: ${serviceLabel(error)}: ${error.message}`,
      {
        cloudStatus: error.status,
      },
    );
  }
}

/** MSP view: what the cloud's own (service) project sees. */
export async function cloudInventory(ctx: Ctx, cloudId: string): Promise<CloudInventoryType> {
  const cloud = await getCloud(ctx, cloudId);
  return readInventory(openCloudClient(ctx, cloud), cloud);
}

/** The calling tenant, which must be mapped to a VHI project before it can build pools. */
export function requireMapping(tenant: Tenant): Tenant {
  if (!tenant.vhiProject) {
    throw badInput("This tenant has no VHI project yet: ask your MSP to map this tenant to a VHI project", "cloudId");
  }
  return tenant;
}

/**
 * Tenant view: the inventory as the tenant's own Keystone project sees it (its networks and security groups, the
 * images shared with it), which is exactly what its pools are built in. Only a cloud granted to the tenant, and one
 * not known to be broken: these lists exist to build a new pool.
 */
export async function poolInventory(ctx: Ctx, cloudId: string): Promise<CloudInventoryType> {
  const tenant = await callingTenant(ctx);
  const cloud = await grantedCloud(ctx, tenant, cloudId);
  requireMapping(tenant);
  refuseBrokenCloud(cloud);
  return readTenantInventory(ctx, cloud, tenant);
}

/** The tenant project's inventory; the project id comes from the scoped token of a connection check. */
export async function readTenantInventory(ctx: Ctx, cloud: Cloud, tenant: Tenant) {
  const client = openCloudClient(ctx, cloud, { tenant });
  const report = await client.testConnection();
  if (!report.ok) {
    throw new AppError("CONFLICT", `Cloud "${cloud.name}" could not be read for this tenant: ${report.reason}`);
  }
  return readInventory(client, cloud, report.projectId);
}

/** Clouds a tenant admin may pick for a pool: those the MSP granted it, connection details left out. */
export async function poolClouds(ctx: Ctx): Promise<PoolCloudType[]> {
  const clouds = await cloudsOf(ctx, await callingTenant(ctx));
  return clouds.map(poolCloudView);
}

/** What a tenant is shown of a cloud: never its connection details, but whether it can take a new pool now. */
export function poolCloudView({ id, name, region, status }: Cloud): PoolCloudType {
  return { id, name, region, status, available: status !== "error" };
}
