import { IsNull, Not } from "typeorm";
import type { TenantDb } from "../../db/index.js";

/**
 * The directory groups through which a tenant grants anything: a provider's role mappings, a group holding a role,
 * an allow rule for a group. `anyone`: an allow rule whose subject is not a group (any user, an attribute) may grant
 * to people in no group, so nobody can be refused for their groups alone. `none`: the tenant grants nothing yet.
 */
export interface TenantGrants {
  groups: ReadonlySet<string>;
  anyone: boolean;
  none: boolean;
}

export async function tenantGrants(db: TenantDb): Promise<TenantGrants> {
  const groups = new Set<string>();
  for (const provider of await db.identityProviders.find()) {
    for (const mapping of provider.groupRoleMappings) groups.add(mapping.group.toLowerCase());
  }
  const bound = await db.roleBindings.findBy({ groupId: Not(IsNull()) });
  const boundIds = [...new Set(bound.map((binding) => binding.groupId as string))];
  for (const group of await db.groups.findByIds(boundIds)) {
    groups.add(group.name.toLowerCase());
    if (group.externalId) groups.add(group.externalId.toLowerCase());
  }
  let anyone = false;
  for (const rule of await db.assignmentRules.find()) {
    if ((rule.outcome as { effect?: string }).effect !== "allow") continue;
    const subject = rule.condition.subject as { type?: string; group?: string } | undefined;
    if (subject?.type === "group" && subject.group) groups.add(subject.group.toLowerCase());
    else anyone = true;
  }
  return { groups, anyone, none: groups.size === 0 && !anyone };
}

/** Whether any of a person's groups (names, DNs or asserted values) is one the tenant grants through. */
export function holdsGrantingGroup(grants: TenantGrants, held: Iterable<string>): boolean {
  for (const group of held) if (grants.groups.has(group.toLowerCase())) return true;
  return false;
}
