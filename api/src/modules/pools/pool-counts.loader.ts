import type { DesktopAvailability } from "@atrium/schema";
import DataLoader from "dataloader";
import type { Ctx } from "../../context/ctx.js";
import type { Loaders } from "../../context/loaders.js";
import { effectiveAvailability } from "../../db/desktop-availability.js";
import type { PoolDesktopCountsType } from "./pools.types.js";

type Counts = PoolDesktopCountsType;

// One loader per request, keyed by the request's loader set, so a page of pools costs one GROUP BY.
const perRequest = new WeakMap<Loaders, DataLoader<string, Counts>>();

const empty = (): Counts => ({
  total: 0,
  provisioning: 0,
  available: 0,
  assigned: 0,
  unavailable: 0,
  deleting: 0,
  failed: 0,
});

export function poolCountsLoader(ctx: Ctx): DataLoader<string, Counts> {
  let loader = perRequest.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader<string, Counts>(async (poolIds) => {
      const rows: {
        poolId: string;
        availability: DesktopAvailability;
        outOfService: boolean;
        state: string;
        count: string | number;
      }[] = await ctx.db.desktops
        .query("desktop")
        .select("desktop.poolId", "poolId")
        .addSelect("desktop.availability", "availability")
        .addSelect("desktop.outOfService", "outOfService")
        .addSelect("desktop.provisioningState", "state")
        .addSelect("COUNT(*)", "count")
        .andWhere("desktop.poolId IN (:...poolIds)", { poolIds: [...poolIds] })
        .groupBy("desktop.poolId")
        .addGroupBy("desktop.availability")
        .addGroupBy("desktop.outOfService")
        .addGroupBy("desktop.provisioningState")
        .getRawMany();
      const byPool = new Map(poolIds.map((id) => [id, empty()]));
      for (const row of rows) {
        const counts = byPool.get(row.poolId);
        if (!counts) continue;
        const count = Number(row.count);
        counts.total += count;
        // An out-of-service desktop is counted as unavailable, never as available (db/desktop-availability.ts).
        const availability = effectiveAvailability(row);
        if (availability in counts) counts[availability] += count;
        if (row.state === "failed" || row.state === "vanished") counts.failed += count;
      }
      return poolIds.map((id) => byPool.get(id)!);
    });
    perRequest.set(ctx.loaders, loader);
  }
  return loader;
}
