import { z } from "zod";
import { defineJob } from "../../../jobs/job-definition.js";
import type { JobRegistry } from "../../../jobs/job-registry.js";
import { scheduleEvery } from "../../../jobs/job-scheduler.js";
import { runDueTimers } from "./timers.service.js";

/** Release and power plans on time: every minute, whatever is due fires once. */
export const brokerTimersJob = defineJob({
  name: "broker.timers",
  payload: z.strictObject({}),
  maxAttempts: 3,
  timeoutMs: 5 * 60_000,
});

export const BROKER_TIMERS_EVERY_MS = 60_000;

export const brokerTimersSchedule = scheduleEvery(brokerTimersJob, BROKER_TIMERS_EVERY_MS, () => ({}));

export function registerBrokerJobs(registry: JobRegistry): JobRegistry {
  return registry.register(brokerTimersJob, async (ctx) => {
    const result = await runDueTimers(ctx.dataSource, ctx.now(), `job:${ctx.jobId}`, ctx.logger);
    ctx.logger.info({ ...result }, "broker timers ran");
  });
}
