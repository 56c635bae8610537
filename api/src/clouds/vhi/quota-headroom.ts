import type { VhiLimits } from "./nova.schemas.js";

/**
 * How many more servers of this flavor the project quota admits (`Infinity` when nothing is limited). Workers cap a
 * provisioning batch with it instead of discovering exhaustion through a 403 per create (peers.md §4.3).
 * Nova uses -1 for "unlimited"; usage may exceed a lowered limit, which yields 0, never a negative count.
 */
export function instancesThatFit(
  limits: Pick<VhiLimits, "instances" | "cores" | "ramMb">,
  flavor: { vcpus: number; ramMb: number },
): number {
  const fit = (limit: number, used: number, perServer: number) =>
    limit < 0 || perServer <= 0 ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor((limit - used) / perServer));
  return Math.min(
    fit(limits.instances.limit, limits.instances.used, 1),
    fit(limits.cores.limit, limits.cores.used, flavor.vcpus),
    fit(limits.ramMb.limit, limits.ramMb.used, flavor.ramMb),
  );
}
