import {
  type VhiClient,
  type VhiFlavor,
  type VhiImage,
  type VhiNetwork,
  VhiNotFoundError,
  type VhiSecurityGroup,
} from "../../clouds/vhi/index.js";

/**
 * What one Keystone project may build from. A service account with the admin role on the tenant projects (common
 * on VHI, where MSPs use a domain admin) is shown every project's images, flavors, networks and security groups by
 * Glance, Nova and Neutron, and Nova then boots from them: the ownership rule has to be ours. Images: public,
 * community, owned by the project, or shared with it as an accepted member. Flavors: public or granted to the
 * project. Networks: the project's own or shared ones. Security groups: the project's own.
 */
export async function imagesOfProject(client: VhiClient, projectId: string, images: VhiImage[], signal?: AbortSignal) {
  const usable = await Promise.all(images.map((image) => imageUsableBy(client, projectId, image, signal)));
  return images.filter((_, index) => usable[index]);
}

export async function imageUsableBy(
  client: VhiClient,
  projectId: string,
  image: VhiImage,
  signal?: AbortSignal,
): Promise<boolean> {
  if (image.visibility === "public" || image.visibility === "community") return true;
  // Glance before v2.5 and some proxies omit `owner`; an image without an owner is not provably someone else's.
  if (!image.owner || image.owner === projectId) return true;
  if (image.visibility !== "shared") return false;
  return (await client.images.memberStatus(image.id, projectId, signal)) === "accepted";
}

export async function flavorsOfProject(
  client: VhiClient,
  projectId: string,
  flavors: VhiFlavor[],
  signal?: AbortSignal,
) {
  const usable = await Promise.all(
    flavors.map(async (flavor) => {
      if (flavor.isPublic) return true;
      // A non-admin account is only ever shown the private flavors granted to its project (null: no access list).
      const access = await client.flavors.access(flavor.id, signal);
      return access === null || access.includes(projectId);
    }),
  );
  return flavors.filter((_, index) => usable[index]);
}

export const networkUsableBy = (projectId: string, network: VhiNetwork) =>
  network.shared || !network.projectId || network.projectId === projectId;

export const securityGroupUsableBy = (projectId: string, group: VhiSecurityGroup) =>
  !group.projectId || group.projectId === projectId;

/** The references of a pool, as the controller re-checks them before creating servers. */
export interface PoolReferences {
  imageRef: string;
  flavorRef: string;
  networkIds: string[];
  securityGroups: string[];
}

/**
 * Why the project may no longer build this pool (its image lost its sharing, a network or group was removed or
 * changed hands…), or null. The picker and the mutations check the same rule; this guards every controller create,
 * since the cloud changes after a pool was saved. Only the project's own view counts, never the admin's.
 */
export async function poolReferenceProblem(
  client: VhiClient,
  projectId: string,
  pool: PoolReferences,
  signal?: AbortSignal,
): Promise<string | null> {
  const [image, flavors, networks, groups] = await Promise.all([
    client.images.get(pool.imageRef, signal).catch((error: unknown) => {
      if (error instanceof VhiNotFoundError) return null;
      throw error;
    }),
    client.flavors.list(signal),
    client.networks.list(signal),
    pool.securityGroups.length > 0 ? client.securityGroups.list(signal) : Promise.resolve([]),
  ]);
  const where = `project ${projectId}`;
  if (!image || !(await imageUsableBy(client, projectId, image, signal))) {
    return `Glance: image ${pool.imageRef} is not available to ${where} (not public, not its own, not shared with it and accepted)`;
  }
  const flavor = flavors.find((candidate) => candidate.id === pool.flavorRef || candidate.name === pool.flavorRef);
  if (!flavor || (await flavorsOfProject(client, projectId, [flavor], signal)).length === 0) {
    return `Nova: flavor ${pool.flavorRef} is not available to ${where}`;
  }
  const network = pool.networkIds.find(
    (id) => !networks.some((candidate) => candidate.id === id && networkUsableBy(projectId, candidate)),
  );
  if (network) return `Neutron: network ${network} is not available to ${where}`;
  const group = pool.securityGroups.find(
    (ref) =>
      !groups.some(
        (candidate) => (candidate.id === ref || candidate.name === ref) && securityGroupUsableBy(projectId, candidate),
      ),
  );
  if (group) return `Neutron: security group ${group} is not available to ${where}`;
  return null;
}
