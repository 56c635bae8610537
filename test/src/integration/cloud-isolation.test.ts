import { Desktop, Pool } from "@atrium/schema";
import { DEFAULT_SEED_IDS } from "@atrium/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf } from "../fixtures/test-app.js";
import {
  type GraphqlProvisioningRig,
  POOL_FIELDS,
  poolInput,
  startGraphqlProvisioningRig,
} from "./provisioning-graphql.harness.js";

// Issue 14, item 1: the cloud's service account holds the admin role on every tenant project (as MSPs do on VHI),
// so Glance, Nova and Neutron show it every project's resources. Acme must still see and use only what its own
// project may: public/community images, its own, those shared with it and accepted; public flavors and those
// granted to it; its own networks (or shared ones) and security groups.
let rig: GraphqlProvisioningRig;
const ids = DEFAULT_SEED_IDS;

beforeAll(async () => {
  rig = await startGraphqlProvisioningRig();
});

afterAll(async () => {
  await rig?.close();
});

const CREATE = `mutation($input: CreatePoolInput!) { createPool(input: $input) { ${POOL_FIELDS} } }`;
const INVENTORY = `query($id: ID!) { poolInventory(cloudId: $id) {
  images { id } flavors { id } networks { id } securityGroups { id name } } }`;

type Inventory = {
  images: { id: string }[];
  flavors: { id: string }[];
  networks: { id: string }[];
  securityGroups: { id: string; name: string }[];
};

const poolCount = () => rig.app.database.dataSource.getRepository(Pool).countBy({ tenantId: rig.tenant.id });

describe("an admin-scoped cloud account builds each tenant only from its own project", () => {
  it("offers acme's pickers none of globex's private image, flavor, network or security group", async () => {
    const result = await rig.app.gql<{ poolInventory: Inventory }>(INVENTORY, { id: rig.cloud.id }, rig.adminToken);
    const inventory = dataOf(result).poolInventory;
    const images = inventory.images.map((image) => image.id);
    expect(images).toEqual(expect.arrayContaining([ids.images.win11, ids.images.ubuntu, ids.images.sharedAccepted]));
    expect(images).not.toContain(ids.images.globexPrivate);
    expect(images).not.toContain(ids.images.sharedPending);
    const flavors = inventory.flavors.map((flavor) => flavor.id);
    expect(flavors).toContain("vdi.standard");
    expect(flavors).not.toContain(ids.globexFlavor);
    expect(inventory.networks.map((network) => network.id)).toEqual([ids.networks.acme]);
    const groups = inventory.securityGroups.map((group) => group.id);
    expect(groups).toContain(ids.securityGroups.acmeRdp);
    expect(groups).not.toContain(ids.securityGroups.globexRdp);
    expect(inventory.securityGroups.filter((group) => group.name === "default")).toHaveLength(1);
  });

  it("refuses createPool with any of globex's resources, naming the field, and creates nothing", async () => {
    const before = await poolCount();
    const attempts: [Record<string, unknown>, string][] = [
      [{ imageRef: ids.images.globexPrivate }, "imageRef"],
      [{ imageRef: ids.images.sharedPending }, "imageRef"],
      [{ flavorRef: ids.globexFlavor }, "flavorRef"],
      [{ networkIds: [ids.networks.globex] }, "networkIds"],
      [{ securityGroups: [ids.securityGroups.globexRdp] }, "securityGroups"],
      [{ securityGroups: ["globex-rdp"] }, "securityGroups"],
    ];
    for (const [override, field] of attempts) {
      const result = await rig.app.gql(
        CREATE,
        { input: poolInput(rig, { name: "steal", ...override }) },
        rig.adminToken,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await poolCount()).toBe(before);
    const own = await rig.app.gql<{ createPool: { id: string } }>(
      CREATE,
      {
        input: poolInput(rig, {
          name: "shared-ok",
          imageRef: ids.images.sharedAccepted,
          securityGroups: [ids.securityGroups.acmeRdp],
        }),
      },
      rig.adminToken,
    );
    expect(dataOf(own).createPool.id).toBeTruthy();
  });

  it("stops a pool whose image lost its sharing before creating anything, with the reason", async () => {
    const result = await rig.app.gql<{ createPool: { id: string } }>(
      CREATE,
      { input: poolInput(rig, { name: "unshared", imageRef: ids.images.sharedAccepted, minAvailable: 1 }) },
      rig.adminToken,
    );
    const poolId = dataOf(result).createPool.id;
    rig.sim.control.setImageMember(ids.images.sharedAccepted, ids.acmeProjectId, null);
    try {
      await rig.controller().runPool(poolId);
      const pool = await rig.pool(poolId);
      expect(pool).toMatchObject({ status: "paused", provisioningState: "paused" });
      expect(pool?.statusReason).toMatch(/Glance: image .* not available to project/);
      expect(rig.servers(poolId)).toHaveLength(0);
      const desktops = await rig.app.database.dataSource.getRepository(Desktop).findBy({ poolId });
      expect(desktops.every((desktop) => desktop.createAttempts === 0)).toBe(true);
    } finally {
      rig.sim.control.setImageMember(ids.images.sharedAccepted, ids.acmeProjectId, "accepted");
    }
  });
});
