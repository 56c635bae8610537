import type { NovaQuotaSet, SeedImage, SimSeed } from "./simulator.types.js";

/** Well-known ids and credentials of `defaultSeed()`, for tests, demos and the integrator. */
export const DEFAULT_SEED_IDS = {
  domainId: "default",
  adminProjectId: "0a1d7c5e9b2f4c3d8e6f1a2b3c4d5e6f",
  acmeProjectId: "62dd6907c529485b9c5b2312dd8c21b3",
  globexProjectId: "7f3b2c1d0e9a4b8c9d7e6f5a4b3c2d1e",
  /** A customer project no tenant uses yet: what the onboarding wizard offers for a new tenant. */
  initechProjectId: "3a5c7e9b1d2f4a6c8e0b2d4f6a8c0e1b",
  serviceUser: { id: "5c1e3a7b9d2f4e6a8b0c1d2e3f4a5b6c", name: "atrium-svc", password: "atrium-svc-secret" },
  acmeUser: { id: "8f969269f1de4e9ebee47c53f82f1c3f", name: "acme-user", password: "acme-user-secret" },
  globexUser: { id: "2b4d6f8a0c1e3a5b7d9f1b3d5f7a9c1e", name: "globex-user", password: "globex-user-secret" },
  images: {
    win11: "3f8e1c2a-5b7d-4e9f-8a1b-2c3d4e5f6a7b",
    ubuntu: "b7c9e1f3-2a4c-4e6a-8c0e-2a4c6e8a0c2e",
    /** globex's own golden image: private to tenant-globex. */
    globexPrivate: "e2a4c6e8-0a2c-4e4a-8c6e-8a0c2e4a6c8e",
    /** Owned by globex, shared with acme, which has not accepted it (yet). */
    sharedPending: "f3b5d7f9-1b3d-4f5b-9d7f-9b1d3f5b7d9f",
    /** Owned by globex, shared with acme and accepted by it. */
    sharedAccepted: "a4c6e8a0-2c4e-4a6c-8e0a-0c2e4a6c8e0a",
  },
  /** A private flavor granted to tenant-globex only. */
  globexFlavor: "globex.private",
  securityGroups: {
    globexRdp: "6c8e0a2c-4e6a-4c8e-a0c2-4e6a8c0e2a4c",
    acmeRdp: "7d9f1b3d-5f7b-4d9f-b1d3-5f7b9d1f3b5d",
  },
  networks: {
    acme: "9d1f3b5a-7c9e-4b1d-8f3a-5c7e9b1d3f5a",
    globex: "4e6a8c0b-2d4f-4a6c-8e0b-2d4f6a8c0e2b",
  },
  subnets: {
    acme: "1a3c5e7b-9d1f-4b3d-a5f7-9b1d3f5a7c9e",
    globex: "5b7d9f1c-3e5a-4c7e-9a1c-3e5a7c9e1b3d",
  },
  volumeTypes: {
    standard: "c0a1b2c3-d4e5-4f60-8172-839405a6b7c8",
    fast: "d1b2c3d4-e5f6-4071-8283-94a5b6c7d8e9",
  },
} as const;

export const DEFAULT_QUOTA: NovaQuotaSet = {
  instances: 10,
  cores: 20,
  ram: 51200,
  key_pairs: 100,
  metadata_items: 128,
  server_groups: 10,
  server_group_members: 10,
};

/**
 * Two MSP customer projects (`tenant-acme`, `tenant-globex`) and a spare one (`tenant-initech`) in domain `Default`, a cloud-admin service account
 * `atrium-svc` with the admin role on every project, one member per project, golden desktop images, VDI-sized
 * flavors, one network per project and two storage policies (volume types). Every call returns a fresh copy.
 */
export function defaultSeed(): SimSeed {
  const ids = DEFAULT_SEED_IDS;
  const allProjects = [ids.adminProjectId, ids.acmeProjectId, ids.globexProjectId, ids.initechProjectId];
  return {
    region: "RegionOne",
    domains: [{ id: ids.domainId, name: "Default" }],
    projects: [
      { id: ids.adminProjectId, name: "admin", domainId: ids.domainId },
      { id: ids.acmeProjectId, name: "tenant-acme", domainId: ids.domainId },
      { id: ids.globexProjectId, name: "tenant-globex", domainId: ids.domainId },
      { id: ids.initechProjectId, name: "tenant-initech", domainId: ids.domainId },
    ],
    users: [
      {
        ...ids.serviceUser,
        domainId: ids.domainId,
        roles: allProjects.map((projectId) => ({ projectId, role: "admin" as const })),
      },
      { ...ids.acmeUser, domainId: ids.domainId, roles: [{ projectId: ids.acmeProjectId, role: "member" }] },
      { ...ids.globexUser, domainId: ids.domainId, roles: [{ projectId: ids.globexProjectId, role: "member" }] },
    ],
    images: [
      {
        id: ids.images.win11,
        name: "win11-golden",
        ownerProjectId: ids.adminProjectId,
        visibility: "public",
        diskFormat: "qcow2",
        containerFormat: "bare",
        sizeBytes: 21_474_836_480,
        minDiskGb: 64,
        minRamMb: 4096,
        properties: { os_distro: "windows", os_type: "windows", hw_machine_type: "q35" },
        createdAt: "2026-01-05T09:00:00Z",
      },
      {
        id: ids.images.ubuntu,
        name: "ubuntu-22.04-golden",
        ownerProjectId: ids.adminProjectId,
        visibility: "public",
        diskFormat: "qcow2",
        containerFormat: "bare",
        sizeBytes: 2_361_393_152,
        minDiskGb: 20,
        minRamMb: 2048,
        properties: { os_distro: "ubuntu", os_type: "linux" },
        createdAt: "2026-01-04T09:00:00Z",
      },
      globexImage(ids.images.globexPrivate, "globex-golden", "private", []),
      globexImage(ids.images.sharedPending, "globex-shared-pending", "shared", [
        { projectId: ids.acmeProjectId, status: "pending" },
      ]),
      globexImage(ids.images.sharedAccepted, "globex-shared-accepted", "shared", [
        { projectId: ids.acmeProjectId, status: "accepted" },
      ]),
    ],
    flavors: [
      { id: "1", name: "m1.tiny", vcpus: 1, ramMb: 512, diskGb: 1 },
      { id: "2", name: "m1.small", vcpus: 1, ramMb: 2048, diskGb: 20 },
      { id: "3", name: "m1.medium", vcpus: 2, ramMb: 4096, diskGb: 40 },
      { id: "vdi.standard", name: "vdi.standard", vcpus: 2, ramMb: 4096, diskGb: 64 },
      { id: "vdi.power", name: "vdi.power", vcpus: 4, ramMb: 8192, diskGb: 96 },
      {
        id: "vdi.gpu",
        name: "vdi.gpu",
        vcpus: 8,
        ramMb: 16384,
        diskGb: 128,
        extraSpecs: { "pci_passthrough:alias": "a16:1" },
      },
      {
        id: ids.globexFlavor,
        name: ids.globexFlavor,
        vcpus: 2,
        ramMb: 4096,
        diskGb: 64,
        isPublic: false,
        accessProjectIds: [ids.globexProjectId],
      },
    ],
    networks: [
      {
        id: ids.networks.acme,
        name: "acme-net",
        projectId: ids.acmeProjectId,
        cidr: "10.10.0.0/24",
        subnetId: ids.subnets.acme,
      },
      {
        id: ids.networks.globex,
        name: "globex-net",
        projectId: ids.globexProjectId,
        cidr: "10.20.0.0/24",
        subnetId: ids.subnets.globex,
      },
    ],
    securityGroups: [
      { id: ids.securityGroups.globexRdp, name: "globex-rdp", projectId: ids.globexProjectId },
      { id: ids.securityGroups.acmeRdp, name: "acme-rdp", projectId: ids.acmeProjectId },
    ],
    volumeTypes: [
      {
        id: ids.volumeTypes.standard,
        name: "default",
        description: "Replicated x3 on HDD tier",
        extraSpecs: { vz_storage_policy: "default" },
      },
      {
        id: ids.volumeTypes.fast,
        name: "fast-ssd",
        description: "Replicated x3 on SSD tier",
        extraSpecs: { vz_storage_policy: "fast-ssd" },
      },
    ],
    defaultVolumeType: "default",
    keyPairNames: [],
    defaultQuota: { ...DEFAULT_QUOTA },
    quotas: {
      [ids.acmeProjectId]: { instances: 50, cores: 200, ram: 409_600 },
      [ids.globexProjectId]: { instances: 20, cores: 80, ram: 163_840 },
    },
    computeHost: { name: "vhi-node-1", availabilityZone: "nova", vcpus: 4096, ramMb: 16_777_216, diskGb: 1_000_000 },
  };
}

function globexImage(
  id: string,
  name: string,
  visibility: "private" | "shared",
  members: NonNullable<SeedImage["members"]>,
): SeedImage {
  return {
    id,
    name,
    ownerProjectId: DEFAULT_SEED_IDS.globexProjectId,
    visibility,
    members,
    diskFormat: "qcow2",
    containerFormat: "bare",
    sizeBytes: 21_474_836_480,
    minDiskGb: 64,
    minRamMb: 4096,
    properties: { os_distro: "windows", os_type: "windows" },
    createdAt: "2026-01-03T09:00:00Z",
  };
}
