/**
 * Public configuration and dependency types of the VHI/OpenStack client.
 * Resource shapes (servers, images, …) are inferred from the zod schemas in the `*.schemas.ts` files.
 */

/** A Keystone domain or project reference. A bare string is resolved by {@link resolveKeystoneRef}. */
export type KeystoneRef = string | { id: string } | { name: string };

export interface VhiClientConfig {
  /** Keystone URL, with or without the `/v3` suffix (e.g. `https://vhi.example:5000/v3`). */
  authUrl: string;
  /** Catalog region filter; when absent the first `public` endpoint of a service wins. */
  region?: string;
  /** The user's domain. */
  domain: KeystoneRef;
  /** The project to scope the token to: by id, or by name (looked up in `projectDomain`, else `domain`). */
  project: KeystoneRef;
  username: string;
  password: string;
  projectDomain?: KeystoneRef;
  /** Per HTTP attempt timeout, default 30 s. */
  timeoutMs?: number;
  /** Highest compute microversion we ask for; the server max caps it. Default {@link DEFAULT_COMPUTE_MICROVERSION}. */
  wantedMicroversion?: string;
  /** Total attempts per request (first try included), default 4. */
  maxAttempts?: number;
  /** Client-side pacing so a worker stays under the cloud's proxy rate limit. */
  rateLimit?: { requestsPerSecond: number; burst?: number };
  /** Maximum HTTP requests in flight at once for this client. */
  maxConcurrency?: number;
}

/** The pino-compatible subset we log through. */
export interface VhiLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export type VhiFetch = (input: string, init: RequestInit) => Promise<Response>;

export interface VhiClientDeps {
  fetch: VhiFetch;
  /** Milliseconds since the epoch. */
  clock: () => number;
  /** Resolves after `ms`; rejects with the signal's reason if it aborts first. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1), used for retry jitter. */
  random: () => number;
  logger: VhiLogger;
}

export const DEFAULT_COMPUTE_MICROVERSION = "2.79";
/**
 * Below 2.37 `networks` semantics differ and tag filters/tags are missing; the provisioning workers rely on both,
 * so a cloud that cannot speak at least this version is reported as incompatible instead of half-working.
 */
export const MIN_COMPUTE_MICROVERSION = "2.37";

export type ServiceType = "identity" | "compute" | "image" | "network" | "volume";

export type RebootType = "SOFT" | "HARD";

export interface BootVolumeSpec {
  /** Size of the boot volume in GiB. */
  sizeGb: number;
  /** VHI storage policy (Cinder volume type); needs compute 2.67. */
  volumeType?: string;
  /** Defaults to true: non-persistent desktops must not leak volumes. */
  deleteOnTermination?: boolean;
  /** Boot from a volume snapshot (golden image kept as a snapshot) instead of the image. */
  snapshotId?: string;
}

export interface ServerCreateInput {
  name: string;
  flavorRef: string;
  /** Image to boot from; with {@link bootVolume} it becomes the source of the boot volume. */
  imageRef?: string;
  bootVolume?: BootVolumeSpec;
  /** Network UUIDs, or `"none"`/`"auto"`. */
  networks: string[] | "none" | "auto";
  securityGroups?: string[];
  availabilityZone?: string;
  metadata?: Record<string, string>;
  /** Needs compute 2.52. */
  tags?: string[];
  /** Plain text; the client base64-encodes it. */
  userData?: string;
  keyName?: string;
  configDrive?: boolean;
}

export interface ServerListFilters {
  /** Nova includes servers deleted after this instant with status DELETED. */
  changesSince?: Date | string;
  /** All of these tags. */
  tags?: string[];
  /** Any of these tags. */
  tagsAny?: string[];
  status?: string;
  /** Unanchored regex on the server side. */
  name?: string;
  image?: string;
  flavor?: string;
  /**
   * Nova accepts but ignores a `metadata` query parameter, so this is applied on the client after each page.
   * Combine it with a server-side filter (tags, name) to keep the transfer small.
   */
  metadata?: Record<string, string>;
  /** Page size sent as `limit`; pages are followed automatically. */
  pageSize?: number;
}
