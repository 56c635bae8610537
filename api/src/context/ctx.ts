import type { EntityManager } from "typeorm";
import type { Principal } from "../auth/principal.js";
import type { TenantDb } from "../db/index.js";
import type { Log } from "../observability/logger.js";
import type { AppServices } from "./app-services.js";
import type { Loaders } from "./loaders.js";

/** Who is acting: a caller (user, API key, or anonymous) or the system itself (a job, a controller, the gateway…). */
export type Actor = { kind: "caller"; principal: Principal } | { kind: "system"; name: string };

/**
 * The one context every service, job handler, controller pass, gateway tunnel and agent event receives, first.
 * Built in one place per entry point (`context/build-ctx.ts`): who acts, for which tenant, on which unit of work.
 */
export interface Ctx {
  /** The request's id, or the job's / the pass's: what logs and audit rows are correlated by. */
  requestId: string;
  actor: Actor;
  /** The caller's principal; ANONYMOUS for system work, so it carries no permission. */
  principal: Principal;
  /** The tenant this work acts for (null: MSP-wide), from the principal or the job / pool / desktop row, never input. */
  tenantId: string | null;
  clientIp: string;
  /** The current unit of work: the data source's manager, or the open transaction's. */
  manager: EntityManager;
  /** The only door to tenant-owned rows, scoped to `tenantId` and bound to `manager`. */
  db: TenantDb;
  clock: () => Date;
  logger: Log;
  services: AppServices;
  loaders: Loaders;
  /** Shared by every copy of the context in one unit of work, so the audit middleware knows what was recorded. */
  auditTrail: { recorded: number };
}

/**
 * The same unit of work acting for one tenant of the many that MSP-wide work serves (alert rules, report
 * schedules, metering): the door comes from `acrossTenants(…).forTenant(id)`, so each such place names its reason.
 */
export function inTenant(ctx: Ctx, db: TenantDb): Ctx {
  if (db.tenantId === ctx.db.tenantId && db.manager === ctx.manager) return ctx;
  return { ...ctx, tenantId: db.tenantId, manager: db.manager, db };
}

/** The same context over another manager (an open transaction's): the door follows the manager. */
export function withManager(ctx: Ctx, manager: EntityManager): Ctx {
  if (manager === ctx.manager) return ctx;
  return { ...ctx, manager, db: ctx.db.withManager(manager) };
}

/**
 * Runs `work` in one transaction through the context's door (tenant setting applied first), or inside the one
 * already open. PGlite has one backend: a query sent on any other connection while the transaction is open would
 * wait forever, so `work` must use the context it is handed.
 */
export function withTransaction<T>(ctx: Ctx, work: (tx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((db) => work(db.manager === ctx.manager ? ctx : { ...ctx, manager: db.manager, db }));
}
