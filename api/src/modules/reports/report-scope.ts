import { effectiveTenantId, isMspPrincipal } from "../../auth/principal.js";
import type { RequestContext } from "../../context/request-context.js";
import { forbidden } from "../../errors/app-error.js";

/**
 * Whose history a report reads: one tenant, or (tenantId null) every tenant — which only MSP staff outside a
 * tenant context, or an MSP-wide schedule, can ask for. Derived from the context, never from arguments.
 */
export interface ReportScope {
  readonly tenantId: string | null;
}

export function reportScopeOf(ctx: RequestContext): ReportScope {
  const tenantId = effectiveTenantId(ctx.principal);
  if (tenantId) return { tenantId };
  if (!isMspPrincipal(ctx.principal)) throw forbidden();
  return { tenantId: null };
}

/** The tenant predicate for a report query; the MSP-wide scope has none. */
export function scopePredicate(alias: string, scope: ReportScope): { sql: string; params: Record<string, unknown> } {
  return scope.tenantId
    ? { sql: `${alias}.tenantId = :scopeTenantId`, params: { scopeTenantId: scope.tenantId } }
    : { sql: "1 = 1", params: {} };
}

/** A half-open period `[from, to)`. */
export interface ReportPeriodRange {
  readonly from: Date;
  readonly to: Date;
}
