import type { Location as LocationEntity } from "@atrium/schema";
import type { EntityManager } from "typeorm";
import { type OneTenantDb, tenantDb } from "../../../db/index.js";
import { evaluateAccess } from "../evaluator/access.evaluator.js";
import type { ClientContext } from "../evaluator/location-matcher.js";
import { type MergedLocations, mergeLocations } from "../evaluator/location-merge.util.js";

/** The evaluator's view of a stored location (it validates it again and fails closed on anything odd). */
export interface EvaluatorLocation {
  id: string;
  name: string;
  cidrs: unknown;
  clientKinds: unknown;
  viaGateway: unknown;
  timeWindows: unknown;
}

const GATEWAY_MODES: Record<string, boolean | "any"> = { yes: true, no: false, any: "any" };

export function toEvaluatorLocation(row: LocationEntity): EvaluatorLocation {
  return {
    id: row.id,
    name: row.name,
    cidrs: row.cidrs,
    clientKinds: row.clientKinds,
    // An unknown stored mode maps to an invalid value, so the location (and every rule using it) fails closed.
    viaGateway: GATEWAY_MODES[row.viaGateway] ?? `invalid:${row.viaGateway}`,
    timeWindows: row.timeWindows,
  };
}

/** The tenant's locations plus the MSP defaults it does not shadow by name. */
export async function visibleLocations(db: OneTenantDb): Promise<MergedLocations<LocationEntity>> {
  const own = await db.locations.find({ order: { name: "ASC" } });
  const msp = await db.msp().locations.find({ order: { name: "ASC" } });
  return mergeLocations(own, msp);
}

/**
 * Names of the tenant's locations (and inherited MSP defaults) the client is in now, e.g. for the login history.
 * The tenant is the signing-in user's (sign-in has no tenant context yet), so the door is opened for it here.
 */
export async function locationNamesAt(
  manager: EntityManager,
  tenantId: string,
  client: ClientContext,
  now: Date,
): Promise<string[]> {
  const { locations } = await visibleLocations(tenantDb(manager, tenantId).requireTenant());
  if (locations.length === 0) return [];
  // No rules: only the location matching of the evaluator is wanted, exactly as the rules would see it.
  const { matchedLocationIds } = evaluateAccess({
    rules: [],
    locations: locations.map(toEvaluatorLocation),
    subject: { groups: [], attributes: {} },
    client,
    now,
  });
  const matched = new Set(matchedLocationIds);
  return locations.filter((location) => matched.has(location.id)).map((location) => location.name);
}
