export * from "./backoff.js";
export {
  buildClaimSql,
  buildInsertJobSql,
  type ClaimParams,
  type DedupeScope,
  type SqlStatement,
} from "./claim-sql.js";
export { type EnqueueOptions, type EnqueueResult, enqueueJob } from "./enqueue-job.js";
export * from "./job.errors.js";
export * from "./job-definition.js";
export * from "./job-metrics.js";
export * from "./job-registry.js";
export * from "./job-retention.js";
export * from "./job-scheduler.js";
export * from "./job-worker.js";
export * from "./lease.errors.js";
export * from "./leases.js";
