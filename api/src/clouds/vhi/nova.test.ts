import { type ReplayCloud, startReplayCloud } from "@atrium/simulator/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeDeps, replayConfig } from "./testing/fake-deps.fixture.js";
import { createVhiClient } from "./vhi.client.js";
import { VhiIncompatibleError } from "./vhi.errors.js";

const SERVER_ID = "719ed04e-c88a-4740-a96e-6996bac98839";

describe("Nova servers", () => {
  let cloud: ReplayCloud;
  beforeEach(async () => {
    cloud = await startReplayCloud();
  });
  afterEach(() => cloud.close());

  const client = () => createVhiClient(replayConfig(cloud.authUrl), fakeDeps());

  it("creates a boot-from-volume server with every option mapped to Nova's body", async () => {
    cloud.route({ method: "POST", service: "compute", path: "/v2.1/servers" }, cloud.recorded("05-server-create"));
    const created = await client().servers.create({
      name: "acme-desk-01",
      flavorRef: "1",
      imageRef: "6aa2c0c6-8dc2-41eb-8c34-eda8bdce460d",
      bootVolume: { sizeGb: 64, volumeType: "fast" },
      networks: ["net-1"],
      securityGroups: ["default"],
      availabilityZone: "nova",
      metadata: { "atrium:desktop": "d-1" },
      tags: ["atrium", "pool-win11"],
      userData: "#cloud-config\n",
      keyName: "ops",
    });
    expect(created).toEqual({ id: SERVER_ID, requestId: "req-803b8a05-9e30-4672-8dd3-40f14f8b8471" });
    const post = cloud.requests.find((req) => req.method === "POST" && req.path === "/v2.1/servers")!;
    expect(post.headers["openstack-api-version"]).toBe("compute 2.79");
    expect(post.body).toEqual({
      server: {
        name: "acme-desk-01",
        flavorRef: "1",
        networks: [{ uuid: "net-1" }],
        block_device_mapping_v2: [
          {
            boot_index: 0,
            uuid: "6aa2c0c6-8dc2-41eb-8c34-eda8bdce460d",
            source_type: "image",
            destination_type: "volume",
            volume_size: 64,
            volume_type: "fast",
            delete_on_termination: true,
          },
        ],
        security_groups: [{ name: "default" }],
        availability_zone: "nova",
        metadata: { "atrium:desktop": "d-1" },
        tags: ["atrium", "pool-win11"],
        key_name: "ops",
        user_data: Buffer.from("#cloud-config\n").toString("base64"),
      },
    });
  });

  it("refuses tags at create below 2.52 without sending the request", async () => {
    const old = createVhiClient(replayConfig(cloud.authUrl, { wantedMicroversion: "2.51" }), fakeDeps());
    const error = await old.servers
      .create({ name: "x", flavorRef: "1", imageRef: "i", networks: "none", tags: ["a"] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VhiIncompatibleError);
    expect(cloud.requests.some((req) => req.method === "POST" && req.service === "compute")).toBe(false);
  });

  it("follows the marker from servers_links through every page, stopping at the empty page", async () => {
    cloud.route(
      { method: "GET", service: "compute", path: "/v2.1/servers/detail" },
      cloud.recorded("06-servers-detail-limit1-page1"),
    );
    for (const [page, marker] of [
      ["2", "99390434-9149-4fbd-9186-7ee03ae6f3cb"],
      ["3", "1392afdb-6b53-45d5-a147-d1f428746f10"],
      ["4", SERVER_ID],
    ] as const) {
      cloud.route(
        { method: "GET", service: "compute", path: "/v2.1/servers/detail", query: { marker } },
        cloud.recorded(`06-servers-detail-limit1-page${page}`),
      );
    }
    const servers = await client().servers.list({ pageSize: 1 });
    expect(servers.map((server) => server.name)).toEqual(["acme-desk-03", "acme-desk-02", "acme-desk-01"]);
    const lists = cloud.requests.filter((req) => req.path === "/v2.1/servers/detail");
    expect(lists).toHaveLength(4);
    expect(lists.every((req) => req.query.get("limit") === "1")).toBe(true);
  });

  it("passes changes-since and tags and returns DELETED servers for incremental sync", async () => {
    cloud.route(
      { method: "GET", service: "compute", path: "/v2.1/servers/detail" },
      cloud.recorded("06-servers-detail-changes-since"),
    );
    const servers = await client().servers.list({
      changesSince: new Date("2026-11-26T20:44:30Z"),
      tags: ["atrium", "pool-win11"],
      status: "ACTIVE",
    });
    expect(servers).toHaveLength(1);
    expect(servers[0]).toMatchObject({ status: "DELETED", terminatedAt: "2026-11-26T20:44:40.000000" });
    const query = cloud.requests.find((req) => req.path === "/v2.1/servers/detail")!.query;
    expect(query.get("changes-since")).toBe("2026-11-26T20:44:30.000Z");
    expect(query.get("tags")).toBe("atrium,pool-win11");
    expect(query.get("status")).toBe("ACTIVE");
    expect(query.has("metadata")).toBe(false);
  });

  it("filters on metadata client-side because Nova ignores that filter", async () => {
    cloud.route(
      { method: "GET", service: "compute", path: "/v2.1/servers/detail" },
      cloud.recorded("06-servers-detail"),
    );
    const servers = await client().servers.list({
      metadata: { "atrium:desktop": "6ee184db-7819-4121-815f-6360db16ec40" },
    });
    expect(servers.map((server) => server.name)).toEqual(["acme-desk-02"]);
  });

  it("normalises a server: embedded flavor, image id, empty hostId, ERROR fault", async () => {
    cloud.route(
      { method: "GET", service: "compute", path: /^\/v2\.1\/servers\/abfd/ },
      cloud.recorded("12-server-get-error"),
    );
    cloud.route(
      { method: "GET", service: "compute", path: `/v2.1/servers/${SERVER_ID}` },
      cloud.recorded("05-server-get-active"),
    );
    const vhi = client();
    const active = await vhi.servers.get(SERVER_ID);
    expect(active).toMatchObject({
      status: "ACTIVE",
      vmState: "active",
      taskState: null,
      powerState: 1,
      imageId: "6aa2c0c6-8dc2-41eb-8c34-eda8bdce460d",
      flavor: { name: "m1.tiny", vcpus: 1, ramMb: 512 },
      tags: ["atrium", "pool-win11"],
      availabilityZone: "nova",
    });
    const failed = await vhi.servers.get("abfd7edd-023c-4da6-9229-f1adf873411f");
    expect(failed).toMatchObject({ status: "ERROR", hostId: null, availabilityZone: null });
    expect(failed.fault).toEqual({ code: 500, created: "2026-11-26T20:48:09Z", message: "No valid host was found. " });
  });

  it("treats a 404 on delete as success and reports which case it was", async () => {
    cloud.route(
      { method: "DELETE", service: "compute", path: /^\/v2\.1\/servers\// },
      cloud.recorded("08-server-delete"),
      cloud.recorded("08-server-delete-again"),
    );
    const vhi = client();
    expect(await vhi.servers.delete("99390434-9149-4fbd-9186-7ee03ae6f3cb")).toBe("deleted");
    expect(await vhi.servers.delete("99390434-9149-4fbd-9186-7ee03ae6f3cb")).toBe("already-gone");
    cloud.route(
      { method: "GET", service: "compute", path: /^\/v2\.1\/servers\// },
      cloud.recorded("08-server-get-deleted"),
    );
    expect(await vhi.servers.find("99390434-9149-4fbd-9186-7ee03ae6f3cb")).toBeNull();
  });

  it("sends each action with Nova's body", async () => {
    cloud.route(
      { method: "POST", service: "compute", path: `/v2.1/servers/${SERVER_ID}/action` },
      cloud.recorded("07-action-os-stop"),
    );
    const { servers } = client();
    await servers.start(SERVER_ID);
    await servers.stop(SERVER_ID);
    await servers.reboot(SERVER_ID, "HARD");
    await servers.suspend(SERVER_ID);
    await servers.resume(SERVER_ID);
    await servers.shelve(SERVER_ID);
    await servers.unshelve(SERVER_ID);
    await servers.rebuild(SERVER_ID, "img-1");
    const bodies = cloud.requests.filter((req) => req.path.endsWith("/action")).map((req) => req.body);
    expect(bodies).toEqual([
      { "os-start": null },
      { "os-stop": null },
      { reboot: { type: "HARD" } },
      { suspend: null },
      { resume: null },
      { shelve: null },
      { unshelve: null },
      { rebuild: { imageRef: "img-1" } },
    ]);
  });

  it("polls until the server leaves BUILD", async () => {
    cloud.route(
      { method: "GET", service: "compute", path: /^\/v2\.1\/servers\// },
      cloud.recorded("05-server-get-build-scheduling"),
      cloud.recorded("05-server-get-build-networking"),
      cloud.recorded("05-server-get-active-2"),
    );
    const deps = fakeDeps();
    const vhi = createVhiClient(replayConfig(cloud.authUrl), deps);
    const server = await vhi.servers.waitForStatus("1392afdb-6b53-45d5-a147-d1f428746f10", {
      until: ["ACTIVE"],
      intervalMs: 500,
    });
    expect(server.status).toBe("ACTIVE");
    expect(deps.sleeps).toEqual([500, 500]);
  });

  it("reads and edits server metadata", async () => {
    const path = `/v2.1/servers/${SERVER_ID}/metadata`;
    cloud.route({ method: "GET", service: "compute", path }, cloud.recorded("13-server-metadata-get"));
    cloud.route({ method: "POST", service: "compute", path }, cloud.recorded("13-server-metadata-post-merge"));
    cloud.route(
      { method: "PUT", service: "compute", path: `${path}/atrium:pool` },
      cloud.recorded("13-server-metadata-item-put"),
    );
    cloud.route(
      { method: "DELETE", service: "compute", path: `${path}/owner` },
      cloud.recorded("13-server-metadata-item-delete"),
    );
    const { servers } = client();
    expect(await servers.metadata.get(SERVER_ID)).toEqual({ "atrium:desktop": "7b92c7ff-3d80-44ae-bc15-63c20e90738f" });
    expect(await servers.metadata.merge(SERVER_ID, { owner: "alice" })).toHaveProperty("owner", "alice");
    await servers.metadata.set(SERVER_ID, "atrium:pool", "win11");
    await servers.metadata.delete(SERVER_ID, "owner");
    expect(cloud.requests.find((req) => req.method === "PUT")?.body).toEqual({ meta: { "atrium:pool": "win11" } });
  });
});

describe("Nova limits, flavors and zones", () => {
  let cloud: ReplayCloud;
  beforeEach(async () => {
    cloud = await startReplayCloud();
  });
  afterEach(() => cloud.close());

  it("parses limits, flavors and availability zones", async () => {
    cloud.route({ method: "GET", service: "compute", path: "/v2.1/limits" }, cloud.recorded("09-quota-limits-at-cap"));
    cloud.route(
      { method: "GET", service: "compute", path: "/v2.1/flavors/detail" },
      cloud.recorded("03-flavors-detail"),
    );
    cloud.route(
      { method: "GET", service: "compute", path: "/v2.1/os-availability-zone" },
      cloud.recorded("03-availability-zones"),
    );
    const vhi = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    const limits = await vhi.limits.get();
    expect(limits.instances.limit).toBeGreaterThan(0);
    expect(limits.instances.used).toBe(limits.instances.limit);
    const flavors = await vhi.flavors.list();
    expect(flavors.map((flavor) => flavor.name)).toEqual(["m1.tiny", "m1.small", "m1.medium"]);
    expect(flavors[2]).toMatchObject({ vcpus: 2, ramMb: 4096, diskGb: 40, isPublic: true, disabled: false });
    expect(await vhi.availabilityZones.list()).toEqual([{ name: "nova", available: true }]);
  });
});
