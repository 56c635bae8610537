import { z } from "zod";

/** `rel: next` links of Nova (`servers_links`, `flavors_links`) and Neutron (`networks_links`, …). */
export const pageLinksSchema = z.array(z.object({ rel: z.string(), href: z.string() })).optional();

/** `GET /v2.1/` → `{version}`; `GET /` → `{versions: [...]}` (v2.0 has empty version strings). */
export const computeVersionSchema = z.object({
  id: z.string(),
  status: z.string().optional(),
  version: z.string().default(""),
  min_version: z.string().default(""),
});
export const computeVersionDocSchema = z.object({ version: computeVersionSchema });
export const computeVersionRootSchema = z.object({ versions: z.array(computeVersionSchema) });

const addressSchema = z.object({
  addr: z.string(),
  version: z.number(),
  "OS-EXT-IPS:type": z.string().optional(),
  "OS-EXT-IPS-MAC:mac_addr": z.string().optional(),
});

const faultSchema = z.object({
  code: z.number(),
  message: z.string(),
  created: z.string().optional(),
});

/**
 * One server as returned by show/list-detail, normalised to camelCase. Tolerant of microversion differences: at 2.1
 * `flavor` is `{id, links}`, from 2.47 it is embedded; `image` is `""` for volume-booted servers; `progress`,
 * `fault`, `tags` come and go with state and version.
 */
export const serverSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    tenant_id: z.string().optional(),
    metadata: z.record(z.string(), z.string()).default({}),
    tags: z.array(z.string()).default([]),
    hostId: z.string().optional(),
    image: z.union([z.object({ id: z.string() }), z.string(), z.null()]).optional(),
    flavor: z
      .object({
        id: z.string().optional(),
        original_name: z.string().optional(),
        vcpus: z.number().optional(),
        ram: z.number().optional(),
        disk: z.number().optional(),
      })
      .optional(),
    created: z.string(),
    updated: z.string(),
    addresses: z.record(z.string(), z.array(addressSchema)).default({}),
    progress: z.number().optional(),
    "OS-EXT-AZ:availability_zone": z.string().optional(),
    key_name: z.string().nullish(),
    "OS-SRV-USG:launched_at": z.string().nullish(),
    "OS-SRV-USG:terminated_at": z.string().nullish(),
    "OS-EXT-STS:task_state": z.string().nullish(),
    "OS-EXT-STS:vm_state": z.string().optional(),
    "OS-EXT-STS:power_state": z.number().optional(),
    "os-extended-volumes:volumes_attached": z.array(z.object({ id: z.string() })).default([]),
    locked: z.boolean().optional(),
    fault: faultSchema.optional(),
  })
  .transform((raw) => ({
    id: raw.id,
    name: raw.name,
    status: raw.status,
    vmState: raw["OS-EXT-STS:vm_state"],
    taskState: raw["OS-EXT-STS:task_state"] ?? null,
    powerState: raw["OS-EXT-STS:power_state"],
    projectId: raw.tenant_id,
    metadata: raw.metadata,
    tags: raw.tags,
    imageId: typeof raw.image === "object" && raw.image !== null ? raw.image.id : null,
    flavor: {
      id: raw.flavor?.id,
      name: raw.flavor?.original_name,
      vcpus: raw.flavor?.vcpus,
      ramMb: raw.flavor?.ram,
      diskGb: raw.flavor?.disk,
    },
    addresses: Object.entries(raw.addresses).flatMap(([network, list]) =>
      list.map((entry) => ({
        network,
        address: entry.addr,
        version: entry.version,
        type: entry["OS-EXT-IPS:type"],
        mac: entry["OS-EXT-IPS-MAC:mac_addr"],
      })),
    ),
    // Empty string (not null) while unscheduled or shelved-offloaded; normalised so callers test one value.
    hostId: raw.hostId || null,
    availabilityZone: raw["OS-EXT-AZ:availability_zone"] || null,
    progress: raw.progress,
    keyName: raw.key_name ?? null,
    created: raw.created,
    updated: raw.updated,
    launchedAt: raw["OS-SRV-USG:launched_at"] ?? null,
    terminatedAt: raw["OS-SRV-USG:terminated_at"] ?? null,
    volumeIds: raw["os-extended-volumes:volumes_attached"].map((volume) => volume.id),
    locked: raw.locked,
    fault: raw.fault,
  }));

export const serverShowSchema = z.object({ server: serverSchema });
export const serverPageSchema = z.object({ servers: z.array(serverSchema), servers_links: pageLinksSchema });

/** 202 to create: only id, links (and adminPass, deliberately dropped: credentials travel in user_data). */
export const serverCreatedSchema = z.object({ server: z.object({ id: z.string() }) });

export const metadataSchema = z.object({ metadata: z.record(z.string(), z.string()) });
export const metadataItemSchema = z.object({ meta: z.record(z.string(), z.string()) });

/** -1 means unlimited. Optional fields disappear at higher microversions (network quotas at 2.36, …). */
export const limitsSchema = z
  .object({
    limits: z.object({
      absolute: z.object({
        maxTotalInstances: z.number(),
        maxTotalCores: z.number(),
        maxTotalRAMSize: z.number(),
        totalInstancesUsed: z.number(),
        totalCoresUsed: z.number(),
        totalRAMUsed: z.number(),
        maxServerMeta: z.number().optional(),
        maxTotalKeypairs: z.number().optional(),
        maxServerGroups: z.number().optional(),
        maxServerGroupMembers: z.number().optional(),
        totalServerGroupsUsed: z.number().optional(),
      }),
    }),
  })
  .transform(({ limits: { absolute } }) => ({
    instances: { limit: absolute.maxTotalInstances, used: absolute.totalInstancesUsed },
    cores: { limit: absolute.maxTotalCores, used: absolute.totalCoresUsed },
    ramMb: { limit: absolute.maxTotalRAMSize, used: absolute.totalRAMUsed },
    maxServerMeta: absolute.maxServerMeta,
  }));

export const flavorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    vcpus: z.number(),
    ram: z.number(),
    disk: z.number(),
    // "" at 2.1, a number from 2.75.
    swap: z.union([z.number(), z.literal("")]).optional(),
    "OS-FLV-EXT-DATA:ephemeral": z.number().optional(),
    "OS-FLV-DISABLED:disabled": z.boolean().optional(),
    "os-flavor-access:is_public": z.boolean().optional(),
    description: z.string().nullish(),
    extra_specs: z.record(z.string(), z.string()).optional(),
  })
  .transform((raw) => ({
    id: raw.id,
    name: raw.name,
    vcpus: raw.vcpus,
    ramMb: raw.ram,
    diskGb: raw.disk,
    swapMb: typeof raw.swap === "number" ? raw.swap : 0,
    ephemeralGb: raw["OS-FLV-EXT-DATA:ephemeral"] ?? 0,
    disabled: raw["OS-FLV-DISABLED:disabled"] ?? false,
    isPublic: raw["os-flavor-access:is_public"] ?? true,
    description: raw.description ?? null,
    extraSpecs: raw.extra_specs ?? {},
  }));

export const flavorPageSchema = z.object({ flavors: z.array(flavorSchema), flavors_links: pageLinksSchema });

export const availabilityZonesSchema = z
  .object({
    availabilityZoneInfo: z.array(z.object({ zoneName: z.string(), zoneState: z.object({ available: z.boolean() }) })),
  })
  .transform((raw) =>
    raw.availabilityZoneInfo.map((zone) => ({ name: zone.zoneName, available: zone.zoneState.available })),
  );

export type VhiServer = z.output<typeof serverSchema>;
export type VhiLimits = z.output<typeof limitsSchema>;
export type VhiFlavor = z.output<typeof flavorSchema>;
export type VhiAvailabilityZone = z.output<typeof availabilityZonesSchema>[number];
export type ComputeVersion = z.output<typeof computeVersionSchema>;

export const flavorAccessSchema = z.object({
  flavor_access: z.array(z.object({ flavor_id: z.string(), tenant_id: z.string() })),
});
