import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SEED_IDS } from "../core/simulator.seed.js";
import { startVhiSimulator, type VhiSimulator } from "../simulator.server.js";
import { SimTestClient } from "../testing/sim-client.fixture.js";

describe("Nova simulation: state machine, lists, quotas, isolation", () => {
  let sim: VhiSimulator;
  let client: SimTestClient;

  beforeEach(async () => {
    sim = await startVhiSimulator({ clock: { mode: "manual", start: "2026-11-26T20:00:00Z" } });
    client = new SimTestClient(sim);
  });
  afterEach(async () => {
    await sim.close();
  });

  const action = (id: string, body: unknown, who: "acme" | "svc" = "acme") =>
    client.nova(who, "POST", `/servers/${id}/action`, { body });
  const status = (id: string) => sim.state.server(id);

  it("walks ACTIVE ⇄ SHUTOFF, SUSPENDED, PAUSED, REBOOT, HARD_REBOOT and shelve/unshelve with transitional task states", async () => {
    const id = await client.createServer("acme", { name: "desk" });
    sim.control.settle();
    const steps: [unknown, string, string | null, string][] = [
      [{ "os-stop": null }, "ACTIVE", "powering-off", "SHUTOFF"],
      [{ "os-start": null }, "SHUTOFF", "powering-on", "ACTIVE"],
      [{ suspend: null }, "ACTIVE", "suspending", "SUSPENDED"],
      [{ resume: null }, "SUSPENDED", "resuming", "ACTIVE"],
      [{ pause: null }, "ACTIVE", "pausing", "PAUSED"],
      [{ unpause: null }, "PAUSED", "unpausing", "ACTIVE"],
      [{ reboot: { type: "SOFT" } }, "REBOOT", "rebooting", "ACTIVE"],
      [{ reboot: { type: "HARD" } }, "HARD_REBOOT", "rebooting_hard", "ACTIVE"],
      [{ shelve: null }, "ACTIVE", "shelving", "SHELVED_OFFLOADED"],
      [{ unshelve: null }, "SHELVED_OFFLOADED", "unshelving", "ACTIVE"],
    ];
    for (const [body, during, task, after] of steps) {
      expect((await action(id, body)).status).toBe(202);
      expect([status(id)?.status, status(id)?.taskState]).toEqual([during, task]);
      sim.control.settle();
      expect([status(id)?.status, status(id)?.taskState]).toEqual([after, null]);
    }
    const history = (await client.nova("acme", "GET", `/servers/${id}/os-instance-actions`)).json.instanceActions;
    expect(history.map((a: { action: string }) => a.action).slice(0, 3)).toEqual(["unshelve", "shelve", "reboot"]);
  });

  it("rebuilds from an image through REBUILD, keeping a stopped server stopped, and rejects unknown images", async () => {
    const id = await client.createServer("acme", { name: "desk" });
    sim.control.settle();
    const image = DEFAULT_SEED_IDS.images.ubuntu;
    expect((await action(id, { rebuild: { imageRef: image } })).status).toBe(202);
    expect([status(id)?.status, status(id)?.taskState]).toEqual(["REBUILD", "rebuilding"]);
    sim.control.settle();
    expect([status(id)?.status, status(id)?.taskState]).toEqual(["ACTIVE", null]);
    await action(id, { "os-stop": null });
    sim.control.settle();
    expect((await action(id, { rebuild: { imageRef: image } })).status).toBe(202);
    sim.control.settle();
    expect(status(id)?.status).toBe("SHUTOFF");
    const unknown = await action(id, { rebuild: { imageRef: "00000000-0000-4000-8000-000000000000" } });
    expect(unknown.status).toBe(400);
    expect((await action(id, { rebuild: {} })).status).toBe(400);
  });

  it("rejects wrong-state actions with the recorded 409s", async () => {
    const id = await client.createServer("acme", { name: "desk" });
    const during = await action(id, { "os-stop": null });
    // No host yet while building: Nova's host check answers before the state check.
    expect(during.json.conflictingRequest.message).toBe(`Instance ${id} is not ready`);
    sim.control.settle();
    await action(id, { "os-stop": null });
    const busy = await action(id, { reboot: { type: "SOFT" } });
    expect(busy.json.conflictingRequest.message).toBe(
      `Cannot 'reboot' instance ${id} while it is in task_state powering-off`,
    );
    sim.control.settle();
    expect((await action(id, { "os-stop": null })).json.conflictingRequest.message).toBe(
      `Cannot 'stop' instance ${id} while it is in vm_state stopped`,
    );
    expect((await action(id, { shelve: null })).status).toBe(202);
    sim.control.settle();
    expect((await action(id, { "os-start": null })).json.conflictingRequest.message).toBe(
      `Instance ${id} is not ready`,
    );
    expect((await action(id, { shelveOffload: null })).status).toBe(403);
  });

  it("deletes: DELETED shows up in changes-since, then 404", async () => {
    const keep = await client.createServer("acme", { name: "keep" });
    const gone = await client.createServer("acme", { name: "gone" });
    sim.control.settle();
    sim.control.advanceClock(60_000);
    const since = sim.control.now();
    expect((await client.nova("acme", "DELETE", `/servers/${gone}`)).status).toBe(204);
    sim.control.settle();
    expect((await client.nova("acme", "GET", `/servers/${gone}`)).status).toBe(404);
    const changes = await client.nova("acme", "GET", `/servers/detail?changes-since=${since}`);
    expect(changes.json.servers.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      [gone, "DELETED"],
    ]);
    const all = await client.nova("acme", "GET", "/servers/detail");
    expect(all.json.servers.map((s: { id: string }) => s.id)).toEqual([keep]);
    expect(sim.state.servers().map((s) => s.deleted)).toEqual([false, true]);
  });

  it("pages with limit/marker and a next link while pages are full", async () => {
    for (const name of ["d1", "d2", "d3"]) await client.createServer("acme", { name });
    const names: string[] = [];
    let path = "/servers/detail?limit=2";
    for (let page = 0; page < 5 && path; page++) {
      const res = await client.nova("acme", "GET", path);
      names.push(...res.json.servers.map((s: { name: string }) => s.name));
      const next: string | undefined = res.json.servers_links?.[0]?.href;
      path = next ? next.slice(`${sim.urls.compute}/v2.1`.length) : "";
    }
    expect(names).toEqual(["d3", "d2", "d1"]);
    const bad = await client.nova("acme", "GET", "/servers/detail?marker=00000000-0000-0000-0000-000000000000");
    expect(bad.json.badRequest.message).toBe("marker [00000000-0000-0000-0000-000000000000] not found");
    const byTag = await client.nova("acme", "GET", "/servers/detail?name=^d[12]$&status=build");
    expect(byTag.json.servers).toHaveLength(2);
  });

  it("enforces instances/cores/ram quotas with Nova's 403 wording; admin may change them, members may not", async () => {
    const acme = DEFAULT_SEED_IDS.acmeProjectId;
    expect(
      (await client.nova("acme", "PUT", `/os-quota-sets/${acme}`, { body: { quota_set: { instances: 1 } } })).status,
    ).toBe(403);
    const put = await client.nova("svc", "PUT", `/os-quota-sets/${acme}`, { body: { quota_set: { instances: 1 } } });
    expect(put.json.quota_set).not.toHaveProperty("id");
    await client.createServer("acme", { name: "one" });
    const over = await client.nova("acme", "POST", "/servers", {
      body: { server: { name: "two", flavorRef: "1", imageRef: DEFAULT_SEED_IDS.images.ubuntu, networks: "none" } },
    });
    expect(over.status).toBe(403);
    expect(over.json.forbidden.message).toBe(
      "Quota exceeded for instances: Requested 1, but already used 1 of 1 instances",
    );
    const limits = (await client.nova("acme", "GET", "/limits")).json.limits.absolute;
    expect([limits.maxTotalInstances, limits.totalInstancesUsed, limits.totalRAMUsed]).toEqual([1, 1, 512]);
  });

  it("isolates projects: another project's server is 404 everywhere, its quota 403", async () => {
    const id = await client.createServer("acme", { name: "acme-only" });
    for (const [method, path, body] of [
      ["GET", `/servers/${id}`, undefined],
      ["DELETE", `/servers/${id}`, undefined],
      ["POST", `/servers/${id}/action`, { "os-stop": null }],
      ["GET", `/servers/${id}/metadata`, undefined],
    ] as const) {
      const res = await client.nova("globex", method, path, { body });
      expect(res.status).toBe(404);
      expect(res.json.itemNotFound.message).toBe(`Instance ${id} could not be found.`);
    }
    expect((await client.nova("globex", "GET", "/servers/detail")).json.servers).toEqual([]);
    expect((await client.nova("globex", "GET", `/os-quota-sets/${DEFAULT_SEED_IDS.acmeProjectId}`)).status).toBe(403);
    expect(sim.state.server(id)?.status).toBe("BUILD");
  });

  it("boots from volume with a storage policy and attaches a fixed IP on the project network", async () => {
    const id = await client.createServer(
      "acme",
      {
        name: "bfv",
        imageRef: "",
        flavorRef: "vdi.standard",
        networks: [{ uuid: DEFAULT_SEED_IDS.networks.acme }],
        block_device_mapping_v2: [
          {
            boot_index: 0,
            uuid: DEFAULT_SEED_IDS.images.win11,
            source_type: "image",
            destination_type: "volume",
            volume_size: 64,
            volume_type: "fast-ssd",
            delete_on_termination: true,
          },
        ],
      },
      "2.67",
    );
    sim.control.settle();
    const server = (await client.nova("acme", "GET", `/servers/${id}`)).json.server;
    expect(server.image).toBe("");
    expect(server["os-extended-volumes:volumes_attached"]).toEqual([
      { id: expect.any(String), delete_on_termination: true },
    ]);
    expect(server.addresses["acme-net"][0].addr).toMatch(/^10\.10\.0\.\d+$/);
    expect(sim.state.server(id)?.volumes).toEqual([
      { id: expect.any(String), sizeGb: 64, volumeType: "fast-ssd", deleteOnTermination: true },
    ]);
    const old = await client.nova("acme", "POST", "/servers", {
      mv: "2.66",
      body: {
        server: {
          name: "x",
          flavorRef: "1",
          networks: "none",
          block_device_mapping_v2: [
            {
              boot_index: 0,
              uuid: DEFAULT_SEED_IDS.images.win11,
              source_type: "image",
              destination_type: "volume",
              volume_size: 64,
              volume_type: "fast-ssd",
            },
          ],
        },
      },
    });
    expect(old.json.badRequest.message).toContain(
      "Additional properties are not allowed ('volume_type' was unexpected)",
    );
  });

  it("negotiates microversions: latest, legacy header, 406 echo, 400 for garbage", async () => {
    expect((await client.nova("acme", "GET", "/servers", { mv: "latest" })).headers).toContainEqual([
      "OpenStack-API-Version",
      "compute 2.93",
    ]);
    const unsupported = await client.nova("acme", "GET", "/servers", { mv: "2.94" });
    expect(unsupported.status).toBe(406);
    expect(unsupported.headers).toContainEqual(["OpenStack-API-Version", "compute 2.94"]);
    expect((await client.nova("acme", "GET", "/servers", { mv: "two" })).status).toBe(400);
  });
});
