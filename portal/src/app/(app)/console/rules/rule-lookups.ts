import { IdentityProvidersDocument, LocationsDocument, PoliciesDocument } from "@/generated/graphql";
import { query } from "@/lib/api/server-api";
import { can, type Viewer } from "@/lib/viewer";
import type { RuleChoices } from "./rule-form";

export type Names = Map<string, string>;

/** The lookups every rule page names ids from, and the choices its form offers. */
export async function ruleLookups(viewer: Viewer, nextPosition: number) {
  const [locations, { policies }, providers] = await Promise.all([
    query(LocationsDocument, {}),
    query(PoliciesDocument, {}),
    can(viewer, "identity:read") ? query(IdentityProvidersDocument, {}) : Promise.resolve({ identityProviders: [] }),
  ]);
  const allLocations = [...locations.locations.nodes, ...locations.inheritedLocations];
  const names: Names = new Map(
    [...allLocations, ...policies.nodes, ...providers.identityProviders].map((item) => [item.id, item.name]),
  );
  const choices: RuleChoices = {
    providers: providers.identityProviders.map((p) => ({ value: p.id, label: `${p.name} (${p.kind.toUpperCase()})` })),
    locations: allLocations.map((location) => ({ value: location.id, label: location.name })),
    policies: policies.nodes.map((policy) => ({ value: policy.id, label: policy.name })),
    nextPosition,
  };
  return { names, choices };
}
