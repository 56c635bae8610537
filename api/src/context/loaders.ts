import { GroupMembership, Pool, RoleBinding, Tenant, User } from "@atrium/schema";
import DataLoader from "dataloader";
import { type EntityManager, type EntityTarget, In, type ObjectLiteral } from "typeorm";
import { effectiveTenantId, type Principal } from "../auth/principal.js";

export interface Loaders {
  pool: DataLoader<string, Pool | null>;
  user: DataLoader<string, User | null>;
  tenant: DataLoader<string, Tenant | null>;
  rolesOfUser: DataLoader<string, string[]>;
}

function byIdWithinTenant<T extends ObjectLiteral & { id: string; tenantId: string | null }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  tenantId: string | null,
) {
  return new DataLoader<string, T | null>(async (ids) => {
    // Even batched lookups carry the tenant predicate: a loader is a query like any other.
    if (!tenantId) return ids.map(() => null);
    const rows = await manager.getRepository(entity).find({ where: { id: In([...ids]), tenantId } as never });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Per-request batching so a page of desktops with their pools and users costs a constant number of statements. */
export function createLoaders(manager: EntityManager, principal: Principal): Loaders {
  const tenantId = effectiveTenantId(principal);
  return {
    pool: byIdWithinTenant(manager, Pool, tenantId),
    user: byIdWithinTenant(manager, User, tenantId),
    tenant: new DataLoader<string, Tenant | null>(async (ids) => {
      const rows = await manager.getRepository(Tenant).find({ where: { id: In([...ids]) } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    rolesOfUser: new DataLoader<string, string[]>(async (userIds) => {
      if (!tenantId) return userIds.map(() => []);
      const memberships = await manager
        .getRepository(GroupMembership)
        .find({ where: { tenantId, userId: In([...userIds]) } });
      const groupIds = [...new Set(memberships.map((m) => m.groupId))];
      const bindings = await manager.getRepository(RoleBinding).find({
        where: [
          { tenantId, userId: In([...userIds]) },
          ...(groupIds.length ? [{ tenantId, groupId: In(groupIds) }] : []),
        ],
      });
      return userIds.map((userId) => {
        const groups = new Set(memberships.filter((m) => m.userId === userId).map((m) => m.groupId));
        const roles = bindings
          .filter((b) => b.userId === userId || (b.groupId !== null && groups.has(b.groupId)))
          .map((b) => b.role);
        return [...new Set(roles)].sort();
      });
    }),
  };
}
