import type { Database } from "@atrium/migrations";
import { Lease } from "@atrium/schema";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { jobTestTargets, manualClock, openJobTestDatabase } from "./jobs.test-support.js";
import { LeaseLostError } from "./lease.errors.js";
import { acquireLease, releaseLease, renewLease, withLease } from "./leases.js";

describe.each(jobTestTargets())("leases on $label", ({ url }) => {
  let db: Database;
  beforeAll(async () => {
    db = await openJobTestDatabase(url);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.dataSource.getRepository(Lease).deleteAll();
  });
  const leases = () => db.dataSource.getRepository(Lease);

  it("lets exactly one of many racing holders win a new lease", async () => {
    const holders = Array.from({ length: 6 }, (_, i) => `worker-${i}`);
    const won = await Promise.all(holders.map((h) => acquireLease(db.dataSource, "pool:race", h, 30_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = holders[won.indexOf(true)];
    expect(await leases().findOneByOrFail({ name: "pool:race" })).toMatchObject({ holder: winner });
  });

  it("lets exactly one of many racing holders take over an expired lease", async () => {
    const clock = manualClock();
    expect(await acquireLease(db.dataSource, "pool:expired", "old", 1_000, { clock: clock.now })).toBe(true);
    clock.advance(1_001);
    const holders = Array.from({ length: 6 }, (_, i) => `worker-${i}`);
    const won = await Promise.all(
      holders.map((h) => acquireLease(db.dataSource, "pool:expired", h, 1_000, { clock: clock.now })),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it("refuses a lease held by someone else until it expires, then hands it over", async () => {
    const clock = manualClock();
    const acquire = (holder: string) => acquireLease(db.dataSource, "desktop:1", holder, 10_000, { clock: clock.now });
    expect(await acquire("a")).toBe(true);
    clock.advance(10_000);
    expect(await acquire("b")).toBe(false);
    clock.advance(1);
    expect(await acquire("b")).toBe(true);
    expect(await leases().findOneByOrFail({ name: "desktop:1" })).toMatchObject({
      holder: "b",
      acquiredAt: clock.now(),
      expiresAt: new Date(clock.now().getTime() + 10_000),
    });
    expect(await renewLease(db.dataSource, "desktop:1", "a", 10_000, { clock: clock.now })).toBe(false);
  });

  it("renews our own lease and keeps the original acquisition time", async () => {
    const clock = manualClock();
    const acquiredAt = clock.now();
    expect(await acquireLease(db.dataSource, "pool:renew", "a", 5_000, { clock: clock.now })).toBe(true);
    clock.advance(4_000);
    expect(await renewLease(db.dataSource, "pool:renew", "a", 5_000, { clock: clock.now })).toBe(true);
    clock.advance(4_000);
    // Acquiring again while holding it is a renewal too.
    expect(await acquireLease(db.dataSource, "pool:renew", "a", 5_000, { clock: clock.now })).toBe(true);
    expect(await leases().findOneByOrFail({ name: "pool:renew" })).toMatchObject({
      holder: "a",
      acquiredAt,
      expiresAt: new Date(clock.now().getTime() + 5_000),
    });
    expect(await acquireLease(db.dataSource, "pool:renew", "b", 5_000, { clock: clock.now })).toBe(false);
  });

  it("releases only our own lease", async () => {
    await acquireLease(db.dataSource, "pool:release", "a", 60_000);
    expect(await releaseLease(db.dataSource, "pool:release", "b")).toBe(false);
    expect(await releaseLease(db.dataSource, "pool:release", "a")).toBe(true);
    expect(await acquireLease(db.dataSource, "pool:release", "b", 60_000)).toBe(true);
  });

  it("runs work under a lease and releases it afterwards", async () => {
    const outcome = await withLease(db.dataSource, "pool:work", "a", 60_000, async (signal) => {
      expect(signal.aborted).toBe(false);
      expect(await acquireLease(db.dataSource, "pool:work", "b", 60_000)).toBe(false);
      return 42;
    });
    expect(outcome).toEqual({ acquired: true, value: 42 });
    expect(await leases().countBy({ name: "pool:work" })).toBe(0);
  });

  it("does not run the work when someone else holds the lease", async () => {
    await acquireLease(db.dataSource, "pool:busy", "b", 60_000);
    let ran = false;
    const outcome = await withLease(db.dataSource, "pool:busy", "a", 60_000, async () => {
      ran = true;
    });
    expect(outcome).toEqual({ acquired: false });
    expect(ran).toBe(false);
    expect(await leases().findOneByOrFail({ name: "pool:busy" })).toMatchObject({ holder: "b" });
  });

  it("aborts the work when renewal finds the lease taken over, and reports the loss", async () => {
    const work = withLease(
      db.dataSource,
      "pool:lost",
      "a",
      60_000,
      async (signal) => {
        // Another holder takes over (as after an expiry); the next renewal must abort us.
        await leases().update({ name: "pool:lost" }, { holder: "b" });
        await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
      },
      { renewEveryMs: 5 },
    );
    await expect(work).rejects.toBeInstanceOf(LeaseLostError);
    // The new holder keeps its lease: losing one must not release it.
    expect(await leases().findOneByOrFail({ name: "pool:lost" })).toMatchObject({ holder: "b" });
  });

  it("keeps the lease alive while long work runs", async () => {
    const renewals: Date[] = [];
    const outcome = await withLease(
      db.dataSource,
      "pool:long",
      "a",
      60_000,
      async (signal) => {
        // Wait until the background renewal has visibly moved the expiry at least twice.
        for (;;) {
          const lease = await leases().findOneByOrFail({ name: "pool:long" });
          if (renewals.length === 0 || lease.expiresAt.getTime() !== renewals.at(-1)!.getTime()) {
            renewals.push(lease.expiresAt);
          }
          if (renewals.length >= 3 || signal.aborted) return signal.aborted;
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      },
      { renewEveryMs: 5 },
    );
    expect(outcome).toEqual({ acquired: true, value: false });
  });
});

describe("lease arguments", () => {
  it("refuses names and holders that would not fit their columns", async () => {
    const dataSource = {} as Database["dataSource"];
    await expect(acquireLease(dataSource, "x".repeat(201), "a", 1_000)).rejects.toThrow(/name/);
    await expect(acquireLease(dataSource, "pool:1", "a".repeat(101), 1_000)).rejects.toThrow(/holder/);
    await expect(acquireLease(dataSource, "pool:1", "a", 0)).rejects.toThrow(/ttlMs/);
  });
});
