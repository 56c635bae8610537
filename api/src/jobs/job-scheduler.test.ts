import type { Database } from "@atrium/migrations";
import { Job } from "@atrium/schema";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob } from "./job-definition.js";
import { enqueueForPeriod, periodDedupeKey, periodStartOf, scheduleEvery, startJobScheduler } from "./job-scheduler.js";
import { jobTestTargets, manualClock, openJobTestDatabase, recordingLogger } from "./jobs.test-support.js";

const HOUR = 3_600_000;
const usageMeter = defineJob({ name: "usage-meter", payload: z.object({ hour: z.iso.datetime() }) });

describe("period keys", () => {
  it("aligns periods to the epoch in UTC", () => {
    expect(periodStartOf(new Date("2026-11-26T10:59:59.999Z"), HOUR)).toEqual(new Date("2026-11-26T10:00:00.000Z"));
    expect(periodStartOf(new Date("2026-11-26T10:07:00.000Z"), 5 * 60_000)).toEqual(
      new Date("2026-11-26T10:05:00.000Z"),
    );
  });

  it("writes keys as short as the period allows", () => {
    const start = new Date("2026-11-26T10:00:00.000Z");
    expect(periodDedupeKey("usage-meter", start, HOUR)).toBe("usage-meter:2026-11-26T10");
    expect(periodDedupeKey("usage-meter", start, 24 * HOUR)).toBe("usage-meter:2026-11-26");
    expect(periodDedupeKey("usage-meter", start, 15 * 60_000)).toBe("usage-meter:2026-11-26T10:00");
    expect(periodDedupeKey("usage-meter", start, 30_000)).toBe("usage-meter:2026-11-26T10:00:00");
    expect(periodDedupeKey("usage-meter", start, 250)).toBe("usage-meter:2026-11-26T10:00:00.000Z");
    expect(periodDedupeKey("usage-meter", start, HOUR, "t-1")).toBe("usage-meter:t-1:2026-11-26T10");
  });

  it("refuses a period that is not a positive whole number of milliseconds", () => {
    expect(() => scheduleEvery(usageMeter, 0, (hour) => ({ hour: hour.toISOString() }))).toThrow(/periodMs/);
  });
});

describe.each(jobTestTargets())("periodic jobs on $label", ({ url }) => {
  let db: Database;
  beforeAll(async () => {
    db = await openJobTestDatabase(url);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.dataSource.getRepository(Job).deleteAll();
  });
  const jobs = () => db.dataSource.getRepository(Job);

  it("enqueues one job per period even after that period's job has finished", async () => {
    const now = new Date("2026-11-26T10:20:00.000Z");
    const payload = { hour: "2026-11-26T10:00:00.000Z" };
    const first = await enqueueForPeriod(db.dataSource.manager, usageMeter, payload, { periodMs: HOUR, now });
    expect(first).toMatchObject({ created: true, periodStart: new Date("2026-11-26T10:00:00.000Z") });
    await jobs().update({ id: first.id }, { status: "succeeded" });

    const late = await enqueueForPeriod(db.dataSource.manager, usageMeter, payload, {
      periodMs: HOUR,
      now: new Date("2026-11-26T10:59:00.000Z"),
    });
    expect(late).toMatchObject({ id: first.id, created: false });

    const next = await enqueueForPeriod(db.dataSource.manager, usageMeter, payload, {
      periodMs: HOUR,
      now: new Date("2026-11-26T11:00:00.000Z"),
    });
    expect(next.created).toBe(true);
    expect((await jobs().find({ order: { runAt: "ASC" } })).map((j) => j.dedupeKey)).toEqual([
      "usage-meter:2026-11-26T10",
      "usage-meter:2026-11-26T11",
    ]);
  });

  it("fans out per tenant: one job per tenant per period", async () => {
    const now = new Date("2026-11-26T10:20:00.000Z");
    const payload = { hour: "2026-11-26T10:00:00.000Z" };
    const tenants = ["4a0a1e3c-93a7-4d0c-b6b0-6f3c1e0d2a11", "9c3f8d6e-2b1a-4c5d-8e7f-0a1b2c3d4e5f"];
    for (let round = 0; round < 2; round++) {
      for (const tenantId of tenants) {
        await enqueueForPeriod(db.dataSource.manager, usageMeter, payload, { periodMs: HOUR, now, tenantId });
      }
    }
    expect((await jobs().find()).map((j) => j.tenantId).sort()).toEqual([...tenants].sort());
  });

  it("lets several schedulers tick at once without duplicating the period's job", async () => {
    const clock = manualClock(new Date("2026-11-26T10:00:05.000Z"));
    const schedule = scheduleEvery(usageMeter, HOUR, (hour) => ({ hour: hour.toISOString() }));
    const schedulers = Array.from({ length: 3 }, () =>
      startJobScheduler({
        dataSource: db.dataSource,
        schedules: [schedule],
        tickMs: 60_000,
        logger: recordingLogger(),
        clock: clock.now,
      }),
    );
    try {
      const created = await Promise.all(schedulers.map((s) => s.tick()));
      expect(created.reduce((a, b) => a + b, 0)).toBe(1);
      clock.advance(HOUR);
      await Promise.all(schedulers.map((s) => s.tick()));
    } finally {
      await Promise.all(schedulers.map((s) => s.stop()));
    }
    const rows = await jobs().find({ order: { runAt: "ASC" } });
    expect(rows.map((j) => [j.dedupeKey, j.payload])).toEqual([
      ["usage-meter:2026-11-26T10", { hour: "2026-11-26T10:00:00.000Z" }],
      ["usage-meter:2026-11-26T11", { hour: "2026-11-26T11:00:00.000Z" }],
    ]);
  });

  it("logs a schedule whose payload is invalid and keeps scheduling the others", async () => {
    const logger = recordingLogger();
    const broken = scheduleEvery(usageMeter, HOUR, () => ({ hour: "not a date" }));
    const fine = scheduleEvery(defineJob({ name: "cleanup", payload: z.object({}) }), HOUR, () => ({}));
    const scheduler = startJobScheduler({
      dataSource: db.dataSource,
      schedules: [broken, fine],
      tickMs: 60_000,
      logger,
    });
    try {
      expect(await scheduler.tick()).toBe(1);
    } finally {
      await scheduler.stop();
    }
    expect(logger.entries).toEqual([
      expect.objectContaining({
        level: "error",
        msg: "scheduling failed",
        obj: expect.objectContaining({ job: "usage-meter" }),
      }),
    ]);
    expect((await jobs().find()).map((j) => j.name)).toEqual(["cleanup"]);
  });
});
