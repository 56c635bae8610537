import { acrossTenants, meterTenantHours } from "@atrium/api";
import { Desktop, DesktopPowerInterval, Pool, UsageRecord } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allReady, type ProvisioningRig, startProvisioningRig } from "./provisioning.harness.js";

// The pool controller writes the power history metering bills from, against the VHI simulator on a manual clock.
let rig: ProvisioningRig;

beforeAll(async () => {
  rig = await startProvisioningRig();
});

afterAll(async () => {
  await rig?.close();
});

const repo = <T extends object>(entity: new () => T) => rig.app.database.dataSource.getRepository(entity);
const HOUR = 3_600_000;

describe("power history", () => {
  it("records each power state a desktop's server was in, with its size, until it is gone", async () => {
    const start = rig.clock.now();
    const pool = await rig.createPool({ name: "metered", minAvailable: 2 });
    const controller = rig.controller();
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 2));
    const [a, b] = await rig.desktops(pool.id);

    rig.clock.advance(HOUR);
    const stoppedAt = rig.clock.now();
    // No replacements from here on: only the two desktops are billed.
    await repo(Pool).update({ id: pool.id }, { minAvailable: 0 });
    await repo(Desktop).update({ id: a!.id }, { desiredPowerState: "stopped" });
    await repo(Desktop).update({ id: b!.id }, { desiredPowerState: "deleted" });
    await rig.converge(controller, pool.id, async () => {
      const left = await rig.desktops(pool.id);
      return left.length === 1 && left[0]!.observedPowerState === "stopped";
    });
    rig.clock.advance(HOUR);
    await controller.runPool(pool.id);

    const history = await repo(DesktopPowerInterval).find({ where: { poolId: pool.id }, order: { startedAt: "ASC" } });
    const billed = history.filter((s) => s.endedAt === null || s.endedAt > s.startedAt);
    expect(billed.map((s) => [s.desktopId, s.powerState, s.startedAt, s.endedAt])).toEqual(
      expect.arrayContaining([
        [a!.id, "running", start, stoppedAt],
        [a!.id, "stopped", stoppedAt, null],
        [b!.id, "running", start, stoppedAt],
      ]),
    );
    expect(billed).toHaveLength(3);
    expect(billed[0]).toMatchObject({ flavorRef: "vdi.standard", vcpus: 2, ramMb: 4096, storageGb: 64 });

    await meterTenantHours(
      acrossTenants(rig.app.database.dataSource.manager, "test meters one tenant", "test").forTenant(rig.tenant.id),
      { from: start, to: new Date(start.getTime() + 2 * HOUR) },
      rig.clock.now(),
    );
    const usage = await repo(UsageRecord).find({ where: { poolId: pool.id }, order: { hourStart: "ASC" } });
    expect(usage.map((u) => [u.poweredOnHours, u.vcpuHours, u.ramGbHours, u.storageGbHours])).toEqual([
      ["2.000000", "4.000000", "8.000000", "128.000000"],
      ["0.000000", "0.000000", "0.000000", "64.000000"],
    ]);
  });
});
