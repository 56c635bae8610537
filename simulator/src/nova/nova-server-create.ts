import { randomUUID } from "node:crypto";
import { NovaFault } from "../core/errors.js";
import type { Microversion } from "../core/nova-microversion.js";
import { planBuild } from "../core/server-state-machine.js";
import type { SimContext } from "../core/simulator.context.js";
import { machineContext } from "../core/simulator.context.js";
import type { InstanceAction, RequestedVolume, SimServer } from "../core/simulator.state.js";
import { randomAlphanumeric } from "../core/simulator.state.js";
import type { SeedFlavor, SeedNetwork } from "../core/simulator.types.js";
import type { AuthContext } from "../keystone/keystone.tokens.js";
import type { CreateServerRequest } from "./nova-server-schema.js";

const NO_VALID_HOST = "No valid host was found. ";

function resolveFlavor(ctx: SimContext, auth: AuthContext, ref: string): SeedFlavor {
  const flavor = ctx.state.flavors.get(ref);
  if (!flavor || !(auth.isAdmin || ctx.state.flavorVisibleTo(flavor, auth.project.id)))
    throw NovaFault.badRequest(`Flavor ${ref} could not be found.`);
  return flavor;
}

function resolveImage(ctx: SimContext, auth: AuthContext, id: string): string {
  const image = ctx.state.images.get(id);
  // Glance shows an admin-scoped token every project's images, so Nova boots an admin from any of them.
  if (!image || !(auth.isAdmin || ctx.state.imageVisibleTo(image, auth.project.id))) {
    throw NovaFault.badRequest("Can not find requested image");
  }
  if ((image.status ?? "active") !== "active") throw NovaFault.badRequest(`Image ${id} is not active.`);
  return image.id;
}

function resolveVolumes(ctx: SimContext, auth: AuthContext, req: CreateServerRequest): RequestedVolume[] {
  const volumes: RequestedVolume[] = [];
  for (const bdm of req.bdm) {
    if (bdm.destinationType !== "volume") continue;
    if (bdm.sourceType === "volume" || bdm.sourceType === "snapshot") {
      throw NovaFault.badRequest(`Block Device Mapping is Invalid: failed to get ${bdm.sourceType} ${bdm.uuid}.`);
    }
    let imageId: string | null = null;
    if (bdm.sourceType === "image") {
      const image = bdm.uuid ? ctx.state.images.get(bdm.uuid) : undefined;
      if (!image || !(auth.isAdmin || ctx.state.imageVisibleTo(image, auth.project.id))) {
        throw NovaFault.badRequest(`Block Device Mapping is Invalid: failed to get image ${bdm.uuid}.`);
      }
      imageId = image.id;
      if (!bdm.volumeSize) {
        throw NovaFault.badRequest("Images with destination_type 'volume' need to have a non-zero size specified");
      }
      if (bdm.volumeSize < image.minDiskGb) {
        throw NovaFault.badRequest(
          `Volume is smaller than the minimum size specified in image metadata. Volume size is ${bdm.volumeSize * 1024 ** 3} bytes, minimum size is ${image.minDiskGb * 1024 ** 3} bytes.`,
        );
      }
    }
    const typeName = bdm.volumeType ?? ctx.state.seed.defaultVolumeType;
    const type = ctx.state.findVolumeType(typeName);
    if (!type) throw NovaFault.badRequest(`Volume type ${typeName} could not be found.`);
    volumes.push({
      sizeGb: bdm.volumeSize ?? 1,
      volumeType: type.name,
      imageId,
      bootIndex: bdm.bootIndex,
      deleteOnTermination: bdm.deleteOnTermination,
    });
  }
  return volumes;
}

function resolveNetworks(ctx: SimContext, auth: AuthContext, req: CreateServerRequest): SeedNetwork[] {
  const visible = [...ctx.state.networks.values()].filter((n) => ctx.state.networkVisibleTo(n, auth.project.id));
  if (req.networks === "none") return [];
  if (req.networks === "auto" || req.networks === undefined) {
    if (req.networks === "auto" && !ctx.autoAllocateNetwork) {
      // Recorded behaviour of a Neutron without the auto-allocated-topology extension.
      throw NovaFault.unexpected("<class 'neutronclient.common.exceptions.NotFound'>");
    }
    const own = visible.filter((n) => !n.shared);
    const candidates = own.length > 0 ? own : visible;
    if (candidates.length > 1) {
      throw NovaFault.conflict("Multiple possible networks found, use a Network ID to be more specific.");
    }
    return candidates;
  }
  return req.networks.map((item) => {
    if (item.port) throw NovaFault.badRequest(`Port ${item.port} could not be found.`);
    const network = item.uuid ? ctx.state.networks.get(item.uuid.toLowerCase()) : undefined;
    if (!network || !(auth.isAdmin || ctx.state.networkVisibleTo(network, auth.project.id))) {
      throw NovaFault.badRequest(`Network ${item.uuid} could not be found.`);
    }
    return network;
  });
}

/** Nova's legacy quota check: every resource over its limit is listed, sorted, in one 403 (README §7). */
function checkQuota(ctx: SimContext, projectId: string, flavor: SeedFlavor, requested: number): void {
  const quota = ctx.state.quotaOf(projectId);
  const used = ctx.state.usageOf(projectId);
  const want = { cores: flavor.vcpus * requested, instances: requested, ram: flavor.ramMb * requested };
  const over = (["cores", "instances", "ram"] as const).filter((r) => quota[r] >= 0 && used[r] + want[r] > quota[r]);
  if (over.length === 0) return;
  const list = (values: number[]) => values.join(", ");
  throw NovaFault.forbidden(
    `Quota exceeded for ${over.join(", ")}: Requested ${list(over.map((r) => want[r]))}, but already used ${list(over.map((r) => used[r]))} of ${list(over.map((r) => quota[r]))} ${over.join(", ")}`,
  );
}

/**
 * Neutron's port quota, checked by Nova before the build: Nova answers 403 with Neutron's PortLimitExceeded text,
 * without numbers (the real cloud did so when the port quota ran out before the instance quota).
 */
function checkPortQuota(ctx: SimContext, projectId: string, wanted: number): void {
  const limit = ctx.state.portQuotas.get(projectId);
  if (limit === undefined || limit < 0 || wanted === 0) return;
  if (ctx.state.portsUsedBy(projectId) + wanted > limit) throw NovaFault.forbidden("Maximum number of ports exceeded");
}

/** How many of `max` fit in the quota (Nova retries with fewer down to `min_count`). */
function fittingCount(ctx: SimContext, projectId: string, flavor: SeedFlavor, min: number, max: number): number {
  const quota = ctx.state.quotaOf(projectId);
  const used = ctx.state.usageOf(projectId);
  let n = max;
  const fits = (k: number) =>
    (quota.instances < 0 || used.instances + k <= quota.instances) &&
    (quota.cores < 0 || used.cores + k * flavor.vcpus <= quota.cores) &&
    (quota.ram < 0 || used.ram + k * flavor.ramMb <= quota.ram);
  while (n > min && !fits(n)) n -= 1;
  return n;
}

/** Decides, at create time, whether the build will fail (forced by the control surface, or no capacity). */
function doomFor(ctx: SimContext, name: string, flavor: SeedFlavor): string | null {
  if (ctx.forced.nextCreates > 0) {
    ctx.forced.nextCreates -= 1;
    return ctx.forced.message;
  }
  if (ctx.forced.namePattern?.test(name)) return ctx.forced.message;
  const host = ctx.state.seed.computeHost;
  const used = ctx.state.hostUsage();
  if (
    used.vcpus + flavor.vcpus > host.vcpus ||
    used.ramMb + flavor.ramMb > host.ramMb ||
    used.diskGb + flavor.diskGb > host.diskGb
  ) {
    return NO_VALID_HOST;
  }
  return null;
}

export interface CreatedServers {
  servers: SimServer[];
  reservationId: string;
}

export function createServers(
  ctx: SimContext,
  auth: AuthContext,
  req: CreateServerRequest,
  requestId: string,
  _mv: Microversion,
): CreatedServers {
  // Nova's default policy: a reader may look, only a member (or admin) may create.
  if (!auth.roles.includes("member")) throw NovaFault.policy("os_compute_api:servers:create");
  const flavor = resolveFlavor(ctx, auth, req.flavorRef);
  const imageId = req.imageRef ? resolveImage(ctx, auth, req.imageRef) : null;
  const volumes = resolveVolumes(ctx, auth, req);
  if (!imageId && !volumes.some((v) => v.bootIndex === 0)) {
    throw NovaFault.badRequest(
      "Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.",
    );
  }
  const networks = resolveNetworks(ctx, auth, req);
  const zone = ctx.state.seed.computeHost.availabilityZone;
  if (req.availabilityZone && req.availabilityZone.split(":")[0] !== zone) {
    throw NovaFault.badRequest("The requested availability zone is not available");
  }
  if (req.keyName !== null && !ctx.state.seed.keyPairNames.includes(req.keyName)) {
    throw NovaFault.badRequest("Invalid key_name provided.");
  }
  if (req.minCount > req.maxCount) throw NovaFault.badRequest("min_count must be <= max_count");
  const quotaItems = ctx.state.quotaOf(auth.project.id).metadata_items;
  if (quotaItems >= 0 && Object.keys(req.metadata).length > quotaItems) {
    throw NovaFault.forbidden(`Maximum number of metadata items exceeds ${quotaItems}`);
  }
  const count = fittingCount(ctx, auth.project.id, flavor, req.minCount, req.maxCount);
  checkQuota(ctx, auth.project.id, flavor, count);
  checkPortQuota(ctx, auth.project.id, networks.length * count);

  const now = ctx.clock.now();
  const reservationId = `r-${randomAlphanumeric(8, "abcdefghijklmnopqrstuvwxyz0123456789")}`;
  const servers: SimServer[] = [];
  for (let index = 0; index < count; index++) {
    const name = count > 1 ? `${req.name}-${index + 1}` : req.name;
    const action: InstanceAction = {
      action: "create",
      requestId,
      userId: auth.user.id,
      projectId: auth.project.id,
      startTime: now,
      updatedAt: now,
    };
    const server: SimServer = {
      id: randomUUID(),
      seq: ctx.state.nextServerSeq(),
      name,
      projectId: auth.project.id,
      userId: auth.user.id,
      createdAt: now,
      updatedAt: now,
      flavor: {
        id: flavor.id,
        name: flavor.name,
        vcpus: flavor.vcpus,
        ramMb: flavor.ramMb,
        diskGb: flavor.diskGb,
        ephemeralGb: flavor.ephemeralGb ?? 0,
        swapMb: flavor.swapMb ?? 0,
        isPublic: flavor.isPublic ?? true,
        extraSpecs: { ...flavor.extraSpecs },
      },
      imageId,
      metadata: { ...req.metadata },
      tags: [...req.tags],
      description: req.description,
      vmState: "building",
      taskState: "scheduling",
      powerState: 0,
      host: null,
      availabilityZone: "",
      launchedAt: null,
      terminatedAt: null,
      fault: null,
      requestedNetworks: networks,
      requestedVolumes: volumes,
      addresses: [],
      securityGroups: req.securityGroups ?? ["default"],
      volumeIds: [],
      instanceName: ctx.state.nextInstanceName(),
      reservationId,
      launchIndex: index,
      keyName: req.keyName,
      userData: req.userData,
      configDrive: req.configDrive ? "True" : "",
      diskConfig: req.diskConfig,
      adminPass: req.adminPass ?? randomAlphanumeric(12),
      actions: [action],
      plan: [],
      doomed: null,
    };
    server.doomed = doomFor(ctx, name, flavor);
    ctx.state.servers.set(server.id, server);
    planBuild(machineContext(ctx), server, action);
    servers.push(server);
  }
  return { servers, reservationId };
}
