import { Cloud, Tenant, TenantOverviewSort, TenantStatus } from "@atrium/schema";
import type { Ctx } from "../../context/ctx.js";
import { sumDecimals } from "../metering/index.js";
import type {
  FleetOverviewType,
  TenantOverviewArgs,
  TenantOverviewPageType,
  TenantOverviewRowType,
} from "./fleet-overview.types.js";
import { emptyCounts, fleetActivity, tenantStats } from "./fleet-stats.service.js";

export async function fleetOverview(ctx: Ctx): Promise<FleetOverviewType> {
  const tenants = await ctx.manager.getRepository(Tenant).find({ select: { id: true, status: true } });
  const stats = await tenantStats(ctx);
  const totals = { ...emptyCounts(), tenants: tenants.length, activeTenants: 0 };
  totals.activeTenants = tenants.filter((tenant) => tenant.status === TenantStatus.ACTIVE).length;
  const hours: string[] = [];
  for (const entry of stats.values()) {
    totals.desktops += entry.desktops;
    totals.availableDesktops += entry.availableDesktops;
    totals.assignedDesktops += entry.assignedDesktops;
    totals.otherDesktops += entry.otherDesktops;
    totals.sessionsNow += entry.sessionsNow;
    totals.openAlerts += entry.openAlerts;
    hours.push(entry.desktopHoursThisMonth);
  }
  totals.desktopHoursThisMonth = sumDecimals(hours);
  const clouds = await ctx.manager.getRepository(Cloud).find({ order: { name: "ASC" } });
  return {
    totals,
    clouds: clouds.map(({ id, name, status, statusMessage, lastCheckedAt }) => ({
      id,
      name,
      status,
      statusMessage,
      lastCheckedAt,
    })),
    activity: await fleetActivity(ctx),
  };
}

type SortKey = (row: TenantOverviewRowType) => number | string;

const SORT_KEYS: Record<TenantOverviewSort, SortKey> = {
  [TenantOverviewSort.NAME]: (row) => row.tenant.name.toLowerCase(),
  [TenantOverviewSort.DESKTOPS]: (row) => row.desktops,
  [TenantOverviewSort.SESSIONS]: (row) => row.sessionsNow,
  [TenantOverviewSort.USAGE]: (row) => Number(row.desktopHoursThisMonth),
  [TenantOverviewSort.ALERTS]: (row) => row.openAlerts,
  [TenantOverviewSort.LAST_SIGN_IN]: (row) => row.lastSignInAt?.getTime() ?? 0,
};

function matches(tenant: Tenant, args: TenantOverviewArgs): boolean {
  if (args.status && tenant.status !== args.status) return false;
  const search = args.search?.trim().toLowerCase();
  return !search || tenant.name.toLowerCase().includes(search) || tenant.slug.includes(search);
}

/**
 * The overview's tenant table, searched, filtered, sorted and paged here so the browser gets one page. Tenants are
 * the MSP's customers (hundreds, not millions): their figures come from five grouped statements, then sorting on
 * any figure is a sort of that list, ties broken by name so pages never overlap.
 */
export async function tenantOverview(ctx: Ctx, args: TenantOverviewArgs): Promise<TenantOverviewPageType> {
  const tenants = (await ctx.manager.getRepository(Tenant).find()).filter((tenant) => matches(tenant, args));
  const stats = await tenantStats(ctx);
  const rows: TenantOverviewRowType[] = tenants.map((tenant) => {
    const entry = stats.get(tenant.id) ?? emptyCounts();
    return {
      tenant,
      ...entry,
      quotaUsePercent: tenant.maxDesktops ? Math.round((entry.desktops * 100) / tenant.maxDesktops) : null,
    };
  });
  const key = SORT_KEYS[args.sort];
  const byName = SORT_KEYS[TenantOverviewSort.NAME];
  const direction = args.descending ? -1 : 1;
  rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return order !== 0 ? order * direction : String(byName(a)).localeCompare(String(byName(b)));
  });
  return { totalCount: rows.length, rows: rows.slice(args.offset, args.offset + args.first) };
}
