import { type EntityTarget, type FindOptionsWhere, IsNull, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";
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
  return scopeTo(ctx, entity, label, requireTenantId(ctx));
}

/**
 * Like `tenantScope`, for settings that exist both per tenant and MSP-wide (tenant null): the owner is the caller's
 * effective tenant, or the MSP for staff outside a tenant. Another owner's id is NOT_FOUND and an MSP-wide row is
 * invisible (and immutable) to a tenant.
 */
export function ownerScope<T extends TenantOwned>(ctx: RequestContext, entity: EntityTarget<T>, label: string) {
  return scopeTo(ctx, entity, label, effectiveTenantId(ctx.principal));
}

function scopeTo<T extends TenantOwned, Owner extends string | null>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  label: string,
  tenantId: Owner,
) {
  const repository = ctx.manager.getRepository(entity);
  const withTenant = (where: FindOptionsWhere<T>) =>
    ({ ...where, tenantId: tenantId ?? IsNull() }) as FindOptionsWhere<T>;

  return {
    tenantId,
    query(alias: string): SelectQueryBuilder<T> {
      const query = repository.createQueryBuilder(alias);
      return tenantId
        ? query.where(`${alias}.tenantId = :scopeTenantId`, { scopeTenantId: tenantId })
        : query.where(`${alias}.tenantId IS NULL`);
    },
    find(order: Record<string, "ASC" | "DESC">): Promise<T[]> {
      return repository.find({ where: withTenant({}), order: order as never });
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
      await repository.delete(withTenant({ id: current.id } as FindOptionsWhere<T>));
      return current;
    },
  };
}
