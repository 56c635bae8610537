import type { Ctx } from "../../context/ctx.js";
import { acrossTenants } from "../../db/index.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import type { AuditFilter } from "./audit.types.js";

const NEWEST_FIRST = [{ property: "createdAt", direction: "DESC" as const }];

/** A tenant's own audit trail: never the MSP's rows (tenant null), so a tenant is required. */
export function listTenantAudit(ctx: Ctx, page: PageArgs, filter: AuditFilter | undefined) {
  const query = ctx.db.requireTenant().auditEvents.query("event");
  if (filter?.action) query.andWhere("event.action = :action", { action: filter.action });
  return paginate(query, page, NEWEST_FIRST);
}

export function listMspAudit(ctx: Ctx, page: PageArgs, filter: AuditFilter | undefined) {
  const query = acrossTenants(ctx.manager, "MSP audit log: every tenant's events", ctx).auditEvents.query("event");
  if (filter?.action) query.andWhere("event.action = :action", { action: filter.action });
  return paginate(query, page, NEWEST_FIRST);
}
