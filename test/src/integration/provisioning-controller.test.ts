import { META_DESKTOP, poolTag } from "@atrium/api";
import { Desktop, Pool, ProvisioningEvent } from "@atrium/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allReady, type ProvisioningRig, startProvisioningRig } from "./provisioning.harness.js";

// The pool controller against the VHI simulator: every pass is followed by `settle()`, which finishes all
// asynchronous server transitions, so the tests wait for nothing.
let rig: ProvisioningRig;

beforeAll(async () => {
  rig = await startProvisioningRig();
});

afterAll(async () => {
  await rig?.close();
});

const repo = <T extends object>(entity: new () => T) => rig.app.database.dataSource.getRepository(entity);
const events = (poolId: string) => repo(ProvisioningEvent).find({ where: { poolId }, order: { createdAt: "ASC" } });

describe("pool controller", () => {
  it("grows a pool to its headroom with tagged, named servers built from the golden image", async () => {
    const pool = await rig.createPool({ name: "grow", minAvailable: 3 });
    const controller = rig.controller();
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 3));
    const desktops = await rig.desktops(pool.id);
    expect(desktops.map((d) => d.name)).toEqual(["acme-grow-001", "acme-grow-002", "acme-grow-003"]);
    expect(desktops.every((d) => d.availability === "available" && d.observedPowerState === "running")).toBe(true);
    const servers = rig.servers(pool.id);
    expect(servers.map((s) => s.metadata[META_DESKTOP]).sort()).toEqual(desktops.map((d) => d.id).sort());
    expect(servers.every((s) => s.imageId === pool.imageRef && s.flavorId === "vdi.standard")).toBe(true);
    expect((await repo(Pool).findOneByOrFail({ id: pool.id })).provisioningState).toBe("idle");
    // Assigning two desktops consumes headroom: the pool grows by two more.
    for (const desktop of desktops.slice(0, 2)) {
      await repo(Desktop).update({ id: desktop.id }, { availability: "assigned", assignedUserId: rig.tenant.id });
    }
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 5));
  });

  it("never goes above maxTotal and stops at the project quota without a 403, saying why", async () => {
    const capped = await rig.createPool({ name: "capped", minAvailable: 8, maxTotal: 4 });
    const controller = rig.controller();
    await rig.converge(controller, capped.id, allReady(rig, capped.id, 4));
    await controller.runPool(capped.id);
    expect(await rig.desktops(capped.id)).toHaveLength(4);

    // vdi.gpu needs 8 cores / 16 GB: acme's quota (200 cores, 400 GB) minus what is running leaves room for few.
    const usage = rig.sim.state.usage(rig.sim.state.projectId("tenant-acme"));
    const fit = Math.min(Math.floor((200 - usage.cores) / 8), Math.floor((409_600 - usage.ram) / 16_384));
    const big = await rig.createPool({ name: "big", flavorRef: "vdi.gpu", minAvailable: fit + 3, maxTotal: 50 });
    rig.sim.control.resetCounters();
    await rig.converge(controller, big.id, async () => rig.servers(big.id).length === fit);
    await controller.runPool(big.id);
    const after = await repo(Pool).findOneByOrFail({ id: big.id });
    expect(after.provisioningState).toBe("blocked");
    expect(after.lastError).toMatch(/quota: 0 more fit/);
    expect(rig.servers(big.id)).toHaveLength(fit);
    expect(rig.sim.control.counters().byStatus["403"]).toBeUndefined();
    expect((await events(big.id)).some((e) => e.kind === "blocked")).toBe(true);
    await repo(Pool).update({ id: big.id }, { maxTotal: 0, enforceLimits: true });
    await rig.converge(controller, big.id, async () => (await rig.desktops(big.id)).length === 0);
    await repo(Pool).update({ id: capped.id }, { maxTotal: 0, enforceLimits: true });
    await rig.converge(controller, capped.id, async () => (await rig.desktops(capped.id)).length === 0);
  });

  it("follows a schedule window and scales down afterwards, sparing assigned desktops", async () => {
    const pool = await rig.createPool({
      name: "sched",
      minAvailable: 1,
      enforceLimits: true,
      timeZone: "Europe/Berlin",
      schedule: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "18:00", minAvailable: 4 }],
    });
    const controller = rig.controller();
    rig.clock.set(new Date("2026-01-05T06:00:00Z")); // Monday 07:00 in Berlin: before the window
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 1));
    rig.clock.set(new Date("2026-01-05T08:00:00Z")); // 09:00: peak
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 4));
    const [first] = await rig.desktops(pool.id);
    await repo(Desktop).update({ id: first!.id }, { availability: "assigned", assignedUserId: rig.tenant.id });
    rig.clock.set(new Date("2026-01-05T18:30:00Z")); // 19:30: off-peak, one assigned + one free
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 2));
    const left = await rig.desktops(pool.id);
    expect(left.map((d) => d.id)).toContain(first!.id);
    expect(rig.servers(pool.id)).toHaveLength(2);
    expect((await events(pool.id)).filter((e) => e.kind === "scale-down")).toHaveLength(2);
  });

  it("pauses a pool after repeated build faults and records them", async () => {
    const pool = await rig.createPool({
      name: "faulty",
      minAvailable: 2,
      restraintFailures: 3,
      restraintWindowMinutes: 10,
    });
    rig.sim.control.failCreatesMatching(/acme-faulty-/, "No valid host was found. ");
    const controller = rig.controller();
    try {
      await rig.converge(
        controller,
        pool.id,
        async () => (await repo(Pool).findOneByOrFail({ id: pool.id })).status === "paused",
      );
      const creates = rig.servers(pool.id).length;
      await controller.runPool(pool.id);
      rig.sim.control.settle();
      await controller.runPool(pool.id);
      const after = await repo(Pool).findOneByOrFail({ id: pool.id });
      expect(after.statusReason).toMatch(/Paused after \d+ faults within 10 minutes/);
      expect(after.provisioningState).toBe("paused");
      const log = await events(pool.id);
      expect(log.filter((e) => e.kind === "fault").length).toBeGreaterThanOrEqual(3);
      expect(log.find((e) => e.kind === "fault")?.message).toMatch(/No valid host/);
      expect(log.filter((e) => e.kind === "paused")).toHaveLength(1);
      expect(rig.servers(pool.id).length).toBeLessThanOrEqual(creates);
    } finally {
      rig.sim.control.failCreatesMatching(null);
    }
  });

  it("drives each desktop to its desired power state and keeps minRunning warm when parking", async () => {
    const pool = await rig.createPool({ name: "power", minAvailable: 3 });
    const controller = rig.controller();
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 3));
    const [a, b, c] = await rig.desktops(pool.id);
    await repo(Desktop).update({ id: a!.id }, { desiredPowerState: "stopped" });
    await repo(Desktop).update({ id: b!.id }, { desiredPowerState: "suspended" });
    await repo(Desktop).update({ id: c!.id }, { desiredPowerState: "shelved" });
    const observed = async () => (await rig.desktops(pool.id)).map((d) => d.observedPowerState);
    await rig.converge(controller, pool.id, async () => (await observed()).join() === "stopped,suspended,shelved");
    const status = (id: string) => rig.sim.state.server(id)?.status;
    const [sa, sb, sc] = await rig.desktops(pool.id);
    expect([status(sa!.serverId!), status(sb!.serverId!), status(sc!.serverId!)]).toEqual([
      "SHUTOFF",
      "SUSPENDED",
      "SHELVED_OFFLOADED",
    ]);
    await repo(Desktop).update({ poolId: pool.id }, { desiredPowerState: "running" });
    await rig.converge(controller, pool.id, async () => (await observed()).every((s) => s === "running"));

    await repo(Pool).update({ id: pool.id }, { parkedPowerState: "stopped", minRunning: 1 });
    await rig.converge(controller, pool.id, async () => (await observed()).sort().join() === "running,stopped,stopped");
  });

  it("runs reboot, rebuild and terminate requests, and replaces terminated headroom", async () => {
    const pool = await rig.createPool({ name: "life", minAvailable: 2 });
    const controller = rig.controller();
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 2));
    const [a, b] = await rig.desktops(pool.id);
    rig.sim.control.resetCounters();
    await repo(Desktop).update({ id: a!.id }, { pendingAction: "reboot" });
    await repo(Desktop).update({ id: b!.id }, { pendingAction: "rebuild" });
    await controller.runPool(pool.id);
    rig.sim.control.settle();
    expect(rig.sim.control.counters().events).toMatchObject({
      "compute action reboot": 1,
      "compute action rebuild": 1,
    });
    await repo(Desktop).update({ id: a!.id }, { desiredPowerState: "deleted" });
    await rig.converge(controller, pool.id, async () => {
      const ids = (await rig.desktops(pool.id)).map((d) => d.id);
      return !ids.includes(a!.id) && (await allReady(rig, pool.id, 2)());
    });
    expect(rig.sim.state.server(a!.serverId!)?.deleted).toBe(true);
    expect((await rig.desktops(pool.id)).map((d) => d.seq)).toEqual([2, 3]);
  });

  it("reports orphans, deletes them when the pool says so, and marks desktops whose server vanished", async () => {
    const pool = await rig.createPool({ name: "orph", minAvailable: 2 });
    const controller = rig.controller();
    await rig.converge(controller, pool.id, allReady(rig, pool.id, 2));
    const client = rig.clients().forTenant(rig.cloud, rig.tenant);
    const stray = await client.servers.create({
      name: "stray",
      flavorRef: "vdi.standard",
      imageRef: pool.imageRef,
      networks: pool.networkIds,
      tags: [poolTag(pool.id)],
    });
    rig.sim.control.settle();
    await controller.runPool(pool.id);
    expect((await events(pool.id)).some((e) => e.kind === "orphan" && e.message.includes(stray.id))).toBe(true);
    expect(rig.sim.state.server(stray.id)?.deleted).toBe(false);
    await repo(Pool).update({ id: pool.id }, { deleteOrphans: true });
    await controller.runPool(pool.id);
    rig.sim.control.settle();
    expect(rig.sim.state.server(stray.id)?.deleted).toBe(true);

    const [assigned, free] = await rig.desktops(pool.id);
    await repo(Desktop).update({ id: assigned!.id }, { availability: "assigned", assignedUserId: rig.tenant.id });
    await client.servers.delete(assigned!.serverId!);
    await client.servers.delete(free!.serverId!);
    rig.sim.control.settle();
    await controller.runPool(pool.id);
    const marked = await repo(Desktop).findOneByOrFail({ id: assigned!.id });
    expect([marked.provisioningState, marked.observedPowerState]).toEqual(["vanished", "deleted"]);
    expect(marked.lastError).toMatch(/no longer exists/);
    // The unassigned one is simply provisioned again under the same name.
    await rig.converge(
      controller,
      pool.id,
      async () => (await repo(Desktop).findOneByOrFail({ id: free!.id })).provisioningState === "ready",
    );
    expect((await events(pool.id)).filter((e) => e.kind === "vanished")).toHaveLength(2);
  });

  it("lets only one of two workers act on a pool at a time", async () => {
    const pool = await rig.createPool({ name: "race", minAvailable: 4 });
    const first = rig.controller({ holder: "worker-a" });
    const second = rig.controller({ holder: "worker-b" });
    const outcomes = await Promise.all([first.runPool(pool.id), second.runPool(pool.id)]);
    expect(outcomes.map((o) => o.acquired).sort()).toEqual([false, true]);
    for (let round = 0; round < 6; round += 1) {
      await Promise.all([first.runOnce(), second.runOnce()]);
      rig.sim.control.settle();
    }
    expect(await allReady(rig, pool.id, 4)()).toBe(true);
    const servers = rig.servers(pool.id);
    expect(servers).toHaveLength(4);
    expect(new Set(servers.map((s) => s.metadata[META_DESKTOP])).size).toBe(4);
  });
});
