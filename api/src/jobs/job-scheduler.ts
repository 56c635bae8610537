import type { DataSource, EntityManager } from "typeorm";
import type { z } from "zod";
import { type EnqueueResult, enqueueJobWithScope } from "./enqueue-job.js";
import { summarizeError } from "./job.errors.js";
import type { Clock, JobDefinition, JobLogger } from "./job-definition.js";

export interface PeriodicEnqueueOptions {
  /** Length of a period; periods are aligned to the Unix epoch in UTC (an hour starts on the hour). */
  periodMs: number;
  now: Date;
  /** For per-tenant fan-out: one job per tenant per period. */
  tenantId?: string | null;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

export function periodStartOf(now: Date, periodMs: number): Date {
  if (!Number.isInteger(periodMs) || periodMs < 1) throw new Error("periodMs must be a positive integer");
  return new Date(Math.floor(now.getTime() / periodMs) * periodMs);
}

/** Readable key for a period, as short as the period allows: `usage-meter:2026-11-26T10` for an hourly job. */
export function periodDedupeKey(name: string, periodStart: Date, periodMs: number, tenantId?: string | null): string {
  const iso = periodStart.toISOString();
  let label = iso;
  if (periodMs % DAY === 0) label = iso.slice(0, 10);
  else if (periodMs % HOUR === 0) label = iso.slice(0, 13);
  else if (periodMs % MINUTE === 0) label = iso.slice(0, 16);
  else if (periodMs % 1000 === 0) label = iso.slice(0, 19);
  return tenantId ? `${name}:${tenantId}:${label}` : `${name}:${label}`;
}

/**
 * Enqueues the job for the period containing `now`, once per period however many workers call it. The dedupe is
 * over every status (not just queued/running), so a worker that ticks after the period's job already finished does
 * not run it a second time. Keep finished jobs at least one period before purging them.
 */
export async function enqueueForPeriod<S extends z.ZodType>(
  manager: EntityManager,
  definition: JobDefinition<S>,
  payload: z.input<S>,
  options: PeriodicEnqueueOptions,
): Promise<EnqueueResult & { periodStart: Date }> {
  const periodStart = periodStartOf(options.now, options.periodMs);
  const dedupeKey = periodDedupeKey(definition.name, periodStart, options.periodMs, options.tenantId);
  const result = await enqueueJobWithScope(
    manager,
    definition,
    payload,
    { tenantId: options.tenantId ?? null, dedupeKey, runAt: options.now },
    "ever",
  );
  return { ...result, periodStart };
}

export interface Schedule {
  definition: JobDefinition;
  everyMs: number;
  /** Payload for the period starting at `periodStart` (e.g. "meter the hour that just ended"). */
  payload(periodStart: Date): unknown;
}

/** A recurring job: `scheduleEvery(usageMeterJob, 3_600_000, (hour) => ({ hour: hour.toISOString() }))`. */
export function scheduleEvery<S extends z.ZodType>(
  definition: JobDefinition<S>,
  everyMs: number,
  payload: (periodStart: Date) => z.input<S>,
): Schedule {
  periodStartOf(new Date(0), everyMs);
  return { definition, everyMs, payload };
}

export interface JobSchedulerOptions {
  dataSource: DataSource;
  schedules: Schedule[];
  /** How often to check for a new period; a fraction of the shortest period keeps the start latency small. */
  tickMs: number;
  logger: JobLogger;
  clock?: Clock;
}

export interface JobScheduler {
  /** Enqueues the current period of every schedule (idempotent); returns how many jobs were newly created. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

/** Every worker may run a scheduler: the per-period dedupe key makes the extra ones harmless. */
export function startJobScheduler(options: JobSchedulerOptions): JobScheduler {
  const clock = options.clock ?? (() => new Date());
  let current: Promise<number> | null = null;
  const tick = (): Promise<number> => {
    current ??= (async () => {
      const now = clock();
      let created = 0;
      for (const schedule of options.schedules) {
        try {
          const start = periodStartOf(now, schedule.everyMs);
          const result = await enqueueForPeriod(
            options.dataSource.manager,
            schedule.definition,
            schedule.payload(start),
            { periodMs: schedule.everyMs, now },
          );
          if (result.created) created++;
        } catch (error) {
          // One broken schedule must not stop the others; the next tick tries again.
          options.logger.error({ job: schedule.definition.name, err: summarizeError(error) }, "scheduling failed");
        }
      }
      return created;
    })().finally(() => {
      current = null;
    });
    return current;
  };
  const timer = setInterval(() => void tick(), options.tickMs);
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
