import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMspAdmin } from "../fixtures/factories.js";
import { dataOf } from "../fixtures/test-app.js";
import { allReady } from "./provisioning.harness.js";
import { type GraphqlProvisioningRig, startGraphqlProvisioningRig } from "./provisioning-graphql.harness.js";

// Issue 14, item 6: an out-of-service desktop was counted as available (pool counts, the dashboard's desktop
// filter, the MSP's fleet totals) and as the pool's free headroom, so a pool asked to keep two desktops free kept
// one. It is never offered: it counts as unavailable, and the controller builds a replacement around it.
let rig: GraphqlProvisioningRig;
let msp: string;
let poolId: string;

const COUNTS = `query($id: ID!) {
  pool(id: $id) { desktopCounts { total available unavailable } }
  available: desktops(first: 10, filter: { availability: AVAILABLE }) { totalCount }
  unavailable: desktops(first: 10, filter: { availability: UNAVAILABLE }) { totalCount nodes { id availability } }
}`;

type Counts = {
  pool: { desktopCounts: { total: number; available: number; unavailable: number } };
  available: { totalCount: number };
  unavailable: { totalCount: number; nodes: { id: string; availability: string }[] };
};

const counts = async () => dataOf(await rig.app.gql<Counts>(COUNTS, { id: poolId }, rig.adminToken));
const fleetAvailable = async () =>
  dataOf(
    await rig.app.gql<{ fleetOverview: { totals: { availableDesktops: number } } }>(
      "{ fleetOverview { totals { availableDesktops } } }",
      {},
      msp,
    ),
  ).fleetOverview.totals.availableDesktops;

beforeAll(async () => {
  rig = await startGraphqlProvisioningRig();
  msp = await createMspAdmin(rig.app);
  const pool = await rig.createPool({ name: "kept-free", minAvailable: 2, maxTotal: 5 });
  poolId = pool.id;
  await rig.converge(rig.controller(), poolId, allReady(rig, poolId, 2));
});

afterAll(async () => {
  await rig?.close();
});

describe("an out-of-service desktop", () => {
  it("is counted as unavailable, not available, wherever desktops are counted", async () => {
    expect((await counts()).pool.desktopCounts).toMatchObject({ total: 2, available: 2, unavailable: 0 });
    const [target] = await rig.desktops(poolId);
    dataOf(
      await rig.app.gql(
        "mutation($id: ID!) { setDesktopOutOfService(id: $id, outOfService: true) { id } }",
        { id: target!.id },
        rig.helpdeskToken,
      ),
    );
    const seen = await counts();
    expect(seen.pool.desktopCounts).toEqual({ total: 2, available: 1, unavailable: 1 });
    expect(seen.available.totalCount).toBe(1);
    expect(seen.unavailable).toEqual({ totalCount: 1, nodes: [{ id: target!.id, availability: "UNAVAILABLE" }] });
    expect(await fleetAvailable()).toBe(1);
  });

  it("is not the pool's free headroom: the controller builds another and leaves it as it is", async () => {
    const target = (await rig.desktops(poolId)).find((desktop) => desktop.outOfService);
    await rig.converge(rig.controller(), poolId, allReady(rig, poolId, 3), 20);
    expect((await counts()).pool.desktopCounts).toEqual({ total: 3, available: 2, unavailable: 1 });
    expect(await rig.desktop(target!.id)).toMatchObject({ outOfService: true, provisioningState: "ready" });
  });
});
