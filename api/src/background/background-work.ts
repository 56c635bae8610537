import { hostname } from "node:os";
import { z } from "zod";
import type { AppServices } from "../context/app-services.js";
import { purgeFinishedJobs } from "../db/queue/job-retention.js";
import { defineJob } from "../jobs/job-definition.js";
import { JobRegistry } from "../jobs/job-registry.js";
import { type Schedule, scheduleEvery, startJobScheduler } from "../jobs/job-scheduler.js";
import { startJobWorker } from "../jobs/job-worker.js";
import { alertsEvaluateSchedule, registerAlertJobs } from "../modules/alerts/alerts.job.js";
import { brokerTimersSchedule, registerBrokerJobs } from "../modules/broker/index.js";
import { purgeExpiredFlowStates } from "../modules/identity/flow-state.store.js";
import { refreshSamlMetadata } from "../modules/identity/sso/saml-metadata-url.service.js";
import { registerMeteringJobs, usageMeterSchedule } from "../modules/metering/usage-meter.job.js";
import { registerReportJobs, reportDispatchSchedule } from "../modules/reports/report-delivery.job.js";

const HOUR = 3_600_000;
const FINISHED_JOB_RETENTION_MS = 7 * 24 * HOUR;

/** Keeps the job table small; finished rows stay a week so period de-duplication keys keep working. */
const purgeJobsJob = defineJob({ name: "maintenance.purge-jobs", payload: z.strictObject({}), maxAttempts: 3 });

/** Expired MFA challenges, SSO tickets and replay keys would otherwise pile up with every sign-in. */
const purgeAuthFlowsJob = defineJob({
  name: "maintenance.purge-auth-flows",
  payload: z.strictObject({}),
  maxAttempts: 3,
});

/** IdPs roll their signing certificates over; providers set up from a metadata URL follow within the hour. */
const refreshSamlMetadataJob = defineJob({
  name: "identity.refresh-saml-metadata",
  payload: z.strictObject({}),
  maxAttempts: 3,
});

export interface BackgroundWork {
  /** Claims nothing more; running jobs get `graceMs` (default: as long as they take), then are aborted and retry. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/**
 * Durable jobs and their schedules (broker timers, usage metering, reports, maintenance), run by every worker
 * process — and in-process by `npm start`. Any number may run against one database: claims skip locked rows,
 * schedules de-duplicate per period.
 */
export function startBackgroundWork(services: AppServices, options: { workerId?: string } = {}): BackgroundWork {
  const logger = services.logger.child({ component: "jobs" });
  const registry = registerAlertJobs(registerReportJobs(registerBrokerJobs(new JobRegistry()), services), services);
  registerMeteringJobs(registry, services);
  registry.register(purgeJobsJob, async (ctx) => {
    await purgeFinishedJobs(ctx.dataSource, new Date(ctx.now().getTime() - FINISHED_JOB_RETENTION_MS));
  });
  registry.register(purgeAuthFlowsJob, async (ctx) => {
    await purgeExpiredFlowStates(ctx.dataSource.manager, ctx.now());
  });
  registry.register(refreshSamlMetadataJob, async () => {
    await refreshSamlMetadata(services);
  });
  const schedules: Schedule[] = [
    brokerTimersSchedule,
    usageMeterSchedule,
    reportDispatchSchedule,
    alertsEvaluateSchedule,
    scheduleEvery(purgeJobsJob, HOUR, () => ({})),
    scheduleEvery(purgeAuthFlowsJob, HOUR, () => ({})),
    scheduleEvery(refreshSamlMetadataJob, HOUR, () => ({})),
  ];
  const worker = startJobWorker({
    dataSource: services.dataSource,
    registry,
    workerId: (options.workerId ?? `${hostname()}-${process.pid}`).slice(0, 100),
    concurrency: 2,
    pollMs: 1_000,
    logger,
    clock: services.clock,
  });
  const scheduler = startJobScheduler({
    dataSource: services.dataSource,
    schedules,
    tickMs: 15_000,
    logger,
    clock: services.clock,
  });
  return {
    async stop(stopOptions = {}) {
      await scheduler.stop();
      await worker.stop(stopOptions);
    },
  };
}
