import { Arg, Args, FieldResolver, Ctx as GqlCtx, Query, Resolver, Root } from "type-graphql";
import { RequirePermission } from "../../auth/require-permission.js";
import type { Ctx } from "../../context/ctx.js";
import { PageArgs } from "../../graphql/connection.js";
import { TenantType } from "../tenants/tenants.types.js";
import { listMspAudit, listTenantAudit } from "./audit.service.js";
import { AuditEventConnection, AuditEventType, AuditFilter } from "./audit.types.js";

@Resolver(() => AuditEventType)
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: "The current tenant's audit log, newest first." })
  @RequirePermission("audit:read")
  auditEvents(
    @GqlCtx() ctx: Ctx,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => AuditFilter, { nullable: true }) filter?: AuditFilter,
  ) {
    return listTenantAudit(ctx, page, filter);
  }

  @Query(() => AuditEventConnection, { description: "Every audit event of the installation, newest first." })
  @RequirePermission("mspAudit:read")
  mspAuditEvents(
    @GqlCtx() ctx: Ctx,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => AuditFilter, { nullable: true }) filter?: AuditFilter,
  ) {
    return listMspAudit(ctx, page, filter);
  }

  @FieldResolver(() => TenantType, { nullable: true })
  tenant(@Root() event: AuditEventType, @GqlCtx() ctx: Ctx) {
    return event.tenantId ? ctx.loaders.tenant.load(event.tenantId) : null;
  }
}
