import type { EntityTarget, FindOptionsWhere, ObjectLiteral } from "typeorm";
import { IsNull } from "typeorm";
import { effectiveTenantId } from "../../auth/principal.js";
import type { RequestContext } from "../../context/request-context.js";
import { notFound } from "../../errors/app-error.js";
import { isUuid } from "../../tenancy/tenant-scope.js";

interface OwnedRow extends ObjectLiteral {
  id: string;
  tenantId: string | null;
}

/**
 * Like `tenantScope`, for settings that exist both per tenant and MSP-wide (tenant null): the owner is the caller's
 * effective tenant, or the MSP for staff outside a tenant. The owner predicate is in every statement, so another
 * owner's id is NOT_FOUND and an MSP-wide row is invisible (and immutable) to a tenant.
 */
export function ownerScope<T extends OwnedRow>(ctx: RequestContext, entity: EntityTarget<T>, label: string) {
  const tenantId = effectiveTenantId(ctx.principal);
  const repository = ctx.manager.getRepository(entity);
  const owned = (where: FindOptionsWhere<T>) => ({ ...where, tenantId: tenantId ?? IsNull() }) as FindOptionsWhere<T>;
  return {
    tenantId,
    find(order: Record<string, "ASC" | "DESC">): Promise<T[]> {
      return repository.find({ where: owned({}), order: order as never });
    },
    async getById(id: string): Promise<T> {
      const row = isUuid(id) ? await repository.findOne({ where: owned({ id } as FindOptionsWhere<T>) }) : null;
      if (!row) throw notFound(label);
      return row;
    },
    insert(values: Omit<Partial<T>, "tenantId" | "id">): Promise<T> {
      return repository.save(repository.create({ ...values, tenantId } as unknown as T));
    },
    async update(id: string, patch: Omit<Partial<T>, "tenantId" | "id">): Promise<T> {
      const current = await this.getById(id);
      const { tenantId: _ignored, id: _id, ...safe } = patch as Partial<T>;
      return repository.save(repository.merge(current, safe as T));
    },
    async remove(id: string): Promise<T> {
      const current = await this.getById(id);
      await repository.delete(owned({ id: current.id } as FindOptionsWhere<T>));
      return current;
    },
  };
}
