import { type Pool, type Role, Tenant, type User } from "@atrium/schema";
import DataLoader from "dataloader";
import { type EntityManager, In } from "typeorm";
import type { ScopedRepository, TenantDb, TenantOwned } from "../db/index.js";

export interface Loaders {
  pool: DataLoader<string, Pool | null>;
  user: DataLoader<string, User | null>;
  tenant: DataLoader<string, Tenant | null>;
  rolesOfUser: DataLoader<string, Role[]>;
}

function byIdWithinTenant<T extends TenantOwned>(db: TenantDb, repository: () => ScopedRepository<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    // Even batched lookups go through the scoped door: a loader is a query like any other.
    if (!db.tenantId) return ids.map(() => null);
    const rows = await repository().findByIds(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Per-request batching so a page of desktops with their pools and users costs a constant number of statements. */
export function createLoaders(db: TenantDb, manager: EntityManager): Loaders {
  return {
    pool: byIdWithinTenant(db, () => db.pools),
    user: byIdWithinTenant(db, () => db.users),
    // Tenants are not tenant-owned rows: a tenant's own row is readable wherever its id was already visible.
    tenant: new DataLoader<string, Tenant | null>(async (ids) => {
      const rows = await manager.getRepository(Tenant).find({ where: { id: In([...ids]) } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    rolesOfUser: new DataLoader<string, Role[]>(async (userIds) => {
      if (!db.tenantId) return userIds.map(() => []);
      const memberships = await db.groupMemberships.findBy({ userId: In([...userIds]) });
      const groupIds = [...new Set(memberships.map((m) => m.groupId))];
      const bindings = await db.roleBindings.findBy([
        { userId: In([...userIds]) },
        ...(groupIds.length ? [{ groupId: In(groupIds) }] : []),
      ]);
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
