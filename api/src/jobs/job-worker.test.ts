import type { Database } from "@atrium/migrations";
import { Job } from "@atrium/schema";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { enqueueJob } from "./enqueue-job.js";
import { defineJob } from "./job-definition.js";
import { promJobMetrics } from "./job-metrics.js";
import { JobRegistry } from "./job-registry.js";
import { type JobWorker, type JobWorkerOptions, startJobWorker } from "./job-worker.js";
import { jobTestTargets, openJobTestDatabase, recordingLogger } from "./jobs.test-support.js";

const countJob = defineJob({ name: "count", payload: z.object({ n: z.number().int() }) });

/** Resolves after the event loop has turned a few times: enough for anything not blocked on a gate to finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe.each(jobTestTargets())("job worker on $label", ({ url }) => {
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

  function start(registry: JobRegistry, options: Partial<JobWorkerOptions> = {}): JobWorker {
    const worker = startJobWorker({
      dataSource: db.dataSource,
      registry,
      workerId: "worker-a",
      concurrency: 2,
      pollMs: 60_000,
      logger: recordingLogger(),
      ...options,
    });
    workers.push(worker);
    return worker;
  }

  it("runs 200 jobs across two concurrent workers exactly once each", async () => {
    const runs = new Map<string, string[]>();
    const registry = new JobRegistry().register(countJob, async (ctx) => {
      // Yield inside the handler so both workers interleave their claims and handlers.
      await new Promise((resolve) => setImmediate(resolve));
      runs.set(ctx.jobId, [...(runs.get(ctx.jobId) ?? []), `attempt ${ctx.attempt}`]);
    });
    const ids = await db.dataSource.transaction(async (manager) => {
      const created: string[] = [];
      for (let n = 0; n < 200; n++) created.push(await enqueueJob(manager, countJob, { n }));
      return created;
    });
    const a = start(registry, { workerId: "worker-a", concurrency: 4, pollMs: 5 });
    const b = start(registry, { workerId: "worker-b", concurrency: 4, pollMs: 5 });

    await Promise.all([a.drain(), b.drain()]);

    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    expect([...runs.values()].every((attempts) => attempts.length === 1 && attempts[0] === "attempt 1")).toBe(true);
    const rows = await db.dataSource.getRepository(Job).find();
    expect(
      rows.filter((row) => row.status === "succeeded" && row.attempts === 1 && row.lockedBy === null),
    ).toHaveLength(200);
  });

  it("never runs a job whose enqueuing transaction rolled back", async () => {
    const seen: number[] = [];
    const registry = new JobRegistry().register(countJob, async (_ctx, payload) => {
      seen.push(payload.n);
    });
    await expect(
      db.dataSource.transaction(async (manager) => {
        await enqueueJob(manager, countJob, { n: 1 });
        throw new Error("request failed");
      }),
    ).rejects.toThrow("request failed");
    await enqueueJob(db.dataSource.manager, countJob, { n: 2 });

    await start(registry).drain();

    expect(seen).toEqual([2]);
    expect(await db.dataSource.getRepository(Job).count()).toBe(1);
  });

  it("waits on stop for a running handler to finish", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const registry = new JobRegistry().register(countJob, async () => {
      started();
      await gate;
    });
    const id = await enqueueJob(db.dataSource.manager, countJob, { n: 1 });
    const worker = start(registry, { pollMs: 5 });
    await running;

    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(await db.dataSource.getRepository(Job).findOneByOrFail({ id })).toMatchObject({ status: "succeeded" });
  });

  it("aborts handlers still running after the stop grace period and queues their jobs again", async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const registry = new JobRegistry().register(countJob, async (ctx) => {
      started();
      await new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)));
    });
    const id = await enqueueJob(db.dataSource.manager, countJob, { n: 1 });
    const worker = start(registry, { pollMs: 5 });
    await running;

    await worker.stop({ graceMs: 1 });

    expect(await db.dataSource.getRepository(Job).findOneByOrFail({ id })).toMatchObject({
      status: "queued",
      lockedBy: null,
      lastError: "WorkerStoppingError: worker is stopping",
    });
  });

  it("counts claimed and succeeded jobs into a prom-client registry passed in", async () => {
    const metrics = new Registry();
    const registry = new JobRegistry().register(countJob, async () => undefined);
    await enqueueJob(db.dataSource.manager, countJob, { n: 1 });
    await enqueueJob(db.dataSource.manager, countJob, { n: 2 });

    await start(registry, { metrics: promJobMetrics(metrics) }).drain();

    const text = await metrics.metrics();
    expect(text).toContain('atrium_jobs_total{event="claimed",job="count"} 2');
    expect(text).toContain('atrium_jobs_total{event="succeeded",job="count"} 2');
  });
});

describe("startJobWorker", () => {
  it("refuses settings that would stall or overflow the lock column", () => {
    const base = { registry: new JobRegistry(), concurrency: 1, pollMs: 10, logger: recordingLogger() };
    const dataSource = {} as JobWorkerOptions["dataSource"];
    expect(() => startJobWorker({ ...base, dataSource, workerId: "" })).toThrow(/workerId/);
    expect(() => startJobWorker({ ...base, dataSource, workerId: "w".repeat(101) })).toThrow(/workerId/);
    expect(() => startJobWorker({ ...base, dataSource, workerId: "w", concurrency: 0 })).toThrow(/concurrency/);
  });

  it("refuses a job registered twice", () => {
    const registry = new JobRegistry().register(countJob, async () => undefined);
    expect(() => registry.register(countJob, async () => undefined)).toThrow(/already registered/);
  });
});
