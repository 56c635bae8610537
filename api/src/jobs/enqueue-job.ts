import type { EntityManager } from "typeorm";
import type { z } from "zod";
import { insertJob } from "../db/queue/job-queue.repository.js";
import type { DedupeScope } from "../db/queue/job-sql.js";
import type { JobDefinition } from "./job-definition.js";

export interface EnqueueOptions {
  /** Earliest time the job may run; defaults to now. */
  runAt?: Date;
  /** Tenant the work belongs to; the worker hands it to the handler as `ctx.tenantId`. */
  tenantId?: string | null;
  /** At most one queued or running job per key; enqueuing a duplicate returns the existing job's id. */
  dedupeKey?: string;
}

export interface EnqueueResult {
  id: string;
  /** False when the dedupe key was taken and `id` is the job that already held it. */
  created: boolean;
}

const DEDUPE_KEY_MAX = 200;

/** Shared by `enqueueJob` and the periodic scheduler, which needs the `ever` scope and the `created` flag. */
export async function enqueueJobWithScope<S extends z.ZodType>(
  manager: EntityManager,
  definition: JobDefinition<S>,
  payload: z.input<S>,
  options: EnqueueOptions,
  scope: DedupeScope,
): Promise<EnqueueResult> {
  // Validate before writing, so a bad payload fails the caller's request rather than becoming a dead job later.
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    throw new Error(`invalid payload for job ${definition.name}: ${parsed.error.message}`);
  }
  const dedupeKey = options.dedupeKey ?? null;
  if (dedupeKey !== null && (dedupeKey.length === 0 || dedupeKey.length > DEDUPE_KEY_MAX)) {
    throw new Error(`dedupe key for job ${definition.name} must be 1–${DEDUPE_KEY_MAX} characters`);
  }
  // What is stored is what the caller sent (not zod's output), so the run-time parse sees the same input again.
  return insertJob(
    manager,
    {
      tenantId: options.tenantId ?? null,
      name: definition.name,
      payload: JSON.stringify(payload),
      maxAttempts: definition.maxAttempts,
      runAt: options.runAt ?? new Date(),
      dedupeKey,
    },
    scope,
  );
}

/**
 * Enqueues a job with the caller's manager: inside a transaction the job commits or rolls back with the caller's
 * own writes, so "row saved but job lost" (or the reverse) cannot happen. Returns the job id.
 */
export async function enqueueJob<S extends z.ZodType>(
  manager: EntityManager,
  definition: JobDefinition<S>,
  payload: z.input<S>,
  options: EnqueueOptions = {},
): Promise<string> {
  const result = await enqueueJobWithScope(manager, definition, payload, options, "active");
  return result.id;
}
