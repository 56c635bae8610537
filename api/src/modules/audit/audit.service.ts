import { AuditEvent } from "@atrium/schema";
import type { RequestContext } from "../../context/request-context.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { requireTenantId } from "../../tenancy/tenant-scope.js";
import type { AuditFilter } from "./audit.types.js";

const NEWEST_FIRST = [{ property: "createdAt", direction: "DESC" as const }];

/** Audit rows may have a null tenant (MSP actions), so the tenant predicate is written here rather than by tenantScope. */
export function listTenantAudit(ctx: RequestContext, page: PageArgs, filter: AuditFilter | undefined) {
  const query = ctx.manager
    .getRepository(AuditEvent)
    .createQueryBuilder("event")
    .where("event.tenantId = :tenantId", { tenantId: requireTenantId(ctx) });
  if (filter?.action) query.andWhere("event.action = :action", { action: filter.action });
  return paginate(query, page, NEWEST_FIRST);
}

export function listMspAudit(ctx: RequestContext, page: PageArgs, filter: AuditFilter | undefined) {
  const query = ctx.manager.getRepository(AuditEvent).createQueryBuilder("event");
  if (filter?.action) query.where("event.action = :action", { action: filter.action });
  return paginate(query, page, NEWEST_FIRST);
}
