import { AuditEvent, Cloud, Pool, Tenant } from "@atrium/schema";
import { startVhiSimulator, type VhiSimulator } from "@atrium/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMspAdmin,
  createTenantWithPeople,
  createUser,
  signIn,
  type TenantFixture,
} from "../fixtures/factories.js";
import { simulatorCloudRow } from "../fixtures/multi-node-stack.js";
import { dataOf, errorCodes, startTestApp, type TestApp } from "../fixtures/test-app.js";
import { poolInput } from "./provisioning-graphql.harness.js";

// Issue 14, item 6: every tenant saw every cloud the MSP registered, broken ones included. The MSP now grants each
// tenant its clouds; a tenant sees and uses no other (NOT_FOUND, as for an id that does not exist).
let app: TestApp;
let sim: VhiSimulator;
let msp: string;
let operator: string;
let acme: TenantFixture;
const clouds: Record<"sim" | "other" | "broken", Cloud> = {} as never;

const SET = `mutation($input: SetTenantCloudsInput!) { setTenantClouds(input: $input) { clouds { name } } }`;
const CREATE = "mutation($input: CreatePoolInput!) { createPool(input: $input) { id } }";
const POOL_CLOUDS = "{ poolClouds { name status available } currentTenant { clouds { name } } }";
const INVENTORY = "query($id: ID!) { poolInventory(cloudId: $id) { cloudId } }";

const tenantRow = () => app.database.dataSource.getRepository(Tenant).findOneByOrFail({ id: acme.tenant.id });
const poolCount = () => app.database.dataSource.getRepository(Pool).countBy({ tenantId: acme.tenant.id });
const setClouds = (cloudIds: string[], token = msp) =>
  app.gql<{ setTenantClouds: { clouds: { name: string }[] } }>(
    SET,
    { input: { tenantId: acme.tenant.id, cloudIds } },
    token,
  );

beforeAll(async () => {
  app = await startTestApp();
  sim = await startVhiSimulator();
  msp = await createMspAdmin(app);
  await createUser(app, null, "noc", "msp_operator");
  operator = await signIn(app, "noc");
  acme = await createTenantWithPeople(app, "acme");
  const repo = app.database.dataSource.getRepository(Cloud);
  clouds.sim = await repo.save(simulatorCloudRow(app, sim, "sim"));
  clouds.other = await repo.save(simulatorCloudRow(app, sim, "other"));
  clouds.broken = await repo.save({ ...simulatorCloudRow(app, sim, "broken"), status: "error" as const });
  // Mapped to its project, but granted no cloud yet (as a tenant mapped before clouds were granted, with no pool).
  await app.database.dataSource
    .getRepository(Tenant)
    .save({ ...acme.tenant, vhiDomain: "Default", vhiProject: "tenant-acme", cloudIds: [] });
});

afterAll(async () => {
  await sim?.close();
  await app?.close();
});

describe("the clouds a tenant may use", () => {
  it("shows a tenant no cloud it was not granted, and answers NOT_FOUND for one, creating nothing", async () => {
    const listed = dataOf(await app.gql<{ poolClouds: unknown[] }>(POOL_CLOUDS, {}, acme.adminToken));
    expect(listed.poolClouds).toEqual([]);
    const inventory = await app.gql(INVENTORY, { id: clouds.sim.id }, acme.adminToken);
    expect(errorCodes(inventory)).toEqual(["NOT_FOUND"]);
    const created = await app.gql(CREATE, { input: input(clouds.sim, "ungranted") }, acme.adminToken);
    expect(errorCodes(created)).toEqual(["NOT_FOUND"]);
    expect(await poolCount()).toBe(0);
  });

  it("lets only MSP administrators grant clouds: an MSP operator and a tenant admin are refused, nothing changes", async () => {
    for (const token of [operator, acme.adminToken]) {
      expect(errorCodes(await setClouds([clouds.sim.id], token))).toEqual(["FORBIDDEN"]);
    }
    expect((await tenantRow()).cloudIds).toEqual([]);
    expect(errorCodes(await setClouds([clouds.sim.id, "00000000-0000-4000-8000-000000000000"]))).toEqual(["NOT_FOUND"]);
    expect((await tenantRow()).cloudIds).toEqual([]);
  });

  it("grants clouds with an audit entry naming them, and the tenant sees those only, a broken one as unavailable", async () => {
    const granted = dataOf(await setClouds([clouds.sim.id, clouds.broken.id])).setTenantClouds;
    expect(granted.clouds).toEqual([{ name: "broken" }, { name: "sim" }]);
    const audit = await app.database.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: "setTenantClouds", targetId: acme.tenant.id });
    expect(audit).toMatchObject({ tenantId: acme.tenant.id, before: { clouds: [] } });
    expect(audit.after).toEqual({ clouds: ["broken", "sim"] });

    const seen = dataOf(
      await app.gql<{ poolClouds: unknown[]; currentTenant: { clouds: unknown[] } }>(POOL_CLOUDS, {}, acme.adminToken),
    );
    expect(seen.poolClouds).toEqual([
      { name: "broken", status: "ERROR", available: false },
      { name: "sim", status: "OK", available: true },
    ]);
    expect(seen.currentTenant.clouds).toEqual([{ name: "broken" }, { name: "sim" }]);

    const broken = await app.gql(INVENTORY, { id: clouds.broken.id }, acme.adminToken);
    expect(broken.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "CLOUD_UNAVAILABLE" });
    const brokenPool = await app.gql(CREATE, { input: input(clouds.broken, "on-broken") }, acme.adminToken);
    expect(brokenPool.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "CLOUD_UNAVAILABLE" });
  });

  it("refuses the pickers and a pool on a cloud not granted with NOT_FOUND, and builds on a granted one", async () => {
    expect(errorCodes(await app.gql(INVENTORY, { id: clouds.other.id }, acme.adminToken))).toEqual(["NOT_FOUND"]);
    const foreign = await app.gql(CREATE, { input: input(clouds.other, "on-other") }, acme.adminToken);
    expect(errorCodes(foreign)).toEqual(["NOT_FOUND"]);
    const unknown = { id: "00000000-0000-4000-8000-000000000000" } as Cloud;
    expect(errorCodes(await app.gql(CREATE, { input: input(unknown, "nowhere") }, acme.adminToken))).toEqual([
      "NOT_FOUND",
    ]);
    expect(await poolCount()).toBe(0);
    const own = await app.gql<{ createPool: { id: string } }>(
      CREATE,
      { input: input(clouds.sim, "on-sim") },
      acme.adminToken,
    );
    expect(dataOf(own).createPool.id).toBeTruthy();
  });

  it("keeps a cloud the tenant's pools are built on, and refuses using one taken away behind their back", async () => {
    const kept = await setClouds([clouds.broken.id]);
    expect(errorCodes(kept)).toEqual(["CONFLICT"]);
    expect(kept.errors?.[0]?.message).toMatch(/cloud "sim"/);
    expect((await tenantRow()).cloudIds.sort()).toEqual([clouds.sim.id, clouds.broken.id].sort());

    const pool = await app.database.dataSource.getRepository(Pool).findOneByOrFail({ name: "on-sim" });
    await app.database.dataSource.getRepository(Tenant).save({ ...(await tenantRow()), cloudIds: [clouds.broken.id] });
    const updated = await app.gql(
      'mutation($id: ID!) { updatePool(id: $id, input: { flavorRef: "vdi.power" }) { id } }',
      { id: pool.id },
      acme.adminToken,
    );
    expect(errorCodes(updated)).toEqual(["NOT_FOUND"]);
    expect(await app.database.dataSource.getRepository(Pool).findOneByOrFail({ id: pool.id })).toMatchObject({
      flavorRef: pool.flavorRef,
    });
  });
});

/** A valid pool on `cloud` for acme's project. */
function input(cloud: Cloud, name: string) {
  return poolInput({ cloud }, { name, namePattern: `${name}-{SEQ:3}` });
}
