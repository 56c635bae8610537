import type { Pool, Tenant } from "@atrium/schema";
import { badInput } from "../../errors/app-error.js";
import type { CloudInventoryType } from "../clouds/cloud-inventory.types.js";
import {
  MAX_DESKTOP_NAME_LENGTH,
  MAX_WINDOWS_NAME_LENGTH,
  namePatternParts,
  namePatternProblem,
  patternsCollide,
} from "./name-pattern.js";
import { scheduleProblem } from "./schedule-window.js";

/** The pool settings checked together, whether they come from a create or from a pool merged with an update. */
export type PoolCandidate = Pick<
  Pool,
  | "name"
  | "imageRef"
  | "flavorRef"
  | "networkIds"
  | "securityGroups"
  | "bootVolumeGb"
  | "storagePolicy"
  | "availabilityZone"
  | "namePattern"
  | "minTotal"
  | "maxTotal"
  | "minAvailable"
  | "minRunning"
  | "timeZone"
  | "schedule"
  | "userDataKind"
  | "domainJoin"
>;

/** Rules that need no cloud: each failure names the field the portal should highlight. */
export function checkPoolSettings(pool: PoolCandidate, tenant: Pick<Tenant, "slug">): void {
  // NetBIOS caps computer names at 15 characters: on Windows (cloudbase-init guests) and for any guest that joins a
  // domain, whose computer account carries the NetBIOS name.
  const netbios = pool.userDataKind === "cloudbase-init" || pool.domainJoin !== null;
  const maxName = netbios ? MAX_WINDOWS_NAME_LENGTH : MAX_DESKTOP_NAME_LENGTH;
  const patternProblem = namePatternProblem(pool.namePattern, tenant.slug, pool.name, maxName);
  if (patternProblem) throw badInput(patternProblem, "namePattern");
  if (pool.minTotal > pool.maxTotal) throw badInput("minTotal must not exceed maxTotal", "minTotal");
  if (pool.minAvailable > pool.maxTotal) throw badInput("minAvailable must not exceed maxTotal", "minAvailable");
  if (pool.minRunning > pool.maxTotal) throw badInput("minRunning must not exceed maxTotal", "minRunning");
  if (!isTimeZone(pool.timeZone)) throw badInput(`timeZone "${pool.timeZone}" is not an IANA time zone`, "timeZone");
  const schedule = pool.schedule ?? [];
  const problem = scheduleProblem(schedule);
  if (problem) throw badInput(problem, "schedule");
  for (const [index, window] of schedule.entries()) {
    const maxTotal = window.maxTotal ?? pool.maxTotal;
    for (const key of ["minTotal", "minAvailable", "minRunning"] as const) {
      const value = window[key] ?? pool[key];
      if (value > maxTotal) throw badInput(`schedule[${index}]: ${key} must not exceed maxTotal`, "schedule");
    }
  }
  if (pool.storagePolicy && !pool.bootVolumeGb) {
    throw badInput("storagePolicy applies to the boot volume: set bootVolumeGb too", "storagePolicy");
  }
  if (pool.domainJoin && pool.userDataKind === "none") {
    throw badInput("A domain join needs user data: pick cloud-init or cloudbase-init", "domainJoin");
  }
}

/** The references must exist in what the tenant's project sees of the cloud, or the first create would fail. */
export function checkAgainstInventory(pool: PoolCandidate, inventory: CloudInventoryType): void {
  const image = inventory.images.find((candidate) => candidate.id === pool.imageRef);
  if (!image) throw badInput(`imageRef "${pool.imageRef}" is not an active image of this cloud`, "imageRef");
  if (!inventory.flavors.some((flavor) => flavor.id === pool.flavorRef)) {
    throw badInput(`flavorRef "${pool.flavorRef}" is not a flavor of this cloud`, "flavorRef");
  }
  if (pool.networkIds.length === 0) throw badInput("Pick at least one network", "networkIds");
  const unknownNetwork = pool.networkIds.find((id) => !inventory.networks.some((network) => network.id === id));
  if (unknownNetwork) {
    throw badInput(`network "${unknownNetwork}" is not visible to this tenant's project`, "networkIds");
  }
  const unknownGroup = pool.securityGroups.find(
    (ref) => !inventory.securityGroups.some((group) => group.id === ref || group.name === ref),
  );
  if (unknownGroup) throw badInput(`security group "${unknownGroup}" does not exist`, "securityGroups");
  if (pool.storagePolicy && !inventory.volumeTypes.some((type) => type.name === pool.storagePolicy)) {
    throw badInput(`storagePolicy "${pool.storagePolicy}" is not a storage policy of this cloud`, "storagePolicy");
  }
  if (pool.availabilityZone && !inventory.availabilityZones.some((zone) => zone.name === pool.availabilityZone)) {
    throw badInput(`availabilityZone "${pool.availabilityZone}" does not exist`, "availabilityZone");
  }
  if (pool.bootVolumeGb && pool.bootVolumeGb < image.minDiskGb) {
    throw badInput(`image "${image.name}" needs a boot volume of at least ${image.minDiskGb} GiB`, "bootVolumeGb");
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Desktop names must be unique in the tenant (they are hostnames, and AD computer names once joined): a pattern that
 * could give a name another pool of the tenant can give is refused, naming that pool.
 */
export function checkNameClash(
  pool: Pick<Pool, "name" | "namePattern">,
  others: Pick<Pool, "name" | "namePattern">[],
  tenant: Pick<Tenant, "slug">,
): void {
  const parts = (p: Pick<Pool, "name" | "namePattern">) =>
    namePatternParts(p.namePattern, { tenantSlug: tenant.slug, poolName: p.name });
  const mine = parts(pool);
  const clash = others.find((other) => patternsCollide(mine, parts(other)));
  if (clash) {
    throw badInput(
      `namePattern can give the same desktop names as pool "${clash.name}" (${clash.namePattern}); make the text around {SEQ} differ, e.g. with {POOL}`,
      "namePattern",
    );
  }
}
