import { GROW_BACKOFF_CAP_MS } from "@atrium/api";
import { Pool } from "@atrium/schema";
import { DEFAULT_SEED_IDS } from "@atrium/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allReady, type ProvisioningRig, startProvisioningRig } from "./provisioning.harness.js";

// Issue 14, item 3: Neutron's port quota, as Nova relays it (403 "Maximum number of ports exceeded"), is a quota
// like the instance quota: the pool is blocked with the resource named, never paused for faults, and grows again
// on its own once the quota frees.
let rig: ProvisioningRig;

beforeAll(async () => {
  rig = await startProvisioningRig("acme", { unlimitedQuota: true });
});

afterAll(async () => {
  await rig?.close();
});

describe("quota refusals block a pool with the resource named", () => {
  it("blocks on the port quota without faults, and resumes by itself when ports free up", async () => {
    const pool = await rig.createPool({ name: "ports", minAvailable: 3, restraintFailures: 2 });
    rig.sim.control.setPortQuota(DEFAULT_SEED_IDS.acmeProjectId, 2);
    const controller = rig.controller();
    for (let pass = 0; pass < 6; pass += 1) {
      await controller.runPool(pool.id);
      rig.sim.control.settle();
    }
    const blocked = await rig.app.database.dataSource.getRepository(Pool).findOneByOrFail({ id: pool.id });
    expect(blocked).toMatchObject({ status: "active", provisioningState: "blocked" });
    expect(blocked.lastError).toMatch(/quota exceeded \(ports\): Nova refused: Maximum number of ports exceeded/);
    expect(rig.servers(pool.id)).toHaveLength(2);

    rig.sim.control.setPortQuota(DEFAULT_SEED_IDS.acmeProjectId, null);
    // A blocked pool asks again only after its backoff (provisioning-backoff.test.ts).
    rig.clock.advance(GROW_BACKOFF_CAP_MS);
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 3));
    const grown = await rig.app.database.dataSource.getRepository(Pool).findOneByOrFail({ id: pool.id });
    expect(grown).toMatchObject({ status: "active", lastError: null });
    expect(grown.provisioningState).not.toBe("blocked");
  });
});
