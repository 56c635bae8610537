import { createVolumeTypesApi, type VolumeTypesApi } from "./cinder.js";
import { createImagesApi, type ImagesApi } from "./glance.js";
import { HttpTransport } from "./http.js";
import { KeystoneSession } from "./keystone.js";
import { createIdentityApi, type IdentityApi } from "./keystone-directory.js";
import { createNetworksApi, createSecurityGroupsApi, type NetworksApi, type SecurityGroupsApi } from "./neutron.js";
import {
  type AvailabilityZonesApi,
  ComputeService,
  createAvailabilityZonesApi,
  createFlavorsApi,
  createLimitsApi,
  type FlavorsApi,
  type LimitsApi,
  type NegotiatedCompute,
} from "./nova.js";
import { createServersApi, type ServersApi } from "./nova-servers.js";
import { createRequestLimiter, type RequestLimiter } from "./rate-limiter.js";
import type { VhiError } from "./vhi.errors.js";
import { DEFAULT_COMPUTE_MICROVERSION, type VhiClientConfig, type VhiClientDeps } from "./vhi.types.js";
import { runConnectionTest, type VhiConnectionReport } from "./vhi-connection-test.js";

/**
 * Typed client for one VHI (OpenStack) project, used by the provisioning workers and the "test connection" action.
 * One client per (cloud, project, service account): it keeps the project-scoped Keystone token and the negotiated
 * compute microversion. Every call may throw a {@link VhiError} subclass; nothing else escapes except the caller's
 * own AbortSignal reason.
 */
export interface VhiClient {
  servers: ServersApi;
  images: ImagesApi;
  networks: NetworksApi;
  securityGroups: SecurityGroupsApi;
  volumeTypes: VolumeTypesApi;
  flavors: FlavorsApi;
  limits: LimitsApi;
  availabilityZones: AvailabilityZonesApi;
  /** Keystone's own lists of the projects (and their domains) the service account may use. */
  identity: IdentityApi;
  /** The Keystone project the client's token is scoped to (authenticates when needed). */
  projectId(signal?: AbortSignal): Promise<string>;
  /** Endpoint and microversion in use (negotiated on first need, then cached). */
  compute(signal?: AbortSignal): Promise<NegotiatedCompute>;
  /** Authenticates afresh and probes every service the workers need; never throws. */
  testConnection(signal?: AbortSignal): Promise<VhiConnectionReport>;
}

export interface VhiClientOverrides extends Partial<VhiClientDeps> {
  /** Share one limiter between the clients (workers) of the same cloud to respect its rate limit together. */
  limiter?: RequestLimiter;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_ATTEMPTS = 4;

export function createVhiClient(config: VhiClientConfig, overrides: VhiClientOverrides = {}): VhiClient {
  const { limiter: sharedLimiter, ...partialDeps } = overrides;
  const deps: VhiClientDeps = { ...defaultDeps(), ...partialDeps };
  const limiter =
    sharedLimiter ??
    (config.rateLimit || config.maxConcurrency
      ? createRequestLimiter({
          requestsPerSecond: config.rateLimit?.requestsPerSecond,
          burst: config.rateLimit?.burst,
          maxConcurrency: config.maxConcurrency,
          clock: deps.clock,
          sleep: deps.sleep,
        })
      : undefined);
  const http = new HttpTransport({
    deps,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxAttempts: Math.max(1, config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    limiter,
  });
  const session = new KeystoneSession(config, http, deps);
  http.useTokenSource(session);
  const compute = new ComputeService(http, session, config.wantedMicroversion ?? DEFAULT_COMPUTE_MICROVERSION);

  const client: VhiClient = {
    servers: createServersApi(compute, deps),
    images: createImagesApi(http, session),
    networks: createNetworksApi(http, session),
    securityGroups: createSecurityGroupsApi(http, session),
    volumeTypes: createVolumeTypesApi(http, session),
    flavors: createFlavorsApi(compute),
    limits: createLimitsApi(compute),
    availabilityZones: createAvailabilityZonesApi(compute),
    identity: createIdentityApi(http, config.authUrl),
    projectId: async (signal) => (await session.session(signal)).projectId,
    compute: (signal) => compute.negotiate(signal),
    testConnection: (signal) => runConnectionTest({ session, compute, client, signal }),
  };
  return client;
}

function defaultDeps(): VhiClientDeps {
  return {
    fetch: (input, init) => globalThis.fetch(input, init),
    clock: () => Date.now(),
    sleep: abortableSleep,
    random: Math.random,
    logger: { debug: () => {}, warn: () => {} },
  };
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
