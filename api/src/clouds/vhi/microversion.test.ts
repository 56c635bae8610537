import { type ReplayCloud, startReplayCloud } from "@atrium/simulator/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { negotiateMicroversion } from "./microversion.js";
import { fakeDeps, replayConfig } from "./testing/fake-deps.fixture.js";
import { createVhiClient } from "./vhi.client.js";
import { VhiIncompatibleError } from "./vhi.errors.js";

const PROJECT_ID = "62dd6907c529485b9c5b2312dd8c21b3";

interface CatalogBody {
  token: { catalog: Array<{ type: string; endpoints: Array<{ url: string }> }> };
}

describe("Nova microversion negotiation", () => {
  let cloud: ReplayCloud;
  beforeEach(async () => {
    cloud = await startReplayCloud();
    cloud.route({ method: "GET", service: "compute", path: "/v2.1/limits" }, cloud.recorded("03-limits"));
  });
  afterEach(() => cloud.close());

  it("asks for the wanted version when the server offers more", async () => {
    const client = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    await client.limits.get();
    const negotiated = await client.compute();
    expect(negotiated).toMatchObject({ microversion: "2.79", serverMinVersion: "2.1", serverMaxVersion: "2.93" });
    expect(cloud.requests.at(-1)?.headers["openstack-api-version"]).toBe("compute 2.79");
  });

  it("caps the wanted version at the server maximum", async () => {
    const client = createVhiClient(replayConfig(cloud.authUrl, { wantedMicroversion: "2.95" }), fakeDeps());
    expect((await client.compute()).microversion).toBe("2.93");
  });

  it("refuses a cloud whose maximum is below what the workers need", async () => {
    cloud.route(
      { method: "GET", service: "compute", path: "/v2.1/" },
      cloud.recorded("02-nova-v2.1-root", (body) => {
        body.version.version = "2.30";
      }),
    );
    const client = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    const error = await client.limits.get().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VhiIncompatibleError);
    expect((error as Error).message).toContain("2.30");
    expect(cloud.requests.some((req) => req.path === "/v2.1/limits")).toBe(false);
  });

  it("reads the version document without the project id of a VHI-style endpoint, falling back to the root", async () => {
    cloud.route({ method: "POST", service: "identity", path: "/v3/auth/tokens" }, () =>
      cloud.recorded("01-token-create", (body: CatalogBody) => {
        const compute = body.token.catalog.find((entry) => entry.type === "compute")!;
        for (const endpoint of compute.endpoints) endpoint.url = `${endpoint.url}/${PROJECT_ID}`;
      }),
    );
    cloud.route({ method: "GET", service: "compute", path: "/v2.1/" }, { status: 404, body: "Not Found" });
    cloud.route({ method: "GET", service: "compute", path: `/v2.1/${PROJECT_ID}/limits` }, cloud.recorded("03-limits"));
    const client = createVhiClient(replayConfig(cloud.authUrl), fakeDeps());
    await client.limits.get();
    const paths = cloud.requests.filter((req) => req.service === "compute").map((req) => req.path);
    expect(paths).toEqual(["/v2.1/", "/", `/v2.1/${PROJECT_ID}/limits`]);
    expect((await client.compute()).microversion).toBe("2.79");
  });
});

describe("negotiateMicroversion", () => {
  const base = { serverMin: "2.1", serverMax: "2.93", wanted: "2.79", required: "2.37" };

  it("never exceeds what we were written for nor what the server offers", () => {
    expect(negotiateMicroversion(base)).toBe("2.79");
    expect(negotiateMicroversion({ ...base, serverMax: "2.60" })).toBe("2.60");
    // 2.100 is newer than 2.93: components compare as numbers, not strings.
    expect(negotiateMicroversion({ ...base, wanted: "2.100" })).toBe("2.93");
  });

  it("refuses clouds outside the usable range", () => {
    expect(() => negotiateMicroversion({ ...base, serverMax: "2.36" })).toThrow(VhiIncompatibleError);
    expect(() => negotiateMicroversion({ ...base, serverMin: "2.80" })).toThrow(VhiIncompatibleError);
    expect(() => negotiateMicroversion({ ...base, serverMin: "", serverMax: "" })).toThrow(VhiIncompatibleError);
  });
});
