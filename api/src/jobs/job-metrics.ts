import { Counter, type Registry } from "prom-client";

export type JobMetricEvent = "claimed" | "succeeded" | "failed" | "dead";

/** Called once per event; must not throw (the worker guards it anyway). */
export type JobMetricsHook = (event: JobMetricEvent, jobName: string) => void;

export const JOB_EVENTS_METRIC = "atrium_jobs_total";

/**
 * Counts job events into the given prom-client registry. Nothing is registered at import time, so tests and
 * several workers in one process each bring their own registry; a second call on one registry reuses the counter.
 */
export function promJobMetrics(registry: Registry): JobMetricsHook {
  const existing = registry.getSingleMetric(JOB_EVENTS_METRIC);
  const counter =
    existing instanceof Counter
      ? (existing as Counter<"event" | "job">)
      : new Counter({
          name: JOB_EVENTS_METRIC,
          help: "Jobs claimed, succeeded, failed (will retry) and dead, by job name.",
          labelNames: ["event", "job"] as const,
          registers: [registry],
        });
  return (event, jobName) => counter.inc({ event, job: jobName });
}
