import {
  DEFAULT_SEED_IDS,
  defaultSeed,
  type SimulatorOptions,
  startVhiSimulator,
  type VhiSimulator,
} from "@atrium/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { createVhiClient } from "./vhi.client.js";
import {
  VhiAuthError,
  VhiConflictError,
  VhiForbiddenError,
  VhiIncompatibleError,
  VhiQuotaExceededError,
  VhiRateLimitedError,
  VhiTransientError,
} from "./vhi.errors.js";
import type { VhiClientConfig, VhiClientDeps } from "./vhi.types.js";

const ids = DEFAULT_SEED_IDS;

/**
 * One fake wall clock shared by the client and the simulator: a client "sleep" moves it forward, so Retry-After,
 * backoff, rate-limit refills and Nova transitions all happen without the test waiting.
 */
interface Harness {
  sim: VhiSimulator;
  deps: VhiClientDeps & { sleeps: number[]; authTokens: string[] };
  config: VhiClientConfig;
}

const open: VhiSimulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sim) => sim.close()));
});

async function harness(options: SimulatorOptions = {}, overrides: Partial<VhiClientConfig> = {}): Promise<Harness> {
  let wall = Date.parse("2026-11-26T21:00:00Z");
  const sleeps: number[] = [];
  const authTokens: string[] = [];
  const sim = await startVhiSimulator({
    clock: { mode: "manual", start: wall },
    wallClock: () => wall,
    rngSeed: 7,
    ...options,
  });
  open.push(sim);
  const deps: Harness["deps"] = {
    fetch: (input, init) => {
      const token = new Headers(init.headers).get("x-auth-token");
      if (token && !authTokens.includes(token)) authTokens.push(token);
      return globalThis.fetch(input, init);
    },
    clock: () => wall,
    sleep: async (ms) => {
      sleeps.push(ms);
      wall += ms;
      sim.control.advanceClock(ms);
    },
    random: () => 0.5,
    logger: { debug: () => {}, warn: () => {} },
    sleeps,
    authTokens,
  };
  const config: VhiClientConfig = {
    authUrl: sim.url,
    domain: "default",
    project: "tenant-acme",
    username: ids.acmeUser.name,
    password: ids.acmeUser.password,
    timeoutMs: 5_000,
    ...overrides,
  };
  return { sim, deps, config };
}

const desktop = (name: string) => ({
  name,
  flavorRef: "vdi.standard",
  imageRef: ids.images.win11,
  networks: [ids.networks.acme],
  metadata: { "atrium:pool": "p1" },
  tags: ["atrium"],
});

function countRoute(sim: VhiSimulator, key: string): number {
  return sim.control.counters().byRoute[key] ?? 0;
}

describe("VHI client against the simulator", () => {
  it("authenticates, discovers the catalog and negotiates the microversion", async () => {
    const { sim, deps, config } = await harness();
    const report = await createVhiClient(config, deps).testConnection();
    expect(report).toMatchObject({
      ok: true,
      projectId: ids.acmeProjectId,
      endpoints: { compute: expect.stringContaining(sim.urls.compute), image: sim.urls.image },
      compute: { microversion: "2.79", serverMaxVersion: "2.93" },
    });
    if (!report.ok) return;
    expect(report.counts.flavors).toBeGreaterThan(0);
    expect(report.counts.images).toBeGreaterThan(0);
    expect(report.counts.networks).toBeGreaterThan(0);
  });

  it("lists the projects the account holds a role on, with domain names when it may list domains", async () => {
    const admin = await harness(
      {},
      { project: "admin", username: ids.serviceUser.name, password: ids.serviceUser.password },
    );
    const directory = await createVhiClient(admin.config, admin.deps).identity.directory();
    expect(directory.domains).toEqual([{ id: "default", name: "Default" }]);
    expect(directory.projects.map((project) => project.name)).toEqual([
      "admin",
      "tenant-acme",
      "tenant-globex",
      "tenant-initech",
    ]);
    // A member account may not list domains (Keystone answers 403): its project's domain is shown by id.
    const member = await harness();
    const own = await createVhiClient(member.config, member.deps).identity.directory();
    expect(own).toEqual({
      domains: [{ id: "default", name: "default" }],
      projects: [{ id: ids.acmeProjectId, name: "tenant-acme", domainId: "default" }],
    });
  });

  it("lowers the microversion to an older cloud's maximum and refuses one below our minimum", async () => {
    const older = await harness({ microversion: { max: "2.60" } });
    const client = createVhiClient(older.config, older.deps);
    expect((await client.compute()).microversion).toBe("2.60");
    await client.servers.list();
    // BDM volume_type needs 2.67: refused locally, nothing sent.
    const error = await client.servers
      .create({ ...desktop("d"), bootVolume: { sizeGb: 64, volumeType: "fast-ssd" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VhiIncompatibleError);
    expect(countRoute(older.sim, "compute POST /servers")).toBe(0);

    const ancient = await harness({ microversion: { max: "2.30" } });
    await expect(createVhiClient(ancient.config, ancient.deps).limits.get()).rejects.toBeInstanceOf(
      VhiIncompatibleError,
    );
  });

  it("re-authenticates after its token is revoked", async () => {
    const { sim, deps, config } = await harness();
    const client = createVhiClient(config, deps);
    await client.limits.get();
    const [token] = deps.authTokens;
    const revoke = await fetch(`${sim.url}/auth/tokens`, {
      method: "DELETE",
      headers: { "X-Auth-Token": token!, "X-Subject-Token": token! },
    });
    expect(revoke.status).toBe(204);
    expect((await client.limits.get()).instances.limit).toBeGreaterThan(0);
    expect(deps.authTokens).toHaveLength(2);
  });

  // Issue 14, item 4: the worker's token kept the roles it was issued with, so a role the MSP granted afterwards
  // showed only once the token expired (hours of 403s).
  it("sees a role granted after its token was issued: a 403 re-authenticates once", async () => {
    const { sim, deps, config } = await harness();
    sim.control.setRole(ids.acmeUser.id, ids.acmeProjectId, "reader");
    const client = createVhiClient(config, deps);
    await expect(client.servers.create(desktop("acme-reader"))).rejects.toBeInstanceOf(VhiForbiddenError);
    expect(deps.authTokens).toHaveLength(2);
    sim.control.setRole(ids.acmeUser.id, ids.acmeProjectId, "member");
    await client.servers.create(desktop("acme-member"));
    expect(deps.authTokens).toHaveLength(3);
    expect(countRoute(sim, "identity POST /v3/auth/tokens")).toBe(3);
  });

  it("takes a new token when a removed role revoked its own", async () => {
    const { sim, deps, config } = await harness();
    sim.control.setRole(ids.acmeUser.id, ids.acmeProjectId, "admin");
    const client = createVhiClient(config, deps);
    await client.limits.get();
    sim.control.setRole(ids.acmeUser.id, ids.acmeProjectId, "member");
    await client.servers.create(desktop("acme-after-downgrade"));
    expect(deps.authTokens).toHaveLength(2);
  });

  it("rejects wrong credentials with VhiAuthError", async () => {
    const { deps, config } = await harness();
    await expect(createVhiClient({ ...config, password: "nope" }, deps).limits.get()).rejects.toBeInstanceOf(
      VhiAuthError,
    );
  });

  // Issue 14, item 6: the refusal said "no role on the project" without saying which project.
  it("names the project when the account has no role on it", async () => {
    const { sim, deps, config } = await harness();
    sim.control.setRole(ids.acmeUser.id, ids.acmeProjectId, null);
    await expect(createVhiClient(config, deps).limits.get()).rejects.toThrow(
      /user "[^"]+" for project "tenant-acme" .*no role on that project/,
    );
  });

  it("creates a boot-from-volume desktop and polls it to ACTIVE", async () => {
    const { sim, deps, config } = await harness();
    const client = createVhiClient(config, deps);
    const { id } = await client.servers.create({
      ...desktop("acme-p1-0001"),
      bootVolume: { sizeGb: 64, volumeType: "fast-ssd" },
      userData: "#cloud-config\n",
    });
    const building = await client.servers.get(id);
    expect(building.status).toBe("BUILD");
    const active = await client.servers.waitForStatus(id, { until: ["ACTIVE"], intervalMs: 100 });
    expect(active).toMatchObject({ status: "ACTIVE", metadata: { "atrium:pool": "p1" }, tags: ["atrium"] });
    expect(sim.state.server(id)?.volumes).toEqual([
      expect.objectContaining({ sizeGb: 64, volumeType: "fast-ssd", deleteOnTermination: true }),
    ]);
  });

  it("returns a forced build failure as an ERROR server with its fault", async () => {
    const { sim, deps, config } = await harness();
    sim.control.failNextCreates(1);
    const client = createVhiClient(config, deps);
    const { id } = await client.servers.create(desktop("acme-p1-bad"));
    const failed = await client.servers.waitForStatus(id, { until: ["ACTIVE"], intervalMs: 100 });
    expect(failed.status).toBe("ERROR");
    expect(failed.fault?.message).toContain("No valid host was found");
  });

  it("drives a desktop through stop, start, suspend, resume, shelve and unshelve", async () => {
    const { sim, deps, config } = await harness();
    const { servers } = createVhiClient(config, deps);
    const { id } = await servers.create(desktop("acme-p1-cycle"));
    const wait = (status: string) => servers.waitForStatus(id, { until: [status], intervalMs: 50 });
    expect((await wait("ACTIVE")).status).toBe("ACTIVE");
    await servers.stop(id);
    expect((await wait("SHUTOFF")).powerState).toBe(4);
    await servers.start(id);
    await wait("ACTIVE");
    await servers.suspend(id);
    await wait("SUSPENDED");
    await servers.resume(id);
    await wait("ACTIVE");
    await servers.reboot(id, "SOFT");
    await wait("ACTIVE");
    await servers.shelve(id);
    // Like the recording: offloaded first, the host is released a little later.
    expect((await wait("SHELVED_OFFLOADED")).vmState).toBe("shelved_offloaded");
    await servers.unshelve(id);
    expect((await wait("ACTIVE")).hostId).not.toBeNull();
    expect(sim.control.counters().events).toMatchObject({ "compute action os-stop": 1 });
  });

  it("pages through many servers with few calls, and syncs deletions with changes-since", async () => {
    const seed = defaultSeed();
    seed.quotas[ids.acmeProjectId] = { instances: 100, cores: 1000, ram: 10_000_000 };
    const { sim, deps, config } = await harness({ seed });
    const client = createVhiClient(config, deps);
    const created: string[] = [];
    for (let i = 0; i < 25; i += 1) created.push((await client.servers.create(desktop(`acme-p1-${i}`))).id);
    sim.control.settle();
    expect(countRoute(sim, "compute POST /servers")).toBe(25);

    sim.control.resetCounters();
    const all = await client.servers.list({ pageSize: 7, tags: ["atrium"] });
    expect(new Set(all.map((server) => server.id))).toEqual(new Set(created));
    expect(countRoute(sim, "compute GET /servers/detail")).toBe(4);

    const since = new Date(deps.clock());
    await deps.sleep(2_000);
    expect(await client.servers.delete(created[0]!)).toBe("deleted");
    sim.control.settle();
    expect(await client.servers.delete(created[0]!)).toBe("already-gone");
    const changed = await client.servers.list({ changesSince: since });
    expect(changed.find((server) => server.id === created[0])?.status).toBe("DELETED");
  });

  it("types quota and state-conflict errors", async () => {
    const seed = defaultSeed();
    seed.quotas[ids.acmeProjectId] = { instances: 1 };
    const { sim, deps, config } = await harness({ seed });
    const client = createVhiClient(config, deps);
    const { id } = await client.servers.create(desktop("acme-p1-a"));
    await expect(client.servers.create(desktop("acme-p1-b"))).rejects.toBeInstanceOf(VhiQuotaExceededError);
    sim.control.settle();
    const conflict = await client.servers.start(id).catch((caught: unknown) => caught);
    expect(conflict).toBeInstanceOf(VhiConflictError);
    expect((conflict as VhiConflictError).requestId).toMatch(/^req-/);
  });

  it("honours Retry-After from the proxy's 429", async () => {
    const { sim, deps, config } = await harness();
    sim.control.setRateLimit(1, 1);
    const client = createVhiClient(config, deps);
    await client.limits.get();
    await client.limits.get();
    expect(sim.control.counters().rateLimited).toBeGreaterThan(0);
    expect(deps.sleeps.length).toBeGreaterThan(0);
    expect(deps.sleeps.every((ms) => ms >= 1_000)).toBe(true);
  });

  it("stays under the cloud's rate limit with the client-side limiter", async () => {
    const { sim, deps, config } = await harness({}, { rateLimit: { requestsPerSecond: 20 } });
    sim.control.setRateLimit(20, 20);
    const client = createVhiClient(config, deps);
    for (let i = 0; i < 60; i += 1) await client.limits.get();
    expect(sim.control.counters().rateLimited).toBe(0);
  });

  it("retries injected 500s", async () => {
    const { sim, deps, config } = await harness({}, { maxAttempts: 8 });
    const client = createVhiClient(config, deps);
    await client.limits.get();
    sim.control.setErrorRate(0.4, ["compute"]);
    for (let i = 0; i < 10; i += 1) await client.limits.get();
    expect(sim.control.counters().injectedErrors).toBeGreaterThan(0);
  });

  it("gives up on an outage after bounded attempts with a retryable error", async () => {
    const { sim, deps, config } = await harness({}, { maxAttempts: 3 });
    const client = createVhiClient(config, deps);
    await client.limits.get();

    await sim.control.setOutage("refuse");
    const refused = await client.limits.get().catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(VhiTransientError);
    expect(deps.sleeps).toHaveLength(2);

    await sim.control.setOutage("503");
    const unavailable = await client.limits.get().catch((caught: unknown) => caught);
    // nginx's 503 carries Retry-After, so it is the retryable "rate limited" kind.
    expect(unavailable).toBeInstanceOf(VhiRateLimitedError);
    expect(deps.sleeps.slice(2)).toEqual([5_000, 5_000]);
    await sim.control.setOutage(null);
    expect((await client.limits.get()).instances.limit).toBeGreaterThan(0);
  });
});
