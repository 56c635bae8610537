import { AuditEvent, Cloud, Tenant } from "@atrium/schema";
import { DEFAULT_SEED_IDS, startVhiSimulator, type VhiSimulator } from "@atrium/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMspAdmin, createTenantWithPeople, type TenantFixture } from "../fixtures/factories.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";

// Clouds through GraphQL against the VHI simulator: registration, connection test, inventory for the pool pickers.
let app: TestApp;
let sim: VhiSimulator;
let msp: string;
let acme: TenantFixture;
let cloudId: string;

const CLOUD_FIELDS = "id name status statusMessage maxMicroversion lastCheckedAt requestsPerSecond";

async function registerCloud(name: string, authUrl: string, password: string) {
  const result = await app.gql<{ createCloud: { id: string; requestsPerSecond: number | null } }>(
    `mutation($input: CreateCloudInput!) { createCloud(input: $input) { ${CLOUD_FIELDS} } }`,
    {
      input: {
        name,
        authUrl,
        region: "RegionOne",
        domainName: "Default",
        projectName: "admin",
        username: DEFAULT_SEED_IDS.serviceUser.name,
        password,
        requestsPerSecond: 20,
      },
    },
    msp,
  );
  return dataOf(result).createCloud;
}

beforeAll(async () => {
  app = await startTestApp();
  sim = await startVhiSimulator();
  msp = await createMspAdmin(app);
  acme = await createTenantWithPeople(app, "acme");
  const cloud = await registerCloud("sim", sim.url, DEFAULT_SEED_IDS.serviceUser.password);
  expect(cloud.requestsPerSecond).toBe(20);
  cloudId = cloud.id;
  await app.database.dataSource
    .getRepository(Tenant)
    .save({ ...acme.tenant, vhiDomain: "Default", vhiProject: "tenant-acme", cloudId, cloudIds: [cloudId] });
});

afterAll(async () => {
  await sim?.close();
  await app?.close();
});

describe("clouds", () => {
  it("tests the connection with the sealed password and records ok, the microversion and the time", async () => {
    const stored = await app.database.dataSource.getRepository(Cloud).findOneByOrFail({ id: cloudId });
    expect(stored.passwordEnc).not.toContain(DEFAULT_SEED_IDS.serviceUser.password);
    const result = await app.gql<{ testCloudConnection: Record<string, unknown> }>(
      `mutation($id: ID!) { testCloudConnection(id: $id) { ${CLOUD_FIELDS} } }`,
      { id: cloudId },
      msp,
    );
    const cloud = dataOf(result).testCloudConnection;
    expect(cloud.status).toBe("OK");
    expect(cloud.maxMicroversion).toMatch(/^2\.\d+$/);
    expect(cloud.lastCheckedAt).not.toBeNull();
    expect(cloud.statusMessage).toMatch(/images/);
    const audit = await app.database.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: "testCloudConnection", targetId: cloudId });
    expect(JSON.stringify(audit.after)).not.toContain(stored.passwordEnc);
  });

  it("records the precise reason when the password is wrong or the endpoint is unreachable", async () => {
    const wrong = await registerCloud("wrong-password", sim.url, "not-the-password");
    const tested = dataOf(
      await app.gql<{ testCloudConnection: { status: string; statusMessage: string } }>(
        `mutation($id: ID!) { testCloudConnection(id: $id) { status statusMessage } }`,
        { id: wrong.id },
        msp,
      ),
    ).testCloudConnection;
    expect(tested.status).toBe("ERROR");
    expect(tested.statusMessage).toMatch(/^Keystone authentication failed \(HTTP 401\)/);

    const down = await registerCloud("unreachable", "http://127.0.0.1:1/identity/v3", "x");
    const unreachable = dataOf(
      await app.gql<{ testCloudConnection: { status: string; statusMessage: string } }>(
        `mutation($id: ID!) { testCloudConnection(id: $id) { status statusMessage } }`,
        { id: down.id },
        msp,
      ),
    ).testCloudConnection;
    expect(unreachable.status).toBe("ERROR");
    expect(unreachable.statusMessage).toMatch(/^Keystone authentication failed/);
  });

  it("validates requestsPerSecond and refuses the connection test to tenant admins", async () => {
    const bad = await app.gql(
      `mutation($id: ID!) { updateCloud(id: $id, input: { requestsPerSecond: 0 }) { id } }`,
      { id: cloudId },
      msp,
    );
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
    const updated = await app.gql<{ updateCloud: { requestsPerSecond: number | null } }>(
      `mutation($id: ID!) { updateCloud(id: $id, input: { requestsPerSecond: null }) { requestsPerSecond } }`,
      { id: cloudId },
      msp,
    );
    expect(dataOf(updated).updateCloud.requestsPerSecond).toBeNull();
    const denied = await app.gql(
      `mutation($id: ID!) { testCloudConnection(id: $id) { id } }`,
      { id: cloudId },
      acme.adminToken,
    );
    expect(errorCodes(denied)).toEqual(["FORBIDDEN"]);
    const missing = await app.gql(
      `mutation { testCloudConnection(id: "00000000-0000-4000-8000-000000000000") { id } }`,
      {},
      msp,
    );
    expect(errorCodes(missing)).toEqual(["NOT_FOUND"]);
  });

  it("lists the inventory for the pool pickers (MSP: service project)", async () => {
    const result = await app.gql<{
      cloudInventory: {
        images: { id: string; name: string }[];
        flavors: { id: string; vcpus: number; ramMb: number; diskGb: number }[];
        volumeTypes: { name: string }[];
        availabilityZones: { name: string }[];
      };
    }>(
      `query($id: ID!) { cloudInventory(cloudId: $id) {
        images { id name } flavors { id vcpus ramMb diskGb } networks { id name }
        securityGroups { id name } volumeTypes { name } availabilityZones { name available } } }`,
      { id: cloudId },
      msp,
    );
    const inventory = dataOf(result).cloudInventory;
    expect(inventory.images.map((image) => image.id)).toContain(DEFAULT_SEED_IDS.images.win11);
    expect(inventory.flavors.find((flavor) => flavor.id === "vdi.standard")).toEqual({
      id: "vdi.standard",
      vcpus: 2,
      ramMb: 4096,
      diskGb: 64,
    });
    expect(inventory.volumeTypes.map((type) => type.name).sort()).toEqual(["default", "fast-ssd"]);
    expect(inventory.availabilityZones.map((zone) => zone.name)).toEqual(["nova"]);
    const denied = await app.gql(
      `query($id: ID!) { cloudInventory(cloudId: $id) { cloudId } }`,
      { id: cloudId },
      acme.adminToken,
    );
    expect(errorCodes(denied)).toEqual(["FORBIDDEN"]);
  });

  it("gives tenant admins the inventory their own project sees, and clouds to pick from", async () => {
    const result = await app.gql<{
      poolClouds: { id: string; name: string }[];
      poolInventory: { networks: { id: string }[]; securityGroups: { name: string }[] };
    }>(
      `query($id: ID!) { poolClouds { id name } poolInventory(cloudId: $id) { networks { id } securityGroups { name } } }`,
      { id: cloudId },
      acme.adminToken,
    );
    const data = dataOf(result);
    expect(data.poolClouds.map((cloud) => cloud.name)).toContain("sim");
    const networks = data.poolInventory.networks.map((network) => network.id);
    expect(networks).toContain(DEFAULT_SEED_IDS.networks.acme);
    expect(networks).not.toContain(DEFAULT_SEED_IDS.networks.globex);
    const helpdesk = await app.gql(`{ poolClouds { id } }`, {}, acme.helpdeskToken);
    expect(errorCodes(helpdesk)).toEqual(["FORBIDDEN"]);
  });

  // Issue 14, item 6: an outage said what failed but not which service.
  it("names the failing service when the cloud cannot be read", async () => {
    sim.control.setErrorRate(1, ["image"]);
    try {
      const result = await app.gql(
        `query($id: ID!) { cloudInventory(cloudId: $id) { cloudId } }`,
        { id: cloudId },
        msp,
      );
      expect(errorCodes(result)).toEqual(["CONFLICT"]);
      expect(result.errors?.[0]?.message).toMatch(/^Cloud "sim" could not be read: Glance: /);
    } finally {
      sim.control.setErrorRate(0);
    }
  });

  it("tells a tenant that is not mapped to a VHI project to ask its MSP", async () => {
    const globex = await createTenantWithPeople(app, "globex");
    await app.database.dataSource.getRepository(Tenant).save({ ...globex.tenant, cloudIds: [cloudId] });
    const result = await app.gql(
      `query($id: ID!) { poolInventory(cloudId: $id) { cloudId } }`,
      { id: cloudId },
      globex.adminToken,
    );
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.message).toMatch(/ask your MSP to map this tenant to a VHI project/);
  });
});
