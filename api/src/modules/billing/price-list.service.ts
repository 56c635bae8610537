import { type PriceList, Tenant } from "@atrium/schema";
import { isMspPrincipal } from "../../auth/principal.js";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { acrossTenants, isUuid, type TenantDb } from "../../db/index.js";
import { badInput, notFound } from "../../errors/app-error.js";
import { recordAudit } from "../../tenancy/audit.js";
import { normalizeDecimal } from "../metering/index.js";
import type { SetPriceListInput } from "./price-list.types.js";

/**
 * The door a price list is read through: a tenant caller's own (a tenant naming another gets nothing, never a hint
 * that it exists), or for MSP principals outside a tenant the named tenant's through the MSP door.
 */
function priceDoor(ctx: Ctx, tenantId: string | null | undefined): TenantDb | null {
  if (ctx.db.tenantId) return !tenantId || tenantId === ctx.db.tenantId ? ctx.db : null;
  if (!isMspPrincipal(ctx.principal)) return null;
  if (!tenantId) throw badInput("Name the tenant whose price list you want", "tenantId");
  if (!isUuid(tenantId)) return null;
  return acrossTenants(ctx.manager, "MSP reads a tenant's price list", ctx).forTenant(tenantId);
}

export async function findPriceList(ctx: Ctx, tenantId?: string | null): Promise<PriceList | null> {
  const door = priceDoor(ctx, tenantId);
  return door ? door.priceLists.findOne({}) : null;
}

/** The price lists of several tenants at once (MSP-wide charges, a tenant's own), keyed by tenant. */
export async function priceListsOf(ctx: Ctx, tenantIds: readonly string[]): Promise<Map<string, PriceList>> {
  const lists = new Map<string, PriceList>();
  if (tenantIds.length === 0) return lists;
  const rows = ctx.db.tenantId
    ? await ctx.db.priceLists.find()
    : await acrossTenants(ctx.manager, "MSP prices every tenant's usage", ctx).priceLists.find();
  for (const row of rows) if (tenantIds.includes(row.tenantId)) lists.set(row.tenantId, row);
  return lists;
}

/** Creates or replaces a tenant's price list (MSP administrators and billing staff), audited with before and after. */
export async function setPriceList(ctx: Ctx, input: SetPriceListInput): Promise<PriceList> {
  return withTransaction(ctx, async (tx) => {
    if (!(await tx.manager.getRepository(Tenant).existsBy({ id: input.tenantId }))) throw notFound("Tenant");
    const door = acrossTenants(tx.manager, "MSP sets a tenant's price list", tx).forTenant(input.tenantId);
    const before = await door.priceLists.findOne({});
    // Six places as stored, so the answer reads the same as every later read ("0.2" comes back "0.200000").
    const price = (value: string | null | undefined) => (value ? normalizeDecimal(value) : null);
    const prices = {
      currency: input.currency,
      desktopHour: price(input.desktopHour),
      vcpuHour: price(input.vcpuHour),
      ramGbHour: price(input.ramGbHour),
      storageGbHour: price(input.storageGbHour),
    };
    const after = before ? await door.priceLists.update(before.id, prices) : await door.priceLists.insert(prices);
    await recordAudit(tx, {
      action: "setPriceList",
      tenantId: input.tenantId,
      targetType: "PriceList",
      targetId: after.id,
      before: before ? { ...before } : null,
      after: { ...after },
    });
    return after;
  });
}
