import type { DataSource, EntityManager } from "typeorm";
import type { z } from "zod";
import type { Log } from "../observability/logger.js";

/** Workers and handlers log through the pino-compatible subset, never a concrete logger. */
export type JobLogger = Log;

/** Injected time source: tests move it forward instead of sleeping. */
export type Clock = () => Date;

/** Everything a handler may use. The tenant comes from the job row; handlers rebuild their tenant context from it. */
export interface JobContext {
  /** Set only for `transactional` jobs: the handler's writes commit together with the job's success. */
  manager?: EntityManager;
  /**
   * For non-transactional jobs. A transactional handler must use `manager` only: on the embedded database every
   * connection waits while a transaction is open, so a query on another connection would never return.
   */
  dataSource: DataSource;
  logger: JobLogger;
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  tenantId: string | null;
  /** Aborted on timeout, on worker stop, or when another worker has taken the job over. */
  signal: AbortSignal;
  now: Clock;
}

export interface JobBackoff {
  baseMs: number;
  maxMs: number;
}

export interface JobDefinitionInput<S extends z.ZodType> {
  name: string;
  payload: S;
  maxAttempts?: number;
  backoff?: JobBackoff;
  timeoutMs?: number;
  /**
   * Run the handler inside a transaction and mark the job succeeded in that same transaction, so a job that only
   * writes to the application database takes effect exactly once even if the worker dies mid-way.
   */
  transactional?: boolean;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly payload: S;
  readonly maxAttempts: number;
  readonly backoff: JobBackoff;
  readonly timeoutMs: number;
  readonly transactional: boolean;
}

export type JobPayload<D extends JobDefinition> = z.output<D["payload"]>;

export type JobHandler<S extends z.ZodType = z.ZodType> = (ctx: JobContext, payload: z.output<S>) => Promise<void>;

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF: JobBackoff = { baseMs: 1_000, maxMs: 10 * 60_000 };
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;

const JOB_NAME = /^[a-z0-9][a-z0-9._:-]{0,99}$/;

/** A job is data: a name, a payload schema and a retry policy. Its handler is registered separately. */
export function defineJob<S extends z.ZodType>(input: JobDefinitionInput<S>): JobDefinition<S> {
  if (!JOB_NAME.test(input.name)) {
    throw new Error(`job name "${input.name}" must be lower-case letters, digits, . _ : - and at most 100 characters`);
  }
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`job ${input.name}: maxAttempts must be ≥ 1`);
  const backoff = input.backoff ?? DEFAULT_BACKOFF;
  if (backoff.baseMs < 0 || backoff.maxMs < backoff.baseMs) {
    throw new Error(`job ${input.name}: backoff needs 0 ≤ baseMs ≤ maxMs`);
  }
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new Error(`job ${input.name}: timeoutMs must be positive`);
  return Object.freeze({
    name: input.name,
    payload: input.payload,
    maxAttempts,
    backoff: { ...backoff },
    timeoutMs,
    transactional: input.transactional ?? false,
  });
}
