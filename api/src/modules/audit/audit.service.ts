import type { AuditEvent } from "@atrium/schema";
import type { SelectQueryBuilder } from "typeorm";
import type { Ctx } from "../../context/ctx.js";
import { acrossTenants } from "../../db/index.js";
import { badInput } from "../../errors/app-error.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import type { AuditFilter } from "./audit.types.js";
import { withTargetNames } from "./audit-targets.js";

const NEWEST_FIRST = [{ property: "createdAt", direction: "DESC" as const }];

/** The filter as predicates; the actor matches any part of the name, in any case (LOWER works on both dialects). */
function filtered(query: SelectQueryBuilder<AuditEvent>, filter: AuditFilter | undefined) {
  if (!filter) return query;
  if (filter.from && filter.to && filter.from >= filter.to) throw badInput("The period ends before it starts", "to");
  if (filter.action) query.andWhere("event.action = :action", { action: filter.action });
  if (filter.actorType) query.andWhere("event.actorType = :actorType", { actorType: filter.actorType });
  if (filter.actor) {
    const pattern = `%${filter.actor.toLowerCase().replace(/[\\%_[]/g, (c) => `\\${c}`)}%`;
    query.andWhere("LOWER(event.actorName) LIKE :actor ESCAPE '\\'", { actor: pattern });
  }
  if (filter.targetType) query.andWhere("event.targetType = :targetType", { targetType: filter.targetType });
  if (filter.targetId) query.andWhere("event.targetId = :targetId", { targetId: filter.targetId });
  if (filter.from) query.andWhere("event.createdAt >= :from", { from: filter.from });
  if (filter.to) query.andWhere("event.createdAt < :to", { to: filter.to });
  return query;
}

async function named(ctx: Ctx | null, page: Awaited<ReturnType<typeof paginate<AuditEvent>>>) {
  const nodes = await withTargetNames(ctx, page.nodes);
  return { ...page, nodes, edges: page.edges.map((edge, index) => ({ ...edge, node: nodes[index] })) };
}

/** A tenant's own audit trail: never the MSP's rows (tenant null), so a tenant is required. */
export async function listTenantAudit(ctx: Ctx, page: PageArgs, filter: AuditFilter | undefined) {
  const query = filtered(ctx.db.requireTenant().auditEvents.query("event"), filter);
  return named(ctx, await paginate(query, page, NEWEST_FIRST));
}

/** Every tenant's events: targets keep the names their entries recorded (no door to every tenant's objects). */
export async function listMspAudit(ctx: Ctx, page: PageArgs, filter: AuditFilter | undefined) {
  const query = filtered(
    acrossTenants(ctx.manager, "MSP audit log: every tenant's events", ctx).auditEvents.query("event"),
    filter,
  );
  return named(null, await paginate(query, page, NEWEST_FIRST));
}
