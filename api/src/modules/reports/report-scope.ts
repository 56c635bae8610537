import { Tenant } from "@atrium/schema";
import { isMspPrincipal } from "../../auth/principal.js";
import type { Ctx } from "../../context/ctx.js";
import { type AnyDb, acrossTenants, isUuid } from "../../db/index.js";
import { forbidden, notFound } from "../../errors/app-error.js";

/**
 * Whose history a report reads: the caller's tenant through its own door, or (MSP staff outside a tenant context
 * only) every tenant through the named door. Derived from the context, never from arguments.
 */
export function reportDbOf(ctx: Ctx): AnyDb {
  if (ctx.db.tenantId) return ctx.db;
  if (!isMspPrincipal(ctx.principal)) throw forbidden();
  return acrossTenants(ctx.manager, "MSP-wide report of every tenant", ctx);
}

/**
 * The door of a download that names a tenant: MSP staff outside a tenant read that tenant's rows through the named
 * door (the billing page's per-tenant export); a caller inside a tenant may name only its own. Any other tenant,
 * existing or not, is NOT_FOUND, so the answer says nothing about other tenants.
 */
export async function reportDbForTenant(ctx: Ctx, tenantId: string): Promise<AnyDb> {
  if (ctx.db.tenantId) {
    if (tenantId !== ctx.db.tenantId) throw notFound("Tenant");
    return ctx.db;
  }
  if (!isMspPrincipal(ctx.principal)) throw forbidden();
  if (!isUuid(tenantId) || !(await ctx.manager.getRepository(Tenant).existsBy({ id: tenantId }))) {
    throw notFound("Tenant");
  }
  return acrossTenants(ctx.manager, "MSP downloads one tenant's report", ctx).forTenant(tenantId);
}

/** The door a schedule's report reads through: its tenant's rows, or every tenant's for an MSP-wide schedule. */
export function scheduleDbOf(ctx: Ctx, tenantId: string | null): AnyDb {
  const across = acrossTenants(ctx.manager, "a report schedule of a tenant or of the MSP, run by the system", ctx);
  return tenantId === null ? across : across.forTenant(tenantId);
}

/** The one tenant a report door reads, or null when it reads every tenant. */
export function reportTenantOf(db: AnyDb): string | null {
  return "tenantId" in db ? db.tenantId : null;
}

/** A half-open period `[from, to)`. */
export interface ReportPeriodRange {
  readonly from: Date;
  readonly to: Date;
}
