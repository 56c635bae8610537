/**
 * Public types of the VHI/OpenStack simulator: the seed (what exists when it starts), the options, and the
 * read-only views returned by `state`. Internal records live in `simulator.state.ts`.
 */

export type SimRole = "admin" | "member" | "reader";

export interface SeedDomain {
  id: string;
  name: string;
}

export interface SeedProject {
  /** 32 hex chars, like Keystone. */
  id: string;
  name: string;
  domainId: string;
}

export interface SeedUser {
  id: string;
  name: string;
  domainId: string;
  password: string;
  /** Role assignments. A user with `admin` anywhere is a cloud admin (legacy Nova policy). */
  roles: { projectId: string; role: SimRole }[];
}

export interface SeedImage {
  id: string;
  name: string;
  ownerProjectId: string;
  visibility: "public" | "private" | "shared" | "community";
  diskFormat: string;
  containerFormat: string;
  sizeBytes: number;
  minDiskGb: number;
  minRamMb: number;
  /** Extra Glance properties, shown as top-level keys (e.g. `os_distro`). */
  properties: Record<string, string>;
  createdAt: string;
  status?: "active" | "queued" | "deactivated";
  tags?: string[];
  /** Projects a `shared` image is shared with, and whether each accepted it (Glance image members). */
  members?: { projectId: string; status: "pending" | "accepted" | "rejected" }[];
}

export interface SeedFlavor {
  id: string;
  name: string;
  vcpus: number;
  ramMb: number;
  diskGb: number;
  ephemeralGb?: number;
  swapMb?: number;
  isPublic?: boolean;
  /** Projects granted a private flavor (os-flavor-access). */
  accessProjectIds?: string[];
  description?: string | null;
  extraSpecs?: Record<string, string>;
}

export interface SeedSecurityGroup {
  id: string;
  name: string;
  projectId: string;
  description?: string;
}

export interface SeedNetwork {
  id: string;
  name: string;
  projectId: string;
  shared?: boolean;
  /** IPv4 CIDR of the network's only subnet; fixed IPs are handed out from it. */
  cidr: string;
  subnetId: string;
  mtu?: number;
}

export interface SeedVolumeType {
  id: string;
  name: string;
  description?: string | null;
  isPublic?: boolean;
  extraSpecs?: Record<string, string>;
}

/** Nova quota set (Zed keys at microversion ≥ 2.57); -1 means unlimited. */
export interface NovaQuotaSet {
  instances: number;
  cores: number;
  ram: number;
  key_pairs: number;
  metadata_items: number;
  server_groups: number;
  server_group_members: number;
}

export interface SimSeed {
  region: string;
  domains: SeedDomain[];
  projects: SeedProject[];
  users: SeedUser[];
  images: SeedImage[];
  flavors: SeedFlavor[];
  networks: SeedNetwork[];
  /** Groups besides each project's `default` (which Neutron creates on the project's first call). */
  securityGroups?: SeedSecurityGroup[];
  volumeTypes: SeedVolumeType[];
  /** Name of the volume type used when a BDM names none. */
  defaultVolumeType: string;
  keyPairNames: string[];
  defaultQuota: NovaQuotaSet;
  quotas: Record<string, Partial<NovaQuotaSet>>;
  /** The single fake compute host; a build whose flavor does not fit the remaining capacity goes to ERROR. */
  computeHost: { name: string; availabilityZone: string; vcpus: number; ramMb: number; diskGb: number };
}

/** Durations (simulated milliseconds) of the asynchronous transitions; defaults come from the recordings. */
export interface SimTimings {
  build: number;
  buildFailure: number;
  stop: number;
  start: number;
  rebootSoft: number;
  rebootHard: number;
  suspend: number;
  resume: number;
  pause: number;
  unpause: number;
  shelve: number;
  /** After offloading, hostId and AZ are cleared this much later. */
  shelveHostRelease: number;
  unshelve: number;
  /** Re-image of the root disk (REBUILD), e.g. a non-persistent desktop reset to its golden image. */
  rebuild: number;
  delete: number;
}

export type SimClockOptions =
  | { mode: "real"; timeScale?: number; start?: string | number }
  | { mode: "manual"; start?: string | number };

export interface SimulatorOptions {
  seed?: SimSeed;
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** URL advertised in the catalog when clients reach the simulator through a proxy. */
  publicBaseUrl?: string;
  microversion?: { min?: string; max?: string };
  clock?: SimClockOptions;
  timings?: Partial<SimTimings>;
  tokenTtlSeconds?: number;
  /** Seed of the RNG used for injected errors (deterministic chaos). */
  rngSeed?: number;
  /** Base URL of noVNC consoles; null answers 400 "Unavailable console type novnc." like a VHI without VNC. */
  consoleBaseUrl?: string | null;
  /** `networks: "auto"` needs Neutron's auto-allocated-topology; without it Nova answers 500 (as recorded). */
  autoAllocateNetwork?: boolean;
  /** Nova's shelved_offload_time: 0 offloads at once (recorded default), -1 never. */
  shelvedOffloadTimeSeconds?: number;
  /** Wall clock used by the rate limiter and latency (tests inject a fake one). */
  wallClock?: () => number;
}

export type SimService = "identity" | "compute" | "image" | "network" | "volume";

export interface SimServerView {
  id: string;
  name: string;
  projectId: string;
  status: string;
  vmState: string;
  taskState: string | null;
  powerState: number;
  host: string | null;
  availabilityZone: string;
  created: string;
  updated: string;
  deleted: boolean;
  metadata: Record<string, string>;
  tags: string[];
  flavorId: string;
  imageId: string | null;
  fault: { code: number; message: string } | null;
  volumes: { id: string; sizeGb: number; volumeType: string; deleteOnTermination: boolean }[];
  /** Base64, as it was sent and as Nova hands it to the guest's metadata service. */
  userData: string | null;
}
