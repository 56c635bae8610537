import type { PoolSizes } from "../pools/index.js";

/** The controller's view of one desktop when planning; assigned or in-use desktops are never chosen. */
export interface PlannedDesktop {
  id: string;
  seq: number;
  assigned: boolean;
  /** Being deleted already (terminate requested or scale-down in flight). */
  deleting: boolean;
  /** Not usable: failed, vanished, or still pending its server. Such desktops go first on scale-down. */
  broken: boolean;
  provisioning: boolean;
  running: boolean;
}

export interface ScalePlan {
  /** Total the pool should have (non-deleting desktops). */
  target: number;
  create: number;
  /** Unassigned desktops to delete (only with enforceLimits). */
  remove: string[];
  /** Why the pool cannot reach what minAvailable asks for, if it cannot. */
  cappedBy: "maxTotal" | null;
}

/**
 * Desired size: enough unassigned headroom (`minAvailable`) on top of the assigned desktops, at least `minTotal`,
 * never above `maxTotal`. Shrinks only with `enforceLimits`, and only ever removes unassigned desktops, broken and
 * newest first, so assigned users are never disturbed.
 */
export function planScale(sizes: PoolSizes, desktops: PlannedDesktop[], enforceLimits: boolean): ScalePlan {
  const live = desktops.filter((desktop) => !desktop.deleting);
  const assigned = live.filter((desktop) => desktop.assigned).length;
  const wanted = Math.max(sizes.minTotal, assigned + sizes.minAvailable);
  const target = Math.min(wanted, sizes.maxTotal);
  const cappedBy = wanted > sizes.maxTotal ? "maxTotal" : null;
  const create = Math.max(0, target - live.length);
  let remove: string[] = [];
  if (enforceLimits && live.length > target) {
    remove = live
      .filter((desktop) => !desktop.assigned)
      .sort((a, b) => rank(a) - rank(b) || b.seq - a.seq)
      .slice(0, live.length - target)
      .map((desktop) => desktop.id);
  }
  return { target, create, remove, cappedBy };
}

/** Cheapest to lose first: broken, then still provisioning, then parked, then running. */
function rank(desktop: PlannedDesktop): number {
  if (desktop.broken) return 0;
  if (desktop.provisioning) return 1;
  return desktop.running ? 3 : 2;
}
