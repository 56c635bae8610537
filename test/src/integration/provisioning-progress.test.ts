import { Pool } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf } from "../fixtures/test-app.js";
import { allReady } from "./provisioning.harness.js";
import {
  DESKTOP_FIELDS,
  type GraphqlProvisioningRig,
  POOL_FIELDS,
  poolInput,
  startGraphqlProvisioningRig,
} from "./provisioning-graphql.harness.js";

// End to end through the API: a pool created over GraphQL is grown by the worker's pool controller against the
// simulator, and everything the portal shows of that progress is read back over GraphQL.
let rig: GraphqlProvisioningRig;

beforeAll(async () => {
  rig = await startGraphqlProvisioningRig();
});

afterAll(async () => {
  await rig?.close();
});

interface PoolView {
  id: string;
  status: string;
  statusReason: string | null;
  provisioningState: string;
  lastError: string | null;
  desktopCounts: Record<string, number>;
}
interface DesktopView {
  id: string;
  name: string;
  availability: string;
  provisioningState: string;
  observedPowerState: string;
  serverStatus: string | null;
  addresses: string[];
}
interface EventView {
  kind: string;
  level: string;
  message: string;
  desktopId: string | null;
}

async function progress(poolId: string, token = rig.helpdeskToken) {
  const result = await rig.app.gql<{
    pool: PoolView;
    desktops: { edges: { node: DesktopView }[] };
    poolEvents: { edges: { node: EventView }[] };
  }>(
    `query($id: ID!) {
      pool(id: $id) { ${POOL_FIELDS} }
      desktops(filter: { poolId: $id }, first: 50) { edges { node { ${DESKTOP_FIELDS} } } }
      poolEvents(poolId: $id, first: 100) { edges { node { kind level message desktopId } } }
    }`,
    { id: poolId },
    token,
  );
  const data = dataOf(result);
  return {
    pool: data.pool,
    desktops: data.desktops.edges.map((edge) => edge.node),
    events: data.poolEvents.edges.map((edge) => edge.node),
  };
}

/**
 * Restraint compares events stamped by the API (the resume) with the controller's (faults), so the controller's
 * clock follows the API's: a second behind it before the resume and a second ahead after it, so that every fault
 * is strictly before or after the resume, never in the same millisecond.
 */
function controllerClockAt(offsetMs: number): void {
  rig.clock.set(rig.app.clock.now());
  rig.clock.advance(offsetMs);
}

async function resume(poolId: string): Promise<void> {
  dataOf(await rig.app.gql(`mutation($id: ID!) { resumePool(id: $id) { id } }`, { id: poolId }, rig.adminToken));
  controllerClockAt(1_000);
}

async function createPool(overrides: Record<string, unknown>): Promise<string> {
  const result = await rig.app.gql<{ createPool: { id: string } }>(
    `mutation($input: CreatePoolInput!) { createPool(input: $input) { id } }`,
    { input: poolInput(rig, overrides) },
    rig.adminToken,
  );
  return dataOf(result).createPool.id;
}

describe("provisioning progress over GraphQL", () => {
  it("shows a pool created over GraphQL growing to ready desktops, with counts and events", async () => {
    const poolId = await createPool({ name: "e2e", minAvailable: 3, maxTotal: 5 });
    const controller = rig.controller();

    await controller.runPool(poolId);
    const building = await progress(poolId);
    expect(building.pool.provisioningState).toBe("GROWING");
    expect(building.pool.desktopCounts).toMatchObject({ total: 3, provisioning: 3, available: 0 });
    expect(building.desktops.map((d) => d.name)).toEqual(["acme-e2e-001", "acme-e2e-002", "acme-e2e-003"]);
    for (const desktop of building.desktops) {
      expect(desktop).toMatchObject({ availability: "PROVISIONING", provisioningState: "BUILDING" });
    }

    rig.sim.control.settle();
    await controller.runPool(poolId);
    const ready = await progress(poolId);
    expect(ready.pool).toMatchObject({ provisioningState: "IDLE", lastError: null, status: "ACTIVE" });
    expect(ready.pool.desktopCounts).toMatchObject({ total: 3, provisioning: 0, available: 3, failed: 0 });
    for (const desktop of ready.desktops) {
      expect(desktop).toMatchObject({
        availability: "AVAILABLE",
        provisioningState: "READY",
        observedPowerState: "RUNNING",
        serverStatus: "ACTIVE",
      });
      expect(desktop.addresses.length).toBeGreaterThan(0);
    }
    const readyEvents = ready.events.filter((event) => event.kind === "READY");
    expect(readyEvents.map((event) => event.desktopId).sort()).toEqual(ready.desktops.map((d) => d.id).sort());
    expect(readyEvents[0]).toMatchObject({ level: "INFO", message: expect.stringMatching(/^acme-e2e-00\d is ready$/) });
  });

  it("counts only faults after a resume: a resumed pool grows instead of pausing again at once", async () => {
    controllerClockAt(-1_000);
    const poolId = await createPool({ name: "restrain", minAvailable: 2, restraintFailures: 3 });
    const controller = rig.controller();
    const status = async () => (await rig.pool(poolId))!.status;
    rig.sim.control.failCreatesMatching(/acme-restrain-/, "No valid host was found. ");
    try {
      await rig.converge(controller, poolId, async () => (await status()) === "paused");
      const paused = await progress(poolId);
      expect(paused.pool.statusReason).toMatch(/^Paused after \d+ faults within 10 minutes$/);
      expect(paused.events.filter((event) => event.kind === "FAULT").length).toBeGreaterThanOrEqual(3);
    } finally {
      rig.sim.control.failCreatesMatching(null);
    }

    // The cause is fixed and an admin resumes, well within the restraint window of the old faults.
    await resume(poolId);
    await controller.runPool(poolId);
    expect(await status()).toBe("active");
    await rig.converge(controller, poolId, allReady(rig, poolId, 2));
    const resumed = await progress(poolId);
    expect(resumed.pool).toMatchObject({ status: "ACTIVE", provisioningState: "IDLE" });
    expect(resumed.events.find((event) => event.kind === "RESUMED")).toMatchObject({ message: "Resumed by admin" });
    expect(resumed.events.filter((event) => event.kind === "PAUSED")).toHaveLength(1);
  });

  it("still pauses a resumed pool that keeps failing, on the faults after the resume", async () => {
    controllerClockAt(-1_000);
    const poolId = await createPool({ name: "relapse", minAvailable: 2, restraintFailures: 3 });
    const controller = rig.controller();
    const pool = async () => (await rig.pool(poolId)) as Pool;
    rig.sim.control.failCreatesMatching(/acme-relapse-/, "No valid host was found. ");
    try {
      await rig.converge(controller, poolId, async () => (await pool()).status === "paused");
      await resume(poolId);
      await rig.converge(controller, poolId, async () => (await pool()).status === "paused");
      const { events } = await progress(poolId);
      const resumedAt = events.findIndex((event) => event.kind === "RESUMED");
      // Newest first: the second pause and at least three faults came after the resume.
      const afterResume = events.slice(0, resumedAt);
      expect(afterResume.filter((event) => event.kind === "PAUSED")).toHaveLength(1);
      expect(afterResume.filter((event) => event.kind === "FAULT").length).toBeGreaterThanOrEqual(3);
    } finally {
      rig.sim.control.failCreatesMatching(null);
    }
  });
});
