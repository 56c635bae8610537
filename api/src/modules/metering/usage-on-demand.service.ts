import { Tenant } from "@atrium/schema";
import type { Ctx } from "../../context/ctx.js";
import { acrossTenants, isUuid } from "../../db/index.js";
import { badInput, notFound } from "../../errors/app-error.js";
import { recordAudit } from "../../tenancy/audit.js";
import type { MeterUsageArgs, MeterUsageResultType } from "./usage.types.js";
import { HOUR_MS } from "./usage-calculator.js";
import { checkPeriod } from "./usage-feed.service.js";
import { hourStartOf, meterTenantHours, tenantIdsToMeter } from "./usage-metering.service.js";

/** An on-demand run works inside one request; longer back-fills are several calls. */
const MAX_ON_DEMAND_MS = 31 * 24 * HOUR_MS;

/**
 * Re-meters whole closed UTC hours now (MSP only): after a correction to history, or to back-fill. The same
 * replace-not-add metering as the hourly job, so running it twice, or alongside the job, changes nothing.
 */
export async function meterUsageOnDemand(ctx: Ctx, input: MeterUsageArgs): Promise<MeterUsageResultType> {
  checkPeriod(input, MAX_ON_DEMAND_MS);
  const now = ctx.services.clock();
  const from = hourStartOf(input.from);
  const to = new Date(Math.min(hourStartOf(input.to).getTime(), hourStartOf(now).getTime()));
  if (from.getTime() >= to.getTime()) throw badInput("The period holds no closed hour to meter", "to");
  let tenantIds: string[];
  if (input.tenantId) {
    const tenant = isUuid(input.tenantId)
      ? await ctx.manager.getRepository(Tenant).findOneBy({ id: input.tenantId })
      : null;
    if (!tenant) throw notFound("Tenant");
    tenantIds = [tenant.id];
  } else {
    tenantIds = await tenantIdsToMeter(ctx.manager);
  }
  let records = 0;
  let changedHours = 0;
  const across = acrossTenants(ctx.manager, "MSP re-meters usage of chosen tenants", ctx);
  for (const tenantId of tenantIds) {
    const outcome = await meterTenantHours(across.forTenant(tenantId), { from, to }, now);
    records += outcome.records;
    changedHours += outcome.changedHours;
  }
  await recordAudit(ctx, {
    action: "meterUsage",
    targetType: "usage",
    tenantId: input.tenantId ?? null,
    after: { from: from.toISOString(), to: to.toISOString(), tenants: tenantIds.length, records, changedHours },
  });
  return { from, to, tenants: tenantIds.length, records, changedHours };
}
