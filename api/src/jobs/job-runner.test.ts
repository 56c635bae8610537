import type { Database } from "@atrium/migrations";
import { Job, Tenant } from "@atrium/schema";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { enqueueJob } from "./enqueue-job.js";
import { defineJob } from "./job-definition.js";
import type { JobMetricEvent } from "./job-metrics.js";
import { JobRegistry } from "./job-registry.js";
import { type JobWorker, type JobWorkerOptions, startJobWorker } from "./job-worker.js";
import { jobTestTargets, manualClock, openJobTestDatabase, recordingLogger } from "./jobs.test-support.js";

const syncJob = defineJob({
  name: "sync-cloud",
  payload: z.object({ cloudId: z.uuid() }),
  maxAttempts: 3,
  backoff: { baseMs: 1_000, maxMs: 5_000 },
});
const cloudId = "0f8fad5b-d9cb-469f-a165-70867728950e";

describe.each(jobTestTargets())("running jobs on $label", ({ url }) => {
  let db: Database;
  let workers: JobWorker[] = [];
  beforeAll(async () => {
    db = await openJobTestDatabase(url);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.dataSource.getRepository(Job).deleteAll();
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
  });
  const jobs = () => db.dataSource.getRepository(Job);

  function start(registry: JobRegistry, options: Partial<JobWorkerOptions> = {}): JobWorker {
    // Jitter pinned to its maximum, so each backoff is exactly baseMs · 2^(attempt-1).
    const worker = startJobWorker({
      dataSource: db.dataSource,
      registry,
      workerId: "worker-a",
      concurrency: 2,
      pollMs: 60_000,
      logger: recordingLogger(),
      random: () => 1,
      ...options,
    });
    workers.push(worker);
    return worker;
  }

  it("retries with exponential backoff on the injected clock, then buries the job with its last error", async () => {
    const clock = manualClock();
    const attempts: number[] = [];
    const events: string[] = [];
    const registry = new JobRegistry().register(syncJob, async (ctx) => {
      attempts.push(ctx.attempt);
      throw new Error(`cloud unreachable (try ${ctx.attempt})`);
    });
    const id = await enqueueJob(db.dataSource.manager, syncJob, { cloudId }, { runAt: clock.now() });
    const worker = start(registry, {
      clock: clock.now,
      metrics: (event: JobMetricEvent, name) => events.push(`${event}:${name}`),
    });

    await worker.drain();
    expect(await jobs().findOneByOrFail({ id })).toMatchObject({
      status: "queued",
      attempts: 1,
      runAt: new Date(clock.now().getTime() + 1_000),
      lastError: "Error: cloud unreachable (try 1)",
      lockedBy: null,
    });

    clock.advance(999);
    await worker.drain();
    expect(attempts).toEqual([1]);

    clock.advance(1);
    await worker.drain();
    expect(attempts).toEqual([1, 2]);
    expect((await jobs().findOneByOrFail({ id })).runAt).toEqual(new Date(clock.now().getTime() + 2_000));

    clock.advance(2_000);
    await worker.drain();
    expect(attempts).toEqual([1, 2, 3]);
    expect(await jobs().findOneByOrFail({ id })).toMatchObject({
      status: "dead",
      attempts: 3,
      lastError: "Error: cloud unreachable (try 3)",
    });

    clock.advance(60_000);
    await worker.drain();
    expect(attempts).toEqual([1, 2, 3]);
    expect(events).toEqual([
      "claimed:sync-cloud",
      "failed:sync-cloud",
      "claimed:sync-cloud",
      "failed:sync-cloud",
      "claimed:sync-cloud",
      "dead:sync-cloud",
    ]);
  });

  it("buries a job whose stored payload no longer validates, without calling the handler", async () => {
    let called = false;
    const registry = new JobRegistry().register(syncJob, async () => {
      called = true;
    });
    const row = await jobs().save({ name: "sync-cloud", payload: { cloudId: "not-a-uuid" }, runAt: new Date() });

    await start(registry).drain();

    expect(called).toBe(false);
    const dead = await jobs().findOneByOrFail({ id: row.id });
    expect(dead).toMatchObject({ status: "dead", attempts: 1 });
    expect(dead.lastError).toMatch(/^Error: invalid payload: .*cloudId/s);
  });

  it("reclaims a job whose worker crashed (visibility timeout passed), but not one still held", async () => {
    const clock = manualClock();
    const seen: { id: string; attempt: number }[] = [];
    const registry = new JobRegistry().register(syncJob, async (ctx) => {
      seen.push({ id: ctx.jobId, attempt: ctx.attempt });
    });
    const base = { name: "sync-cloud", payload: { cloudId }, runAt: clock.now(), status: "running" as const };
    const crashed = await jobs().save({
      ...base,
      attempts: 1,
      lockedBy: "crashed-worker",
      lockedUntil: new Date(clock.now().getTime() - 1),
    });
    const held = await jobs().save({
      ...base,
      attempts: 1,
      lockedBy: "live-worker",
      lockedUntil: new Date(clock.now().getTime() + 30_000),
    });

    await start(registry, { clock: clock.now }).drain();

    expect(seen).toEqual([{ id: crashed.id, attempt: 2 }]);
    expect(await jobs().findOneByOrFail({ id: crashed.id })).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(await jobs().findOneByOrFail({ id: held.id })).toMatchObject({ status: "running", lockedBy: "live-worker" });
  });

  it("buries a job whose worker crashed on its final attempt", async () => {
    const clock = manualClock();
    let called = false;
    const registry = new JobRegistry().register(syncJob, async () => {
      called = true;
    });
    const row = await jobs().save({
      name: "sync-cloud",
      payload: { cloudId },
      runAt: clock.now(),
      status: "running",
      attempts: 3,
      maxAttempts: 3,
      lockedBy: "crashed-worker",
      lockedUntil: new Date(clock.now().getTime() - 1),
    });

    await start(registry, { clock: clock.now }).drain();

    expect(called).toBe(false);
    const dead = await jobs().findOneByOrFail({ id: row.id });
    expect(dead.status).toBe("dead");
    expect(dead.lastError).toMatch(/gave up after 3 attempts/);
  });

  it("times out a handler that ignores its abort signal", async () => {
    const hanging = defineJob({ name: "hanging", payload: z.object({}), maxAttempts: 1, timeoutMs: 20 });
    const registry = new JobRegistry().register(hanging, () => new Promise<void>(() => undefined));
    const id = await enqueueJob(db.dataSource.manager, hanging, {});

    await start(registry).drain();

    expect(await jobs().findOneByOrFail({ id })).toMatchObject({
      status: "dead",
      lastError: "JobTimeoutError: job timed out after 20 ms",
    });
  });

  it("retries a job nobody on this worker can handle instead of losing it", async () => {
    const unknown = defineJob({ name: "from-a-newer-release", payload: z.object({}) });
    const id = await enqueueJob(db.dataSource.manager, unknown, {});

    await start(new JobRegistry()).drain();

    const row = await jobs().findOneByOrFail({ id });
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row.lastError).toMatch(/no handler registered for job "from-a-newer-release"/);
  });

  it("rolls a transactional handler's writes back on failure and commits them with its success", async () => {
    const createTenant = defineJob({
      name: "create-tenant",
      payload: z.object({ slug: z.string() }),
      backoff: { baseMs: 0, maxMs: 0 },
      transactional: true,
    });
    const registry = new JobRegistry().register(createTenant, async (ctx, payload) => {
      await ctx.manager!.getRepository(Tenant).save({ name: payload.slug, slug: payload.slug });
      if (ctx.attempt === 1) throw new Error("directory not ready");
    });
    const id = await enqueueJob(db.dataSource.manager, createTenant, { slug: "acme-tx" });

    await start(registry).drain();

    expect(await jobs().findOneByOrFail({ id })).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(await db.dataSource.getRepository(Tenant).countBy({ slug: "acme-tx" })).toBe(1);
  });

  it("stops a handler whose job another worker took over, and leaves the job to the new owner", async () => {
    const clock = manualClock();
    const registry = new JobRegistry().register(syncJob, async (ctx) => {
      // Simulate the takeover a visibility-timeout expiry allows; the next heartbeat must notice it.
      await db.dataSource.getRepository(Job).update({ id: ctx.jobId }, { lockedBy: "worker-b", attempts: 2 });
      await new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)));
    });
    const id = await enqueueJob(db.dataSource.manager, syncJob, { cloudId }, { runAt: clock.now() });

    await start(registry, { clock: clock.now, visibilityTimeoutMs: 30 }).drain();

    expect(await jobs().findOneByOrFail({ id })).toMatchObject({ status: "running", lockedBy: "worker-b" });
  });
});
