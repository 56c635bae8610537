import { z } from "zod";
import type { AppServices } from "../../context/app-services.js";
import { jobHandler } from "../../context/build-ctx.js";
import { defineJob } from "../../jobs/job-definition.js";
import type { JobRegistry } from "../../jobs/job-registry.js";
import { scheduleEvery } from "../../jobs/job-scheduler.js";
import { evaluateAlerts } from "./alert-evaluator.js";

export const alertsEvaluateJob = defineJob({
  name: "alerts.evaluate",
  payload: z.strictObject({}),
  maxAttempts: 2,
  timeoutMs: 2 * 60_000,
});

export const alertsEvaluateSchedule = scheduleEvery(alertsEvaluateJob, 60_000, () => ({}));

export function registerAlertJobs(registry: JobRegistry, services: AppServices): JobRegistry {
  return registry.register(
    alertsEvaluateJob,
    jobHandler(services, alertsEvaluateJob.name, async (ctx) => {
      const result = await evaluateAlerts(ctx);
      if (result.mailed) ctx.logger.info(result, "alert mails sent");
    }),
  );
}
