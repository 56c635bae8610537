import type { EntityManager } from "typeorm";
import type { Principal } from "../auth/principal.js";
import type { AppServices } from "./app-services.js";
import type { Loaders } from "./loaders.js";

/** Who is asking, from where, and the database handle to use — passed first to every service call. */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  clientIp: string;
  /** The current unit of work: the data source's manager, or the open transaction's. */
  manager: EntityManager;
  services: AppServices;
  loaders: Loaders;
  /** Shared by every copy of the context in one request, so the audit middleware knows what was recorded. */
  auditTrail: { recorded: number };
}

/**
 * Runs `work` in one transaction with a context whose manager is the transaction's. PGlite has one backend:
 * a query sent on any other connection while the transaction is open would wait forever.
 */
export async function withTransaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
  if (ctx.manager.queryRunner?.isTransactionActive) return work(ctx);
  return ctx.manager.transaction((manager) => work({ ...ctx, manager }));
}
