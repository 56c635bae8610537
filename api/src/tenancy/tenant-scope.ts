import type { EntityTarget, FindOptionsWhere, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { effectiveTenantId } from "../auth/principal.js";
import type { RequestContext } from "../context/request-context.js";
import { forbidden, notFound } from "../errors/app-error.js";

export interface TenantOwned extends ObjectLiteral {
  id: string;
  tenantId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function requireTenantId(ctx: RequestContext): string {
  const tenantId = effectiveTenantId(ctx.principal);
  if (!tenantId) throw forbidden("This needs a tenant context: sign in as a tenant user or enter a tenant first");
  return tenantId;
}

/**
 * The one way tenant-owned rows are read and written. The tenant predicate is part of every statement (never
 * "load by id, then check"), inserts are stamped from the context, and a foreign or malformed id is simply
 * NOT_FOUND — no existence oracle across tenants.
 */
export function tenantScope<T extends TenantOwned>(ctx: RequestContext, entity: EntityTarget<T>, label: string) {
  const tenantId = requireTenantId(ctx);
  const repository = ctx.manager.getRepository(entity);
  const withTenant = (where: FindOptionsWhere<T>) => ({ ...where, tenantId }) as FindOptionsWhere<T>;

  return {
    tenantId,
    query(alias: string): SelectQueryBuilder<T> {
      return repository
        .createQueryBuilder(alias)
        .where(`${alias}.tenantId = :scopeTenantId`, { scopeTenantId: tenantId });
    },
    findOne(where: FindOptionsWhere<T>): Promise<T | null> {
      return repository.findOne({ where: withTenant(where) });
    },
    async getById(id: string): Promise<T> {
      const row = isUuid(id) ? await repository.findOne({ where: withTenant({ id } as FindOptionsWhere<T>) }) : null;
      if (!row) throw notFound(label);
      return row;
    },
    async insert(values: Omit<Partial<T>, "tenantId" | "id">): Promise<T> {
      return repository.save(repository.create({ ...values, tenantId } as unknown as T));
    },
    async update(id: string, patch: Omit<Partial<T>, "tenantId" | "id">): Promise<T> {
      const current = await this.getById(id);
      const { tenantId: _ignored, id: _id, ...safe } = patch as Partial<T>;
      return repository.save(repository.merge(current, safe as T));
    },
    async remove(id: string): Promise<T> {
      const current = await this.getById(id);
      await repository.delete({ id: current.id, tenantId } as FindOptionsWhere<T>);
      return current;
    },
  };
}
