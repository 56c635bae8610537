import { z } from "zod";
import type { AppServices } from "../../context/app-services.js";
import { jobHandler } from "../../context/build-ctx.js";
import { acrossTenants } from "../../db/index.js";
import { enqueueJob } from "../../jobs/enqueue-job.js";
import { defineJob } from "../../jobs/job-definition.js";
import type { JobRegistry } from "../../jobs/job-registry.js";
import { scheduleEvery } from "../../jobs/job-scheduler.js";
import { deliverReport, dispatchDueSchedules } from "./report-delivery.service.js";

/** Every minute: log the periods that became due and enqueue one delivery job each. */
export const reportDispatchJob = defineJob({
  name: "reports.dispatch",
  payload: z.strictObject({}),
  maxAttempts: 3,
});

/** One delivery: render, mail, retry with backoff (30 s, 1 min, 2 min…) and record the outcome. */
export const reportDeliverJob = defineJob({
  name: "reports.deliver",
  payload: z.strictObject({ deliveryId: z.uuid() }),
  maxAttempts: 4,
  backoff: { baseMs: 30_000, maxMs: 15 * 60_000 },
  timeoutMs: 10 * 60_000,
});

export const reportDispatchSchedule = scheduleEvery(reportDispatchJob, 60_000, () => ({}));

export function deliveryJobKey(deliveryId: string): string {
  return `reports.deliver:${deliveryId}`;
}

export function registerReportJobs(registry: JobRegistry, services: AppServices): JobRegistry {
  return registry
    .register(
      reportDispatchJob,
      jobHandler(services, reportDispatchJob.name, async (ctx) => {
        const created = await dispatchDueSchedules(ctx);
        // Every pending row, not only the new ones: a worker that stopped between logging and enqueuing left some.
        const across = acrossTenants(ctx.manager, "pending report deliveries of every tenant and the MSP", ctx);
        const pending = await across.reportDeliveries.findBy({ status: "pending" });
        for (const delivery of pending) {
          await enqueueJob(
            ctx.manager,
            reportDeliverJob,
            { deliveryId: delivery.id },
            { tenantId: delivery.tenantId, dedupeKey: deliveryJobKey(delivery.id), runAt: ctx.clock() },
          );
        }
        if (created.length) ctx.logger.info({ deliveries: created.length }, "report deliveries dispatched");
      }),
    )
    .register(
      reportDeliverJob,
      jobHandler<{ deliveryId: string }>(services, reportDeliverJob.name, async (ctx, payload, run) => {
        await deliverReport(ctx, payload.deliveryId, {
          attempt: run.attempt,
          maxAttempts: reportDeliverJob.maxAttempts,
        });
      }),
    );
}
