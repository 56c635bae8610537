import type { DataSource, EntityManager } from "typeorm";
import { dialectOf } from "./dialect.js";

/** The database setting row-level security policies will read: the tenant a transaction acts for. */
export const TENANT_SETTING = "atrium.tenant_id";
/** Set (to the door's reason) only by the `acrossTenants` door: the explicit, audited way past tenant policies. */
export const BYPASS_SETTING = "atrium.across_tenants";

/** Whom a transaction acts for: one owner (a tenant, or null for MSP-wide rows), or every tenant for a reason. */
export type TransactionScope = { tenantId: string | null } | { acrossTenants: string };

const enforcing = new WeakSet<DataSource>();

/**
 * Turns the tenant setting on for a data source: from then on every door transaction sets it first. Row-level
 * security policies read it, so whoever installs them (start-up, once the policies' migration ran) turns it on;
 * until then the hook costs no statement, and a connect or a page of desktops costs what it did before.
 */
export function enforceTenantSetting(dataSource: DataSource): void {
  enforcing.add(dataSource);
}

/**
 * The one hook every data-layer transaction runs first. PostgreSQL and PGlite get transaction-local settings
 * (`set_config(…, true)`), gone at commit or rollback. SQL Server's session context lives as long as the
 * connection, so each transaction overwrites both keys rather than trusting what a pooled connection carries.
 */
export async function applyTenantSetting(manager: EntityManager, scope: TransactionScope): Promise<void> {
  if (!enforcing.has(manager.connection)) return;
  const tenant = "tenantId" in scope ? (scope.tenantId ?? "") : "";
  const bypass = "acrossTenants" in scope ? scope.acrossTenants : "";
  if (dialectOf(manager.connection) === "mssql") {
    await manager.query(
      `EXEC sp_set_session_context @key = N'${TENANT_SETTING}', @value = @0; ` +
        `EXEC sp_set_session_context @key = N'${BYPASS_SETTING}', @value = @1;`,
      [tenant, bypass],
    );
    return;
  }
  await manager.query(`SELECT set_config('${TENANT_SETTING}', $1, true), set_config('${BYPASS_SETTING}', $2, true)`, [
    tenant,
    bypass,
  ]);
}
