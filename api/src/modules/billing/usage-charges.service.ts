import { type PriceList, UsageGroupBy } from "@atrium/schema";
import type { Ctx } from "../../context/ctx.js";
import { multiplyDecimals, sumDecimals, summarizeUsage, type UsagePeriod } from "../metering/index.js";
import type { UsageSummaryRowType } from "../metering/usage.types.js";
import { priceListsOf } from "./price-list.service.js";
import type { UsageChargeRowType } from "./usage-charges.types.js";

const PRICED = [
  ["desktopAmount", "poweredOnHours", "desktopHour"],
  ["vcpuAmount", "vcpuHours", "vcpuHour"],
  ["ramAmount", "ramGbHours", "ramGbHour"],
  ["storageAmount", "storageGbHours", "storageGbHour"],
] as const;

/** One summary row priced: each resource with a unit price gets its exact amount, the rest stay null. */
export function priceRow(row: UsageSummaryRowType, prices: PriceList | undefined): UsageChargeRowType {
  const charged: UsageChargeRowType = {
    ...row,
    currency: prices?.currency ?? null,
    desktopAmount: null,
    vcpuAmount: null,
    ramAmount: null,
    storageAmount: null,
    totalAmount: null,
  };
  if (!prices) return charged;
  const amounts: string[] = [];
  for (const [amount, quantity, price] of PRICED) {
    const unitPrice = prices[price];
    if (unitPrice === null) continue;
    charged[amount] = multiplyDecimals(row[quantity], unitPrice);
    amounts.push(charged[amount]);
  }
  charged.totalAmount = amounts.length > 0 ? sumDecimals(amounts) : null;
  return charged;
}

/**
 * usageSummary per tenant (plus the requested groups) with amounts from each tenant's price list: the same rows and
 * quantities as usageSummary for the same filter, so an invoice and the billing feed can never disagree.
 */
export async function usageCharges(
  ctx: Ctx,
  period: UsagePeriod,
  groupBy: UsageGroupBy[],
  timeZone = "UTC",
): Promise<UsageChargeRowType[]> {
  const rows = await summarizeUsage(ctx, period, [UsageGroupBy.TENANT, ...groupBy], timeZone);
  const prices = await priceListsOf(ctx, [...new Set(rows.map((row) => row.tenantId!))]);
  return rows.map((row) => priceRow(row, prices.get(row.tenantId!)));
}
