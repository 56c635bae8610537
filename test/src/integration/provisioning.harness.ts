import {
  type CloudClients,
  createCloudClients,
  createLogger,
  createPoolController,
  type PoolController,
  type PoolControllerOptions,
  poolTag,
} from "@atrium/api";
import { Cloud, Desktop, Pool, Tenant } from "@atrium/schema";
import { defaultSeed, startVhiSimulator, type VhiSimulator } from "@atrium/simulator";
import { simulatorCloudRow, simulatorPoolRow } from "../fixtures/multi-node-stack.js";
import { startTestApp, type TestApp } from "../fixtures/test-app.js";

/** The API over a fresh database, a manual-clock VHI simulator, and a cloud + tenant mapped onto its project. */
export interface ProvisioningRig {
  app: TestApp;
  sim: VhiSimulator;
  cloud: Cloud;
  tenant: Tenant;
  /** Base URL of the API, where the desktop agents in user-data report. */
  brokerUrl: string;
  /** The controller's clock: tests move it to open schedule windows and age restraint windows. */
  clock: { now(): Date; set(at: Date): void; advance(ms: number): void };
  controller(options?: Partial<PoolControllerOptions>): PoolController;
  clients(overrides?: Parameters<typeof createCloudClients>[0]["overrides"]): CloudClients;
  createPool(values: Partial<Pool>): Promise<Pool>;
  desktops(poolId: string): Promise<Desktop[]>;
  /** Live servers carrying the pool's tag. */
  servers(poolId: string): ReturnType<VhiSimulator["state"]["servers"]>;
  /** Runs passes (letting the simulator finish every transition in between) until `done` or `max` passes. */
  converge(controller: PoolController, poolId: string, done: () => Promise<boolean>, max?: number): Promise<number>;
  close(): Promise<void>;
}

export async function startProvisioningRig(
  tenantSlug = "acme",
  options: { unlimitedQuota?: boolean } = {},
): Promise<ProvisioningRig> {
  const app = await startTestApp();
  const seed = defaultSeed();
  if (options.unlimitedQuota) {
    const projectId = seed.projects.find((p) => p.name === `tenant-${tenantSlug}`)!.id;
    seed.quotas[projectId] = { instances: -1, cores: -1, ram: -1 };
  }
  const sim = await startVhiSimulator({ seed, clock: { mode: "manual", start: Date.now() } });
  const ds = app.database.dataSource;
  const cloud = await ds.getRepository(Cloud).save(simulatorCloudRow(app, sim, `sim-${tenantSlug}`));
  const tenant = await ds.getRepository(Tenant).save({
    name: `${tenantSlug} Inc.`,
    slug: tenantSlug,
    status: "active",
    vhiDomain: "Default",
    vhiProject: `tenant-${tenantSlug}`,
    // Onboarded on the cloud, as the MSP's wizard does: the tenant may build on it.
    cloudId: cloud.id,
    cloudIds: [cloud.id],
  });
  let now = new Date("2026-01-05T10:00:00Z");
  const clock = {
    now: () => new Date(now),
    set: (at: Date) => {
      now = new Date(at);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
  const clients = (overrides?: Parameters<typeof createCloudClients>[0]["overrides"]) =>
    createCloudClients({ secretBox: app.services.secretBox, overrides });
  const projectId = sim.state.projectId(`tenant-${tenantSlug}`);
  return {
    app,
    sim,
    cloud,
    tenant,
    brokerUrl: app.url.replace(/\/graphql$/, ""),
    clock,
    clients,
    controller: (options = {}) =>
      createPoolController({
        services: app.services,
        clients: clients(),
        clock: clock.now,
        logger: createLogger("silent"),
        fullSyncEveryMs: 0,
        ...options,
      }),
    createPool: (values) => ds.getRepository(Pool).save(simulatorPoolRow(tenant.id, cloud.id, values)),
    desktops: (poolId) => ds.getRepository(Desktop).find({ where: { poolId }, order: { seq: "ASC" } }),
    servers: (poolId) =>
      sim.state.servers({ projectId, includeDeleted: false }).filter((s) => s.tags.includes(poolTag(poolId))),
    async converge(controller, poolId, done, max = 30) {
      for (let pass = 1; pass <= max; pass += 1) {
        await controller.runPool(poolId);
        sim.control.settle();
        if (await done()) return pass;
      }
      throw new Error(`pool ${poolId} did not converge in ${max} passes`);
    },
    async close() {
      await sim.close();
      await app.close();
    },
  };
}

export const allReady = (rig: ProvisioningRig, poolId: string, count: number) => async () => {
  const desktops = await rig.desktops(poolId);
  return desktops.length === count && desktops.every((d) => d.provisioningState === "ready");
};

/** What the guest would run: the user-data Nova holds for the server, decoded, and the agent script inside it. */
export function agentInUserData(
  rig: ProvisioningRig,
  serverId: string,
): { userData: string; script: string; token: string; url: string } {
  const stored = rig.sim.state.server(serverId)?.userData;
  if (!stored) throw new Error(`server ${serverId} has no user-data`);
  const userData = Buffer.from(stored, "base64").toString("utf8");
  const payload = /(?:content: |FromBase64String\(')([A-Za-z0-9+/=]{200,})/.exec(userData)?.[1];
  if (!payload) throw new Error("no agent in the user-data");
  const script = Buffer.from(payload, "base64").toString("utf8");
  const token = /(?:AGENT_TOKEN=|\$AgentToken = )'([^']+)'/.exec(script)?.[1];
  const url = /(?:BROKER_URL=|\$BrokerUrl = )'([^']+)'/.exec(script)?.[1];
  if (!token || !url) throw new Error("the agent script carries no token or broker URL");
  return { userData, script, token, url };
}

/** The request the agent script sends. */
export function reportAsAgent(url: string, token: string, body: Record<string, unknown>) {
  return fetch(`${url}/agent/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
