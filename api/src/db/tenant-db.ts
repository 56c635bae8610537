import type { EntityManager } from "typeorm";
import { forbidden } from "../errors/app-error.js";
import { auditBypass, type Bypasser } from "./bypass-audit.js";
import { type Scope, ScopedRepository } from "./scoped-repository.js";
import { type EntityOf, TENANT_OWNED, type TenantOwnedName, tenantOwnedClasses } from "./tenant-owned.js";
import { applyTenantSetting, type TransactionScope } from "./tenant-setting.js";

export type Repositories = { readonly [K in TenantOwnedName]: ScopedRepository<EntityOf<K>> };

interface Door<Self> {
  readonly manager: EntityManager;
  /**
   * Runs `work` in one transaction (or inside the one already open on this manager), the tenant setting applied
   * first. PGlite has one backend: a query on any other connection while the transaction is open waits forever,
   * so `work` must use the door it is handed.
   */
  transaction<R>(work: (db: Self) => Promise<R>): Promise<R>;
  /** The same door over another manager (an open transaction's). */
  withManager(manager: EntityManager): Self;
}

/** The scoped door: every repository sees one owner's rows (a tenant's, or with a null owner the MSP-wide ones). */
export interface TenantDb extends Repositories, Door<TenantDb> {
  readonly tenantId: string | null;
  /** This door, refused with FORBIDDEN unless it has a tenant: for work that only exists inside one tenant. */
  requireTenant(): OneTenantDb;
  /** The door of the MSP's own rows (tenant null), for MSP operations made while inside a tenant. */
  msp(): TenantDb;
}

/** The scoped door of one tenant (never the MSP's own rows). */
export type OneTenantDb = TenantDb & { readonly tenantId: string };

/**
 * The named door past tenant scoping, for work that serves every tenant (MSP console, metering fan-out,
 * controllers, the billing feed for MSP keys). Its `reason` is what a row-level-security bypass will record.
 */
export interface AcrossTenantsDb extends Repositories, Door<AcrossTenantsDb> {
  readonly reason: string;
  /** The scoped door of one tenant, over the same manager: what fan-out work hands each tenant's share. */
  forTenant(tenantId: string): OneTenantDb;
  forTenant(tenantId: string | null): TenantDb;
}

/** Either door: what code that reads one tenant's rows or, for the MSP, every tenant's (reports, alerts) takes. */
export type AnyDb = TenantDb | AcrossTenantsDb;

const mspWide = new Map(tenantOwnedClasses().map((owned) => [owned.entity, owned.mspWide]));

function labelOf(entity: Function): string {
  const words = entity.name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Repositories are made on first use: a request touches a handful of the ~40 entities. */
function defineRepositories(target: object, manager: EntityManager, scope: Scope): void {
  for (const [name, entity] of Object.entries(TENANT_OWNED)) {
    let made: ScopedRepository<EntityOf<TenantOwnedName>> | undefined;
    Object.defineProperty(target, name, {
      enumerable: true,
      get: () => {
        made ??= new ScopedRepository<EntityOf<TenantOwnedName>>(
          manager,
          entity,
          scope,
          labelOf(entity),
          mspWide.get(entity) ?? false,
        );
        return made;
      },
    });
  }
}

async function inTransaction<R>(
  manager: EntityManager,
  scope: TransactionScope,
  work: (manager: EntityManager) => Promise<R>,
): Promise<R> {
  if (manager.queryRunner?.isTransactionActive) return work(manager);
  return manager.transaction(async (tx) => {
    await applyTenantSetting(tx, scope);
    return work(tx);
  });
}

/** The scoped door for `tenantId` over `manager`; built by the context builders, one per unit of work. */
export function tenantDb(manager: EntityManager, tenantId: string | null): TenantDb {
  const db = {
    tenantId,
    manager,
    transaction: <R>(work: (db: TenantDb) => Promise<R>) =>
      inTransaction(manager, { tenantId }, (tx) => work(tx === manager ? db : tenantDb(tx, tenantId))),
    withManager: (other: EntityManager) => (other === manager ? db : tenantDb(other, tenantId)),
    requireTenant: () => {
      if (tenantId === null) {
        throw forbidden("This needs a tenant context: sign in as a tenant user or enter a tenant first");
      }
      return db as OneTenantDb;
    },
    msp: () => (tenantId === null ? db : tenantDb(manager, null)),
  } as TenantDb;
  defineRepositories(db, manager, { kind: "owner", tenantId });
  return db;
}

function acrossTenantsOver(manager: EntityManager, reason: string): AcrossTenantsDb {
  const db = {
    reason,
    manager,
    transaction: <R>(work: (db: AcrossTenantsDb) => Promise<R>) =>
      inTransaction(manager, { acrossTenants: reason }, (tx) =>
        work(tx === manager ? db : acrossTenantsOver(tx, reason)),
      ),
    withManager: (other: EntityManager) => (other === manager ? db : acrossTenantsOver(other, reason)),
    forTenant: (tenantId: string | null) => tenantDb(manager, tenantId) as OneTenantDb,
  } as AcrossTenantsDb;
  defineRepositories(db, manager, { kind: "all", reason });
  return db;
}

/**
 * The MSP-wide door. Every use names its reason and who goes through it, so `acrossTenants(` finds each place that
 * reads or writes past tenant scoping, each opening leaves an audit record (reason, actor, request or job), and the
 * reason is what the row-level-security bypass carries.
 */
export function acrossTenants(manager: EntityManager, reason: string, by: Bypasser): AcrossTenantsDb {
  if (!reason.trim()) throw new Error("acrossTenants needs a reason");
  auditBypass(manager.connection, reason, by);
  return acrossTenantsOver(manager, reason);
}
