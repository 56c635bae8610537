import { randomUUID } from "node:crypto";
import { Desktop, DesktopProvisioningState, Pool, PoolProvisioningState, PoolStatus } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allReady, type ProvisioningRig, startProvisioningRig } from "./provisioning.harness.js";

// Issue 14, item 2: no pool or desktop state is a dead end. Every desktop provisioning state and every pool
// status/provisioning state below is put in place, then the pool is deleted; the deletion must finish, leaving no
// row and no server. A desktop whose create was refused (no server ever appeared) kept pools draining forever.
let rig: ProvisioningRig;

beforeAll(async () => {
  rig = await startProvisioningRig("acme", { unlimitedQuota: true });
});

/** Each state walked and the way out it took, printed after the suite as the proof's table. */
const exits: string[] = [];

afterAll(async () => {
  if (exits.length > 0) console.info(`state exits:\n${exits.map((line) => `  ${line}`).join("\n")}`);
  await rig?.close();
});

const repo = <T extends object>(entity: new () => T) => rig.app.database.dataSource.getRepository(entity);
const poolGone = (poolId: string) => async () => (await repo(Pool).countBy({ id: poolId })) === 0;

/** A desktop row whose create was sent and refused by the cloud: attempt counted, no server, never will be. */
function refusedCreate(pool: Pool, seq: number): Partial<Desktop> {
  return {
    tenantId: pool.tenantId,
    poolId: pool.id,
    seq,
    name: `acme-refused-${seq}`,
    provisioningState: "pending",
    availability: "provisioning",
    desiredPowerState: "running",
    observedPowerState: "unknown",
    requestMarker: randomUUID(),
    createAttempts: 1,
    lastError: "create failed: Can not find requested image",
  };
}

describe("every pool and desktop state has a way out", () => {
  it("deletes a pool holding a desktop in each provisioning state, servers included", async () => {
    const pool = await rig.createPool({ name: "exits", minAvailable: 5, deleteOrphans: true });
    const controller = rig.controller();
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 5));
    const [ready, failed, vanished, building, deleting] = await rig.desktops(pool.id);
    const desktops = repo(Desktop);
    await desktops.update({ id: failed!.id }, { provisioningState: "failed", lastError: "ERROR build" });
    // Its server is gone from our view; the real one becomes an orphan the pool deletes.
    await desktops.update({ id: vanished!.id }, { provisioningState: "vanished", serverId: randomUUID() });
    await desktops.update({ id: building!.id }, { provisioningState: "building" });
    // A deletion whose DELETE never reached Nova: the server is still ACTIVE.
    await desktops.update({ id: deleting!.id }, { provisioningState: "deleting", desiredPowerState: "deleted" });
    await desktops.insert([refusedCreate(pool, 50), { ...refusedCreate(pool, 51), createAttempts: 0 }]);
    const states = (await rig.desktops(pool.id)).map((desktop) => desktop.provisioningState);
    expect(new Set(states)).toEqual(new Set(Object.values(DesktopProvisioningState)));
    expect(ready!.provisioningState).toBe("ready");

    await repo(Pool).update({ id: pool.id }, { status: "draining" });
    const passes = await rig.converge(controller, pool.id, poolGone(pool.id));
    for (const state of Object.values(DesktopProvisioningState)) {
      exits.push(`desktop ${state}: deleted with its pool (deletePool), pool gone after ${passes} passes`);
    }
    expect(await rig.desktops(pool.id)).toEqual([]);
    rig.sim.control.settle();
    expect(rig.servers(pool.id)).toEqual([]);
  });

  it("terminates a desktop whose server never appeared, in a pool that keeps running", async () => {
    const pool = await rig.createPool({ name: "refused", minAvailable: 0, status: "paused" });
    const [row] = await repo(Desktop).save([{ ...refusedCreate(pool, 1), desiredPowerState: "deleted" }]);
    await rig.controller().runPool(pool.id);
    expect(await repo(Desktop).countBy({ id: row!.id })).toBe(0);
    expect(await repo(Pool).countBy({ id: pool.id })).toBe(1);
    exits.push(
      "desktop pending without a server (create refused): terminate (desired state deleted) removes it in 1 pass",
    );
  });

  it("deletes a pool from every status and provisioning state", async () => {
    const cases = Object.values(PoolStatus).flatMap((status) =>
      Object.values(PoolProvisioningState).map((provisioningState) => ({ status, provisioningState })),
    );
    const controller = rig.controller();
    for (const [index, { status, provisioningState }] of cases.entries()) {
      const pool = await rig.createPool({
        name: `state-${index}`,
        minAvailable: 1,
        status,
        provisioningState,
        lastError: provisioningState === "blocked" || provisioningState === "error" ? "stuck" : null,
      });
      await repo(Desktop).insert(refusedCreate(pool, 1));
      // deletePool: the one way out the API offers, from any status.
      await repo(Pool).update({ id: pool.id }, { status: "draining", statusReason: "Deleting" });
      const passes = await rig.converge(controller, pool.id, poolGone(pool.id));
      exits.push(`pool ${status}/${provisioningState}: deletePool (draining), gone after ${passes} passes`);
    }
    expect(cases).toHaveLength(Object.values(PoolStatus).length * Object.values(PoolProvisioningState).length);
  });
});
