import type { PoolSizes } from "../pools/index.js";

/** The controller's view of one desktop when planning; assigned or in-use desktops are never chosen. */
export interface PlannedDesktop {
  id: string;
  seq: number;
  assigned: boolean;
  /**
   * Taken out of service by an operator: never offered, so not free capacity, and kept as it is (not removed on
   * scale-down) until the operator puts it back or terminates it.
   */
  outOfService: boolean;
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
 * Desired size: enough unassigned headroom (`minAvailable`) on top of the assigned and out-of-service desktops, at
 * least `minTotal`, never above `maxTotal`. Shrinks only with `enforceLimits`, and only ever removes unassigned
 * desktops in service, broken and newest first, so neither assigned users nor an operator's investigation are
 * disturbed.
 */
export function planScale(sizes: PoolSizes, desktops: PlannedDesktop[], enforceLimits: boolean): ScalePlan {
  const live = desktops.filter((desktop) => !desktop.deleting);
  const held = live.filter((desktop) => desktop.assigned || desktop.outOfService).length;
  const wanted = Math.max(sizes.minTotal, held + sizes.minAvailable);
  const target = Math.min(wanted, sizes.maxTotal);
  const cappedBy = wanted > sizes.maxTotal ? "maxTotal" : null;
  const create = Math.max(0, target - live.length);
  let remove: string[] = [];
  if (enforceLimits && live.length > target) {
    remove = live
      .filter((desktop) => !desktop.assigned && !desktop.outOfService)
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
