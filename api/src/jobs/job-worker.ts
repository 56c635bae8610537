import type { DataSource } from "typeorm";
import { claimJobs } from "../db/queue/job-queue.repository.js";
import { summarizeError, WorkerStoppingError } from "./job.errors.js";
import type { Clock, JobLogger } from "./job-definition.js";
import type { JobMetricsHook } from "./job-metrics.js";
import type { JobRegistry } from "./job-registry.js";
import { type JobRunnerDeps, runClaimedJob } from "./job-runner.js";

export interface JobWorkerOptions {
  dataSource: DataSource;
  registry: JobRegistry;
  /** Unique per process (e.g. `worker-<host>-<pid>`); stored in `job.locked_by`, at most 100 characters. */
  workerId: string;
  /** Handlers running at once in this worker. */
  concurrency: number;
  /** Idle wait between claims when there was nothing to do. */
  pollMs: number;
  logger: JobLogger;
  clock?: Clock;
  /**
   * How long a claim survives without a heartbeat; a crashed worker's jobs become claimable again after it.
   * Running handlers renew it every third of this period. Default 60 s.
   */
  visibilityTimeoutMs?: number;
  metrics?: JobMetricsHook;
  /** Jitter source for backoff, injectable for deterministic tests. */
  random?: () => number;
}

export interface StopOptions {
  /** After this long, running handlers' signals are aborted (they then count as failed and retry). */
  graceMs?: number;
}

export interface JobWorker {
  /** Stops claiming and waits for running handlers to settle. */
  stop(options?: StopOptions): Promise<void>;
  /** Runs jobs until none is due and none is running (tests, one-shot CLI runs). */
  drain(): Promise<void>;
}

export const DEFAULT_VISIBILITY_TIMEOUT_MS = 60_000;

class JobWorkerRuntime implements JobWorker {
  private readonly running = new Set<Promise<void>>();
  private claiming: Promise<number> | null = null;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private readonly stopController = new AbortController();
  private readonly deps: JobRunnerDeps;
  private readonly loopDone: Promise<void>;

  constructor(private readonly options: JobWorkerOptions) {
    this.deps = {
      dataSource: options.dataSource,
      registry: options.registry,
      workerId: options.workerId,
      logger: options.logger,
      clock: options.clock ?? (() => new Date()),
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? DEFAULT_VISIBILITY_TIMEOUT_MS,
      metrics: options.metrics,
      random: options.random ?? Math.random,
      stopSignal: this.stopController.signal,
    };
    this.loopDone = this.loop();
  }

  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.fill();
      if (claimed === 0 && this.running.size === 0 && !this.claiming) return;
      // Either every slot is busy or nothing else is due yet: wait for a handler, whose outcome may free a slot
      // or (with zero backoff) make its job due again.
      if (this.running.size > 0 && (claimed === 0 || this.running.size >= this.options.concurrency)) {
        await Promise.race(this.running);
      }
    }
  }

  async stop(options: StopOptions = {}): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loopDone;
    // A claim in flight still starts its jobs; if it failed, the loop or `drain` has already reported it.
    await this.claiming?.catch(() => 0);
    const grace =
      options.graceMs === undefined
        ? undefined
        : setTimeout(() => this.stopController.abort(new WorkerStoppingError()), options.graceMs);
    try {
      await Promise.all(this.running);
    } finally {
      clearTimeout(grace);
    }
  }

  /** One claim at a time per worker: the loop and `drain` share it, so neither sees a half-started batch. */
  private fill(): Promise<number> {
    if (this.claiming) return this.claiming;
    const free = this.options.concurrency - this.running.size;
    if (free <= 0 || this.stopping) return Promise.resolve(0);
    this.claiming = this.claimAndStart(free).finally(() => {
      this.claiming = null;
    });
    return this.claiming;
  }

  private async claimAndStart(limit: number): Promise<number> {
    const now = this.deps.clock();
    const jobs = await claimJobs(this.options.dataSource, {
      workerId: this.options.workerId,
      now,
      lockedUntil: new Date(now.getTime() + this.deps.visibilityTimeoutMs),
      limit,
    });
    for (const job of jobs) {
      try {
        this.options.metrics?.("claimed", job.name);
      } catch {
        // Metrics must never stop work; the runner logs hook failures for the other events.
      }
      const run: Promise<void> = runClaimedJob(this.deps, job)
        .catch((error) => {
          // Recording the outcome failed (database gone?): the claim expires and another run picks the job up.
          this.options.logger.error({ jobId: job.id, err: summarizeError(error) }, "could not record job outcome");
        })
        .finally(() => {
          this.running.delete(run);
          this.wakeUp?.();
        });
      this.running.add(run);
    }
    return jobs.length;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.fill();
      } catch (error) {
        this.options.logger.error({ err: summarizeError(error) }, "claiming jobs failed");
      }
      if (this.stopping) return;
      if (claimed === 0 || this.running.size >= this.options.concurrency) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollMs);
      this.wakeUp = done;
    });
  }
}

/** Starts polling immediately; any number of workers (in any number of processes) may share one database. */
export function startJobWorker(options: JobWorkerOptions): JobWorker {
  if (!options.workerId || options.workerId.length > 100) throw new Error("workerId must be 1–100 characters");
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new Error("concurrency must be a positive integer");
  }
  if (!(options.pollMs > 0)) throw new Error("pollMs must be positive");
  return new JobWorkerRuntime(options);
}
