import type { Cloud, Tenant } from "@atrium/schema";
import { createVhiClient, type VhiClient } from "../../clouds/vhi/index.js";
import type { Ctx } from "../../context/ctx.js";

/** An interactive request waits for one cloud answer, not for the workers' long retry ladder. */
const INTERACTIVE_TIMEOUT_MS = 15_000;

export interface CloudClientOptions {
  /** Scope to a tenant's mapped Keystone project instead of the cloud's own (service) project. */
  tenant?: Pick<Tenant, "vhiDomain" | "vhiProject">;
  /** 1 for "test connection" so the admin sees the first failure as it is, not after retries. */
  maxAttempts?: number;
}

/**
 * A VHI client for one API request (connection test, inventory pickers, pool validation). The sealed password is
 * opened only here and handed to the client; it never leaves the process. Workers keep their own cached clients.
 */
export function openCloudClient(ctx: Ctx, cloud: Cloud, options: CloudClientOptions = {}): VhiClient {
  const tenant = options.tenant;
  return createVhiClient({
    authUrl: cloud.authUrl,
    region: cloud.region ?? undefined,
    domain: cloud.domainName,
    project: tenant?.vhiProject ?? cloud.projectName,
    projectDomain: tenant?.vhiDomain ?? cloud.domainName,
    username: cloud.username,
    password: ctx.services.secretBox.open(cloud.passwordEnc),
    timeoutMs: INTERACTIVE_TIMEOUT_MS,
    maxAttempts: options.maxAttempts ?? 2,
  });
}
