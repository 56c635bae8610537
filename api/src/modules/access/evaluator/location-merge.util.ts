/** Minimal shape the merge needs; works for stored rows (validated later) and parsed locations alike. */
export interface NamedLocationLike {
  readonly id?: unknown;
  readonly name?: unknown;
}

export interface ShadowedLocation {
  readonly name: string;
  /** The MSP-wide location that is hidden for this tenant. */
  readonly mspLocationId: unknown;
  /** The tenant location that hides it. */
  readonly tenantLocationId: unknown;
}

export interface MergedLocations<T> {
  /** Tenant locations first, then the MSP defaults they do not shadow. */
  readonly locations: T[];
  /** For admin warnings: rules that still reference a shadowed MSP location now deny (unknown location). */
  readonly shadowed: ShadowedLocation[];
}

/** Names compare as an admin reads them: trimmed, case-insensitive, Unicode-normalised. */
function nameKey(name: unknown): string | null {
  return typeof name === "string" && name.trim() !== "" ? name.trim().normalize("NFC").toLowerCase() : null;
}

/**
 * Combines a tenant's own locations with the MSP-wide defaults. A tenant location shadows an MSP location
 * of the same name: the MSP one is removed from the tenant's view entirely (not aliased), so a rule that
 * pointed at the MSP location by id now fails closed instead of silently evaluating a different network
 * definition. `shadowed` lists what was hidden so the admin UI can flag affected rules.
 */
export function mergeLocations<T extends NamedLocationLike>(
  tenantLocations: readonly T[],
  mspLocations: readonly T[],
): MergedLocations<T> {
  const tenantByName = new Map<string, T>();
  for (const location of tenantLocations) {
    const key = nameKey(location.name);
    if (key !== null && !tenantByName.has(key)) {
      tenantByName.set(key, location);
    }
  }
  const locations: T[] = [...tenantLocations];
  const shadowed: ShadowedLocation[] = [];
  for (const location of mspLocations) {
    const key = nameKey(location.name);
    const shadow = key === null ? undefined : tenantByName.get(key);
    if (shadow) {
      shadowed.push({ name: String(location.name).trim(), mspLocationId: location.id, tenantLocationId: shadow.id });
    } else {
      locations.push(location);
    }
  }
  return { locations, shadowed };
}
