import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SEED_IDS } from "./core/simulator.seed.js";
import { startVhiSimulator, type VhiSimulator } from "./simulator.server.js";
import { headerOf, rawRequest, SimTestClient } from "./testing/sim-client.fixture.js";

describe("VHI simulator: discovery, auth and the server lifecycle", () => {
  let sim: VhiSimulator;
  let client: SimTestClient;

  beforeEach(async () => {
    sim = await startVhiSimulator({ clock: { mode: "manual", start: "2026-11-26T20:00:00Z" } });
    client = new SimTestClient(sim);
  });
  afterEach(async () => {
    await sim.close();
  });

  it("advertises every service in the catalog with URLs a client can follow", async () => {
    const res = await rawRequest(`${sim.url}/auth/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: "atrium-svc", domain: { name: "Default" }, password: "atrium-svc-secret" } },
          },
          scope: { project: { id: DEFAULT_SEED_IDS.globexProjectId } },
        },
      }),
    });
    expect(res.status).toBe(201);
    const types = res.json.token.catalog.map((c: { type: string }) => c.type);
    expect(types).toEqual(expect.arrayContaining(["identity", "compute", "image", "network", "volumev3"]));
    const compute = res.json.token.catalog.find((c: { type: string }) => c.type === "compute");
    const root = await rawRequest(`${compute.endpoints[0].url}/`, { headers: { Accept: "application/json" } });
    expect(root.json.version).toMatchObject({ id: "v2.1", version: "2.93", min_version: "2.1" });
    expect(res.json.token.roles.map((r: { name: string }) => r.name)).toEqual(["admin", "member", "reader"]);
  });

  it("builds a server through the recorded BUILD task states to ACTIVE on the simulated clock", async () => {
    const id = await client.createServer("acme", { name: "acme-desk-01", tags: ["atrium"] });
    const seen: string[] = [];
    for (let i = 0; i < 60; i++) {
      const s = (await client.nova("acme", "GET", `/servers/${id}`)).json.server;
      const key = `${s.status}/${s["OS-EXT-STS:task_state"]}/${s.hostId ? "host" : "nohost"}`;
      if (seen.at(-1) !== key) seen.push(key);
      if (s.status === "ACTIVE") break;
      sim.control.advanceClock(10);
    }
    expect(seen).toEqual([
      "BUILD/scheduling/nohost",
      "BUILD/null/nohost",
      "BUILD/null/host",
      "BUILD/networking/host",
      "BUILD/block_device_mapping/host",
      "BUILD/spawning/host",
      "ACTIVE/null/host",
    ]);
  });

  it("lists servers newest first in /servers/detail", async () => {
    await client.createServer("acme", { name: "a-1" });
    await client.createServer("acme", { name: "a-2" });
    sim.control.settle();
    const res = await client.nova("acme", "GET", "/servers/detail");
    expect(res.status).toBe(200);
    expect(res.json.servers.map((s: { name: string }) => s.name)).toEqual(["a-2", "a-1"]);
    expect(res.json.servers.every((s: { status: string }) => s.status === "ACTIVE")).toBe(true);
  });

  it("serves flavors, images and networks to a member", async () => {
    const flavors = await client.nova("acme", "GET", "/flavors/detail");
    expect(flavors.json.flavors.map((f: { name: string }) => f.name)).toContain("vdi.standard");
    const token = await client.token("acme");
    const images = await rawRequest(`${sim.urls.image}/v2/images?name=win11-golden`, {
      headers: { "X-Auth-Token": token, Accept: "application/json" },
    });
    expect(images.json.images).toHaveLength(1);
    const nets = await rawRequest(`${sim.urls.network}/v2.0/networks`, { headers: { "X-Auth-Token": token } });
    expect(nets.json.networks.map((n: { name: string }) => n.name)).toEqual(["acme-net"]);
    const types = await rawRequest(`${sim.urls.volume}/v3/${DEFAULT_SEED_IDS.acmeProjectId}/types`, {
      headers: { "X-Auth-Token": token },
    });
    expect(types.json.volume_types.map((t: { name: string }) => t.name)).toEqual(["default", "fast-ssd"]);
    expect(headerOf(nets, "X-Openstack-Request-Id")).toMatch(/^req-/);
  });
});
