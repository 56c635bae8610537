import { GROW_BACKOFF_CAP_MS, growBackoffMs } from "@atrium/api";
import { Pool } from "@atrium/schema";
import { DEFAULT_SEED_IDS } from "@atrium/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allReady, type ProvisioningRig, startProvisioningRig } from "./provisioning.harness.js";

// Issue 14, item 4: a pool blocked on quota read the limits and sent refused creates on every pass (every 2 s), for
// as long as the quota stayed full. While blocked it now asks again only on the backoff schedule.
let rig: ProvisioningRig;

beforeAll(async () => {
  rig = await startProvisioningRig("acme", { unlimitedQuota: true });
});

afterAll(async () => {
  await rig?.close();
});

/** Grow attempts the schedule allows within `windowMs`: the first at once, then each after its wait. */
function attemptsWithin(windowMs: number): number {
  let attempts = 0;
  for (let at = 0; at <= windowMs; at += growBackoffMs(attempts)) attempts += 1;
  return attempts;
}

describe("a pool blocked on quota backs off", () => {
  it("asks Nova no more often than the backoff schedule while blocked, and grows once the quota frees", async () => {
    const pool = await rig.createPool({ name: "backoff", minAvailable: 2, restraintFailures: 0 });
    rig.sim.control.setPortQuota(DEFAULT_SEED_IDS.acmeProjectId, 0);
    const controller = rig.controller();
    rig.sim.control.resetCounters();
    const windowMs = 10 * 60_000;
    const passEveryMs = 5_000;
    let passes = 0;
    for (let elapsed = 0; elapsed <= windowMs; elapsed += passEveryMs) {
      await controller.runPool(pool.id);
      rig.sim.control.settle();
      rig.clock.advance(passEveryMs);
      passes += 1;
    }
    const blocked = await rig.app.database.dataSource.getRepository(Pool).findOneByOrFail({ id: pool.id });
    expect(blocked).toMatchObject({ status: "active", provisioningState: "blocked" });
    expect(blocked.lastError).toMatch(/quota exceeded \(ports\)/);

    const { byRoute } = rig.sim.control.counters();
    const attempts = attemptsWithin(windowMs);
    const limitReads = byRoute["compute GET /limits"] ?? 0;
    const creates = byRoute["compute POST /servers"] ?? 0;
    console.info(
      `${passes} passes in ${windowMs / 60_000} min: ${limitReads} quota reads and ${creates} creates (schedule allows ${attempts} attempts)`,
    );
    expect(limitReads).toBeGreaterThanOrEqual(2);
    expect(limitReads).toBeLessThanOrEqual(attempts);
    // Each attempt sends at most one create per waiting desktop.
    expect(creates).toBeLessThanOrEqual(attempts * 2);
    expect(attempts).toBeLessThan(passes / 10);

    rig.sim.control.setPortQuota(DEFAULT_SEED_IDS.acmeProjectId, null);
    rig.clock.advance(GROW_BACKOFF_CAP_MS);
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 2));
    const grown = await rig.app.database.dataSource.getRepository(Pool).findOneByOrFail({ id: pool.id });
    expect(grown).toMatchObject({ lastError: null, growRetries: 0, growRetryAt: null });
  });
});
