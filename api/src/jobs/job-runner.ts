import type { DataSource } from "typeorm";
import {
  buryJob,
  type ClaimedJob,
  completeJob,
  extendJobLock,
  type JobClaim,
  retryJob,
} from "../db/queue/job-queue.repository.js";
import { backoffDelayMs } from "./backoff.js";
import { JobLostError, JobTimeoutError, summarizeError } from "./job.errors.js";
import { type Clock, DEFAULT_BACKOFF, type JobContext, type JobDefinition, type JobLogger } from "./job-definition.js";
import type { JobMetricEvent, JobMetricsHook } from "./job-metrics.js";
import type { JobRegistry, RegisteredJob } from "./job-registry.js";

export interface JobRunnerDeps {
  dataSource: DataSource;
  registry: JobRegistry;
  workerId: string;
  logger: JobLogger;
  clock: Clock;
  visibilityTimeoutMs: number;
  metrics?: JobMetricsHook;
  random: () => number;
  /** Aborted when the worker gives up waiting for handlers on stop. */
  stopSignal: AbortSignal;
}

function emit(deps: JobRunnerDeps, event: JobMetricEvent, jobName: string): void {
  try {
    deps.metrics?.(event, jobName);
  } catch (error) {
    deps.logger.warn({ err: summarizeError(error), event }, "job metrics hook failed");
  }
}

type Payload = { ok: true; value: unknown } | { ok: false; reason: string };

/** Run-time validation: the definition may have changed since enqueue, or the row may have been edited by hand. */
function parsePayload(definition: JobDefinition, stored: string): Payload {
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return { ok: false, reason: "payload is not valid JSON" };
  }
  const parsed = definition.payload.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: parsed.error.message };
}

/** Executes one claimed job and records its outcome; never throws for handler errors. */
export async function runClaimedJob(deps: JobRunnerDeps, job: ClaimedJob): Promise<void> {
  const claim: JobClaim = { id: job.id, attempts: job.attempts, workerId: deps.workerId };
  const bindings = { jobId: job.id, job: job.name, attempt: job.attempts, tenantId: job.tenantId };
  const logger = deps.logger.child?.(bindings) ?? deps.logger;
  const registered = deps.registry.get(job.name);

  // The previous holder was lost on the final attempt (its claim already counted): nothing left to retry.
  if (job.attempts > job.maxAttempts) {
    const reason = `gave up after ${job.maxAttempts} attempts: the last run stopped without reporting back`;
    return bury(deps, claim, job, reason, logger);
  }
  if (!registered) {
    // Another version of the worker (mid-deploy) may know it; retrying with backoff gives it the chance.
    const error = new Error(`no handler registered for job "${job.name}" on worker ${deps.workerId}`);
    return fail(deps, claim, job, DEFAULT_BACKOFF, error, logger);
  }
  const payload = parsePayload(registered.definition, job.payload);
  if (!payload.ok) {
    // Retrying cannot fix a payload, so it is dead on the first run.
    return bury(deps, claim, job, summarizeError(new Error(`invalid payload: ${payload.reason}`)), logger);
  }

  try {
    await execute(deps, claim, job, registered, payload.value, logger);
  } catch (error) {
    if (error instanceof JobLostError) {
      logger.warn({ err: summarizeError(error) }, "job taken over by another worker; outcome discarded");
      return;
    }
    return fail(deps, claim, job, registered.definition.backoff, error, logger);
  }
  emit(deps, "succeeded", job.name);
  logger.debug({}, "job succeeded");
}

async function execute(
  deps: JobRunnerDeps,
  claim: JobClaim,
  job: ClaimedJob,
  registered: RegisteredJob,
  payload: unknown,
  logger: JobLogger,
): Promise<void> {
  const { definition, handler } = registered;
  const controller = new AbortController();
  const abort = (reason: Error) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const onStop = () => abort(deps.stopSignal.reason as Error);
  deps.stopSignal.addEventListener("abort", onStop);
  const timeout = setTimeout(() => abort(new JobTimeoutError(definition.timeoutMs)), definition.timeoutMs);
  // Heartbeat: a long handler keeps its claim; a failed heartbeat means someone else now owns the job.
  let finished = false;
  const heartbeat = setInterval(
    () => {
      const lockedUntil = new Date(deps.clock().getTime() + deps.visibilityTimeoutMs);
      extendJobLock(deps.dataSource, claim, lockedUntil).then(
        (owned) => {
          if (!owned && !finished) abort(new JobLostError(job.id));
        },
        (error) => logger.warn({ err: summarizeError(error) }, "job heartbeat failed"),
      );
    },
    Math.max(1, Math.floor(deps.visibilityTimeoutMs / 3)),
  );
  const ctx: JobContext = {
    dataSource: deps.dataSource,
    logger,
    jobId: job.id,
    attempt: job.attempts,
    tenantId: job.tenantId,
    signal: controller.signal,
    now: deps.clock,
  };
  const run = definition.transactional
    ? deps.dataSource.transaction(async (manager) => {
        await handler({ ...ctx, manager }, payload);
        // Same transaction as the handler's writes: either both commit or neither does.
        if (!(await completeJob(manager, claim))) throw new JobLostError(job.id);
      })
    : (async () => {
        await handler(ctx, payload);
        if (!(await completeJob(deps.dataSource.manager, claim))) throw new JobLostError(job.id);
      })();
  // A handler that ignores its signal must not hold the job's outcome hostage: the abort settles the race, and the
  // abandoned promise is observed here so it cannot become an unhandled rejection.
  run.catch(() => undefined);
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  try {
    await Promise.race([run, aborted]);
  } finally {
    finished = true;
    clearTimeout(timeout);
    clearInterval(heartbeat);
    deps.stopSignal.removeEventListener("abort", onStop);
  }
}

async function fail(
  deps: JobRunnerDeps,
  claim: JobClaim,
  job: ClaimedJob,
  backoff: JobDefinition["backoff"],
  error: unknown,
  logger: JobLogger,
): Promise<void> {
  const lastError = summarizeError(error);
  if (job.attempts >= job.maxAttempts) return bury(deps, claim, job, lastError, logger);
  const delay = backoffDelayMs(backoff, job.attempts, deps.random);
  const runAt = new Date(deps.clock().getTime() + delay);
  if (!(await retryJob(deps.dataSource.manager, claim, runAt, lastError))) {
    logger.warn({ err: lastError }, "job taken over by another worker; failure discarded");
    return;
  }
  emit(deps, "failed", job.name);
  logger.warn({ err: lastError, retryAt: runAt.toISOString() }, "job failed; will retry");
}

async function bury(
  deps: JobRunnerDeps,
  claim: JobClaim,
  job: ClaimedJob,
  lastError: string,
  logger: JobLogger,
): Promise<void> {
  if (!(await buryJob(deps.dataSource.manager, claim, lastError))) {
    logger.warn({ err: lastError }, "job taken over by another worker; failure discarded");
    return;
  }
  emit(deps, "dead", job.name);
  logger.error({ err: lastError }, "job is dead");
}
