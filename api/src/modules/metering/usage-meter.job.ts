import { z } from "zod";
import type { AppServices } from "../../context/app-services.js";
import { jobHandler } from "../../context/build-ctx.js";
import { enqueueJob } from "../../jobs/enqueue-job.js";
import { defineJob } from "../../jobs/job-definition.js";
import type { JobRegistry } from "../../jobs/job-registry.js";
import { scheduleEvery } from "../../jobs/job-scheduler.js";
import { HOUR_MS } from "./usage-calculator.js";
import { meterTenantHours, tenantIdsToMeter, trailingWindow } from "./usage-metering.service.js";

const isoInstant = z.iso.datetime({ offset: true });

/** Hourly: fans out one metering job per tenant, so one tenant's size or failure never holds up another's bill. */
export const usageMeterJob = defineJob({
  name: "usage.meter",
  payload: z.strictObject({ hour: isoInstant }),
  maxAttempts: 5,
});

/** One tenant's trailing window, replaced in the job's own transaction: it takes effect exactly once. */
export const usageMeterTenantJob = defineJob({
  name: "usage.meter-tenant",
  payload: z.strictObject({ from: isoInstant, to: isoInstant }),
  maxAttempts: 5,
  timeoutMs: 10 * 60_000,
  transactional: true,
});

export const usageMeterSchedule = scheduleEvery(usageMeterJob, HOUR_MS, (hour) => ({ hour: hour.toISOString() }));

export function registerMeteringJobs(registry: JobRegistry, services: AppServices): JobRegistry {
  return registry
    .register(
      usageMeterJob,
      jobHandler<{ hour: string }>(services, usageMeterJob.name, async (ctx, payload) => {
        // The window follows the scheduled hour, not the clock at run time, so a late or retried run meters the same
        // hours; the next run's window overlaps it anyway.
        const hour = new Date(payload.hour);
        const window = trailingWindow(hour);
        const tenantIds = await tenantIdsToMeter(ctx.manager);
        for (const tenantId of tenantIds) {
          await enqueueJob(
            ctx.manager,
            usageMeterTenantJob,
            { from: window.from.toISOString(), to: window.to.toISOString() },
            { tenantId, dedupeKey: `usage.meter-tenant:${tenantId}:${hour.toISOString().slice(0, 13)}` },
          );
        }
        ctx.logger.info({ tenants: tenantIds.length, ...window }, "usage metering fanned out");
      }),
    )
    .register(
      usageMeterTenantJob,
      jobHandler<{ from: string; to: string }>(services, usageMeterTenantJob.name, async (ctx, payload) => {
        // Transactional: the runner's transaction is the context's manager, so the records commit with the job.
        const range = { from: new Date(payload.from), to: new Date(payload.to) };
        const outcome = await meterTenantHours(ctx.db.requireTenant(), range, ctx.clock());
        ctx.logger.info({ tenantId: ctx.tenantId, ...outcome }, "usage metered");
      }),
    );
}
