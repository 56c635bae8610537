import { createHash, randomBytes, randomUUID } from "node:crypto";
import type {
  NovaQuotaSet,
  SeedFlavor,
  SeedImage,
  SeedNetwork,
  SeedProject,
  SeedUser,
  SeedVolumeType,
  SimSeed,
} from "./simulator.types.js";

export type VmState =
  | "building"
  | "active"
  | "stopped"
  | "suspended"
  | "paused"
  | "shelved"
  | "shelved_offloaded"
  | "error"
  | "deleted";

export interface SimAddress {
  networkName: string;
  addr: string;
  mac: string;
}

export interface InstanceAction {
  action: string;
  requestId: string;
  userId: string;
  projectId: string;
  startTime: number;
  updatedAt: number;
}

/** One scheduled change of a server; applied when the simulated clock reaches `at`. */
export interface PlannedStep {
  at: number;
  apply: (server: SimServer, at: number) => void;
}

export interface SimVolume {
  id: string;
  projectId: string;
  sizeGb: number;
  volumeType: string;
  status: "creating" | "available" | "in-use" | "deleted";
  bootable: boolean;
  imageId: string | null;
  serverId: string | null;
  deleteOnTermination: boolean;
  createdAt: number;
}

export interface RequestedVolume {
  sizeGb: number;
  volumeType: string;
  imageId: string | null;
  bootIndex: number | null;
  deleteOnTermination: boolean;
}

export interface SimServer {
  id: string;
  seq: number;
  name: string;
  projectId: string;
  userId: string;
  createdAt: number;
  updatedAt: number;
  flavor: Required<Omit<SeedFlavor, "description" | "accessProjectIds">>;
  imageId: string | null;
  metadata: Record<string, string>;
  tags: string[];
  description: string | null;
  vmState: VmState;
  taskState: string | null;
  powerState: number;
  host: string | null;
  availabilityZone: string;
  launchedAt: number | null;
  terminatedAt: number | null;
  fault: { code: number; message: string; details: string; createdAt: number } | null;
  /** Networks to attach once the build reaches `networking`. */
  requestedNetworks: SeedNetwork[];
  /** Volumes to create once the build reaches `block_device_mapping` (boot from volume). */
  requestedVolumes: RequestedVolume[];
  addresses: SimAddress[];
  securityGroups: string[];
  volumeIds: string[];
  instanceName: string;
  reservationId: string;
  launchIndex: number;
  keyName: string | null;
  userData: string | null;
  configDrive: string;
  diskConfig: string;
  adminPass: string;
  actions: InstanceAction[];
  plan: PlannedStep[];
  /** Set when the build is doomed (forced error or no capacity): it ends in ERROR with this fault message. */
  doomed: string | null;
}

export interface SimToken {
  id: string;
  userId: string;
  projectId: string | null;
  methods: string[];
  issuedAt: number;
  expiresAt: number;
  auditId: string;
  revoked: boolean;
  /**
   * The roles at issue time. keystonemiddleware caches a validated token, so a role granted later is not seen until
   * the client takes a new token (a removed role revokes the token: Keystone's revocation event on unassignment).
   */
  roles: string[];
}

export interface SimSecurityGroup {
  id: string;
  projectId: string;
  name: string;
  description: string;
  createdAt: number;
  ruleIds: string[];
}

const ALPHANUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export function randomAlphanumeric(length: number, alphabet = ALPHANUM): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** All mutable simulator data. Services read and change it; nothing else holds state. */
export class SimState {
  readonly projects = new Map<string, SeedProject>();
  readonly users = new Map<string, SeedUser>();
  readonly images = new Map<string, SeedImage>();
  readonly flavors = new Map<string, SeedFlavor>();
  readonly networks = new Map<string, SeedNetwork>();
  readonly volumeTypes = new Map<string, SeedVolumeType>();
  readonly servers = new Map<string, SimServer>();
  readonly volumes = new Map<string, SimVolume>();
  readonly tokens = new Map<string, SimToken>();
  readonly securityGroups = new Map<string, SimSecurityGroup>();
  readonly quotas = new Map<string, NovaQuotaSet>();
  /** Neutron port quota per project; absent means unlimited. */
  readonly portQuotas = new Map<string, number>();
  /** Servers with pending steps, so a tick does not scan every server. */
  readonly busy = new Set<SimServer>();
  private serverSeq = 0;
  private instanceCounter = 0;
  private readonly nextHost = new Map<string, number>();

  constructor(
    readonly seed: SimSeed,
    /** Simulated time of start; seeded resources use it as their creation time. */
    readonly startedAt: number,
  ) {
    for (const p of seed.projects) this.projects.set(p.id, { ...p });
    for (const u of seed.users) this.users.set(u.id, { ...u, roles: [...u.roles] });
    for (const i of seed.images) this.images.set(i.id, { ...i });
    for (const f of seed.flavors) this.flavors.set(f.id, { ...f });
    for (const n of seed.networks) this.networks.set(n.id, { ...n });
    for (const v of seed.volumeTypes) this.volumeTypes.set(v.id, { ...v });
    for (const p of seed.projects) this.quotas.set(p.id, { ...seed.defaultQuota, ...seed.quotas[p.id] });
    for (const g of seed.securityGroups ?? []) {
      const ruleIds = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      this.securityGroups.set(g.id, { description: "", ...g, createdAt: startedAt, ruleIds });
    }
  }

  nextServerSeq(): number {
    this.serverSeq += 1;
    return this.serverSeq;
  }

  nextInstanceName(): string {
    this.instanceCounter += 1;
    return `instance-${this.instanceCounter.toString(16).padStart(8, "0")}`;
  }

  rolesOf(userId: string, projectId: string): string[] {
    const user = this.users.get(userId);
    if (!user) return [];
    return user.roles.filter((r) => r.projectId === projectId).map((r) => r.role);
  }

  /** Legacy Nova/Keystone policy: the admin role on any project makes a cloud admin. */
  isCloudAdmin(userId: string, projectId: string | null): boolean {
    return projectId !== null && this.rolesOf(userId, projectId).includes("admin");
  }

  /** Glance's rule for a project-scoped (non-admin) token: a shared image only once the project accepted it. */
  imageVisibleTo(image: SeedImage, projectId: string): boolean {
    return (
      image.visibility === "public" ||
      image.visibility === "community" ||
      image.ownerProjectId === projectId ||
      (image.visibility === "shared" &&
        (image.members ?? []).some((m) => m.projectId === projectId && m.status === "accepted"))
    );
  }

  /** Nova's rule for a non-admin: public flavors and the private ones granted to the project. */
  flavorVisibleTo(flavor: SeedFlavor, projectId: string): boolean {
    return flavor.isPublic !== false || (flavor.accessProjectIds ?? []).includes(projectId);
  }

  networkVisibleTo(network: SeedNetwork, projectId: string): boolean {
    return network.shared === true || network.projectId === projectId;
  }

  findVolumeType(idOrName: string): SeedVolumeType | undefined {
    return this.volumeTypes.get(idOrName) ?? [...this.volumeTypes.values()].find((t) => t.name === idOrName);
  }

  quotaOf(projectId: string): NovaQuotaSet {
    let quota = this.quotas.get(projectId);
    if (!quota) {
      quota = { ...this.seed.defaultQuota };
      this.quotas.set(projectId, quota);
    }
    return quota;
  }

  /** Nova counts every non-deleted instance (ERROR and SHELVED_OFFLOADED included) against the quota. */
  usageOf(projectId: string): { instances: number; cores: number; ram: number } {
    const usage = { instances: 0, cores: 0, ram: 0 };
    for (const s of this.servers.values()) {
      if (s.projectId !== projectId || s.vmState === "deleted") continue;
      usage.instances += 1;
      usage.cores += s.flavor.vcpus;
      usage.ram += s.flavor.ramMb;
    }
    return usage;
  }

  /** One Neutron port per network of every live server. */
  portsUsedBy(projectId: string): number {
    let ports = 0;
    for (const s of this.servers.values()) {
      if (s.projectId === projectId && s.vmState !== "deleted") ports += s.requestedNetworks.length;
    }
    return ports;
  }

  /** Resources held on the compute host by servers that have (or are about to get) a host. */
  hostUsage(): { vcpus: number; ramMb: number; diskGb: number } {
    const used = { vcpus: 0, ramMb: 0, diskGb: 0 };
    for (const s of this.servers.values()) {
      if (s.vmState === "deleted" || s.doomed || s.vmState === "error" || s.vmState === "shelved_offloaded") continue;
      used.vcpus += s.flavor.vcpus;
      used.ramMb += s.flavor.ramMb;
      used.diskGb += s.flavor.diskGb;
    }
    return used;
  }

  /** Nova's hostId: sha224(project_id + host), empty while unscheduled. */
  hostIdOf(server: SimServer): string {
    if (!server.host) return "";
    return createHash("sha224")
      .update(server.projectId + server.host)
      .digest("hex");
  }

  allocateAddress(network: SeedNetwork): SimAddress {
    const [base, bits] = network.cidr.split("/");
    const octets = base.split(".").map(Number);
    const start = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    const size = 2 ** (32 - Number(bits));
    // .1 is the gateway; hand out from .10 and wrap, like a DHCP pool.
    const next = this.nextHost.get(network.id) ?? 10;
    this.nextHost.set(network.id, next + 1 >= size - 1 ? 10 : next + 1);
    const ip = start + next;
    const addr = [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join(".");
    const mac = `fa:16:3e:${[0, 0, 0].map(() => randomBytes(1).toString("hex")).join(":")}`;
    return { networkName: network.name, addr, mac };
  }

  defaultSecurityGroup(projectId: string, now: number): SimSecurityGroup {
    const existing = [...this.securityGroups.values()].find((g) => g.projectId === projectId && g.name === "default");
    if (existing) return existing;
    // Neutron creates a project's default group on its first API call (README §22).
    const group: SimSecurityGroup = {
      id: randomUUID(),
      projectId,
      name: "default",
      description: "Default security group",
      createdAt: now,
      ruleIds: [randomUUID(), randomUUID(), randomUUID(), randomUUID()],
    };
    this.securityGroups.set(group.id, group);
    return group;
  }
}
