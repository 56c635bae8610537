import { type ReplayCloud, startReplayCloud } from "@atrium/simulator/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeDeps, replayConfig } from "./testing/fake-deps.fixture.js";
import { createVhiClient } from "./vhi.client.js";
import { VhiAuthError, VhiIncompatibleError } from "./vhi.errors.js";

interface CatalogBody {
  token: { catalog: Array<{ type: string; name?: string; endpoints: Array<Record<string, string>> }> };
}

const IMAGE_ID = "6aa2c0c6-8dc2-41eb-8c34-eda8bdce460d";

describe("Glance, Neutron and Cinder", () => {
  let cloud: ReplayCloud;
  beforeEach(async () => {
    cloud = await startReplayCloud();
  });
  afterEach(() => cloud.close());

  it("pages Glance images by the marker of its relative next link", async () => {
    const images = { method: "GET", service: "image", path: "/v2/images" } as const;
    cloud.route(images, cloud.recorded("04-glance-images-limit1"));
    cloud.route(
      { ...images, query: { marker: IMAGE_ID } },
      cloud.recorded("04-glance-images", (body) => {
        body.images = [];
        delete body.next;
      }),
    );
    const list = await createVhiClient(replayConfig(cloud.authUrl), fakeDeps()).images.list({ pageSize: 1 });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: IMAGE_ID, name: "cirros-fake", status: "active", osDistro: "cirros" });
    const calls = cloud.requests.filter((req) => req.path === "/v2/images");
    expect(calls.map((req) => req.query.get("marker"))).toEqual([null, IMAGE_ID]);
    expect(calls[0]?.headers.accept).toBe("application/json");
  });

  it("lists networks and security groups", async () => {
    cloud.route({ method: "GET", service: "network", path: "/v2.0/networks" }, cloud.recorded("04-neutron-networks"));
    cloud.route(
      { method: "GET", service: "network", path: "/v2.0/security-groups" },
      cloud.recorded("04-neutron-security-groups"),
    );
    const vhi = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    expect(await vhi.networks.list()).toEqual([]);
    const groups = await vhi.securityGroups.list();
    expect(groups[0]).toMatchObject({ name: "default", projectId: "62dd6907c529485b9c5b2312dd8c21b3" });
    expect(groups[0]?.rules.length).toBeGreaterThan(0);
  });

  it("finds Cinder under volumev3 and lists volume types (storage policies)", async () => {
    cloud.route({ method: "POST", service: "identity", path: "/v3/auth/tokens" }, () =>
      cloud.recorded("01-token-create", (body: CatalogBody) => {
        const url = `${cloud.base}/volume/v3/62dd6907c529485b9c5b2312dd8c21b3`;
        body.token.catalog.push({
          type: "volumev3",
          name: "cinderv3",
          endpoints: [{ interface: "public", region_id: "RegionOne", region: "RegionOne", url }],
        });
      }),
    );
    cloud.route(
      { method: "GET", service: "volume", path: "/v3/62dd6907c529485b9c5b2312dd8c21b3/types" },
      {
        status: 200,
        body: {
          volume_types: [
            { id: "t1", name: "default", description: null, is_public: true, extra_specs: {}, qos_specs_id: null },
            { id: "t2", name: "fast", is_public: true, extra_specs: { "vhi:tier": "0" } },
          ],
        },
      },
    );
    const types = await createVhiClient(replayConfig(cloud.authUrl), fakeDeps()).volumeTypes.list();
    expect(types.map((type) => type.name)).toEqual(["default", "fast"]);
    expect(types[1]?.extraSpecs).toEqual({ "vhi:tier": "0" });
  });

  it("reports a missing Cinder as incompatible", async () => {
    const error = await createVhiClient(replayConfig(cloud.authUrl), fakeDeps())
      .volumeTypes.list()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VhiIncompatibleError);
    expect((error as Error).message).toContain("volumev3");
  });
});

describe("testConnection", () => {
  let cloud: ReplayCloud;
  beforeEach(async () => {
    cloud = await startReplayCloud();
  });
  afterEach(() => cloud.close());

  it("authenticates and returns endpoints, microversions and counts", async () => {
    cloud.route(
      { method: "GET", service: "compute", path: "/v2.1/flavors/detail" },
      cloud.recorded("03-flavors-detail"),
    );
    cloud.route({ method: "GET", service: "image", path: "/v2/images" }, cloud.recorded("04-glance-images"));
    cloud.route({ method: "GET", service: "network", path: "/v2.0/networks" }, cloud.recorded("04-neutron-networks"));
    const report = await createVhiClient(replayConfig(cloud.authUrl), fakeDeps()).testConnection();
    expect(report).toEqual({
      ok: true,
      projectId: "62dd6907c529485b9c5b2312dd8c21b3",
      userId: "8f969269f1de4e9ebee47c53f82f1c3f",
      roles: ["member", "reader"],
      endpoints: {
        compute: `${cloud.base}/compute/v2.1`,
        image: `${cloud.base}/image`,
        network: `${cloud.base}/network`,
        identity: `${cloud.base}/identity/v3`,
        volume: null,
      },
      compute: { microversion: "2.79", serverMinVersion: "2.1", serverMaxVersion: "2.93" },
      counts: { images: 1, flavors: 3, networks: 0 },
    });
  });

  it("names the failing stage and keeps the typed error", async () => {
    cloud.route(
      { method: "POST", service: "identity", path: "/v3/auth/tokens" },
      cloud.recorded("01-token-create-unknown-user"),
    );
    const report = await createVhiClient(replayConfig(cloud.authUrl), fakeDeps()).testConnection();
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.stage).toBe("auth");
    expect(report.error).toBeInstanceOf(VhiAuthError);
    expect(report.reason).toContain("Keystone authentication failed (HTTP 401)");
    expect(report.reason).toContain("req-1678bf60-a39f-4f24-a78f-c30f0aa1dd6a");
  });

  it("reports an unreachable cloud as a transient failure at the auth stage", async () => {
    const url = cloud.authUrl;
    await cloud.close();
    const report = await createVhiClient(replayConfig(url, { maxAttempts: 2 }), fakeDeps()).testConnection();
    expect(report).toMatchObject({ ok: false, stage: "auth", error: { code: "VHI_TRANSIENT" } });
    cloud = await startReplayCloud();
  });
});

describe("configuration errors", () => {
  it("reports a malformed Keystone URL as a configuration problem without retrying", async () => {
    const deps = fakeDeps();
    const report = await createVhiClient(replayConfig("vhi.example:5000"), deps).testConnection();
    expect(report).toMatchObject({ ok: false, stage: "auth", error: { code: "VHI_INCOMPATIBLE" } });
    expect(deps.sleeps).toEqual([]);
  });
});
