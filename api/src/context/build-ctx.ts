import type { EntityManager } from "typeorm";
import { ANONYMOUS, effectiveTenantId, type Principal } from "../auth/principal.js";
import { applyTenantSetting, tenantDb } from "../db/index.js";
import type { JobContext, JobHandler } from "../jobs/job-definition.js";
import type { Log } from "../observability/logger.js";
import type { AppServices } from "./app-services.js";
import type { Actor, Ctx } from "./ctx.js";
import { createLoaders } from "./loaders.js";

interface Unit {
  actor: Actor;
  principal: Principal;
  tenantId: string | null;
  requestId: string;
  clientIp: string;
  manager: EntityManager;
  clock: () => Date;
  logger: Log;
}

function assemble(services: AppServices, unit: Unit): Ctx {
  const db = tenantDb(unit.manager, unit.tenantId);
  return { ...unit, db, services, loaders: createLoaders(db, unit.manager), auditTrail: { recorded: 0 } };
}

export interface CallerUnit {
  requestId: string;
  principal: Principal;
  clientIp: string;
  manager?: EntityManager;
}

/** An HTTP request (GraphQL or a router): the tenant is the principal's effective tenant, never an argument. */
export function callerCtx(services: AppServices, caller: CallerUnit): Ctx {
  return assemble(services, {
    actor: { kind: "caller", principal: caller.principal },
    principal: caller.principal,
    tenantId: effectiveTenantId(caller.principal),
    requestId: caller.requestId,
    clientIp: caller.clientIp,
    manager: caller.manager ?? services.dataSource.manager,
    clock: services.clock,
    logger: services.logger,
  });
}

/**
 * A sign-in step, a token refresh or an SSO round trip: no principal exists yet (or it is not the one acted for),
 * and the tenant is the one the request names (its slug or login host) or the one a token's session belongs to.
 * The same request and unit of work, with the door of that tenant (null: the MSP's own accounts).
 */
export function signInCtx(ctx: Ctx, tenantId: string | null): Ctx {
  if (ctx.db.tenantId === tenantId) return ctx;
  const { actor, principal, requestId, clientIp, manager, clock, logger } = ctx;
  const unit = { actor, principal, tenantId, requestId, clientIp, manager, clock, logger };
  return { ...assemble(ctx.services, unit), auditTrail: ctx.auditTrail };
}

export interface SystemUnit {
  /** What acts: "pool-controller", "gateway", "agent", a job's name… */
  name: string;
  /** The tenant of the row the work is about (job, pool, desktop, tunnel); null for MSP-wide work. */
  tenantId: string | null;
  requestId?: string;
  manager?: EntityManager;
  clock?: () => Date;
  logger?: Log;
  clientIp?: string;
}

/** Work the system does on its own (controller tick, gateway tunnel, agent event): no caller, no permissions. */
export function systemCtx(services: AppServices, unit: SystemUnit): Ctx {
  return assemble(services, {
    actor: { kind: "system", name: unit.name },
    principal: ANONYMOUS,
    tenantId: unit.tenantId,
    requestId: unit.requestId ?? unit.name,
    clientIp: unit.clientIp ?? "unknown",
    manager: unit.manager ?? services.dataSource.manager,
    clock: unit.clock ?? services.clock,
    logger: unit.logger ?? services.logger,
  });
}

/**
 * An agent event (`POST /agent/v1/events`): the system acting for the desktop its agent token named, in that
 * desktop's tenant (from the desktop row, never from the request body).
 */
export function agentCtx(services: AppServices, desktop: { id: string; tenantId: string }): Ctx {
  return systemCtx(services, { name: "desktop-agent", tenantId: desktop.tenantId, requestId: `agent:${desktop.id}` });
}

/** What a job handler gets besides the context: its own run's facts. */
export interface JobRun {
  jobId: string;
  attempt: number;
  signal: AbortSignal;
}

/**
 * A job's entry point: the context is rebuilt from the job row (its tenant) with the runner's clock and logger.
 * A transactional job's transaction was opened by the runner, so the tenant setting is applied here first.
 */
export function jobHandler<P>(
  services: AppServices,
  name: string,
  handle: (ctx: Ctx, payload: P, run: JobRun) => Promise<void>,
): JobHandler {
  return async (job: JobContext, payload: unknown) => {
    const manager = job.manager ?? job.dataSource.manager;
    if (job.manager) await applyTenantSetting(job.manager, { tenantId: job.tenantId });
    const ctx = systemCtx(services, {
      name,
      tenantId: job.tenantId,
      requestId: job.jobId,
      manager,
      clock: job.now,
      logger: job.logger,
    });
    await handle(ctx, payload as P, { jobId: job.jobId, attempt: job.attempt, signal: job.signal });
  };
}
