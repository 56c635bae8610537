import type { Cloud, Tenant } from "@atrium/schema";
import {
  abortableSleep,
  createRequestLimiter,
  createVhiClient,
  type RequestLimiter,
  type VhiClient,
  type VhiClientOverrides,
} from "../../clouds/vhi/index.js";
import type { SecretBox } from "../../security/secret-box.js";

/** Requests in flight per cloud: enough to hide latency, few enough to stay polite to nginx in front of VHI. */
const DEFAULT_MAX_CONCURRENCY = 8;

export interface CloudClients {
  /** Scoped to the tenant's Keystone project (falls back to the cloud's own project when the tenant has none). */
  forTenant(cloud: Cloud, tenant: Pick<Tenant, "vhiDomain" | "vhiProject">): VhiClient;
  /** Scoped to the cloud's own (service) project, for connection tests and inventory. */
  forCloud(cloud: Cloud): VhiClient;
}

export interface CloudClientsOptions {
  secretBox: SecretBox;
  /** Test seams (fetch, clock, sleep) passed to every client. */
  overrides?: Omit<VhiClientOverrides, "limiter">;
  maxConcurrency?: number;
}

/**
 * One client per (cloud settings, project), reused across passes so Keystone tokens and the negotiated
 * microversion are cached, and one request limiter per cloud shared by all of its projects: the rate limit is the
 * cloud's, not the project's. A changed cloud (new password, URL…) gets new clients because `updatedAt` is in the key.
 */
export function createCloudClients(options: CloudClientsOptions): CloudClients {
  const clients = new Map<string, VhiClient>();
  const limiters = new Map<string, RequestLimiter>();

  const limiterFor = (cloud: Cloud) => {
    const key = `${cloud.id}:${cloud.requestsPerSecond ?? "-"}`;
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = createRequestLimiter({
        requestsPerSecond: cloud.requestsPerSecond ?? undefined,
        // Burst 1 paces requests evenly, so a proxy's own bucket never runs dry and answers 429.
        burst: 1,
        maxConcurrency: options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
        clock: options.overrides?.clock ?? Date.now,
        sleep: options.overrides?.sleep ?? abortableSleep,
      });
      limiters.set(key, limiter);
    }
    return limiter;
  };

  const build = (cloud: Cloud, domain: string, project: string) => {
    const key = `${cloud.id}:${cloud.updatedAt.getTime()}:${domain}:${project}`;
    let client = clients.get(key);
    if (!client) {
      client = createVhiClient(
        {
          authUrl: cloud.authUrl,
          region: cloud.region ?? undefined,
          domain: cloud.domainName,
          project,
          projectDomain: domain,
          username: cloud.username,
          password: options.secretBox.open(cloud.passwordEnc),
        },
        { ...options.overrides, limiter: limiterFor(cloud) },
      );
      clients.set(key, client);
    }
    return client;
  };

  return {
    forTenant: (cloud, tenant) =>
      build(cloud, tenant.vhiDomain ?? cloud.domainName, tenant.vhiProject ?? cloud.projectName),
    forCloud: (cloud) => build(cloud, cloud.domainName, cloud.projectName),
  };
}
