import { BYPASS_SETTING, MSP_OWNER, TENANT_ROLE, TENANT_SETTING } from "@atrium/migrations";
import type { DataSource, EntityManager, QueryRunner } from "typeorm";
import { dialectOf } from "./dialect.js";

export { BYPASS_SETTING, TENANT_ROLE, TENANT_SETTING };

/** Whom a transaction acts for: one owner (a tenant, or null for MSP-wide rows), or every tenant for a reason. */
export type TransactionScope = { tenantId: string | null } | { acrossTenants: string };

const enforcing = new WeakSet<DataSource>();
/** The scope whose setting each open transaction carries now, so a door statement re-applies only on a change. */
const applied = new WeakMap<QueryRunner, string>();

const scopeKey = (scope: TransactionScope) =>
  "tenantId" in scope ? `tenant:${scope.tenantId ?? MSP_OWNER}` : `across:${scope.acrossTenants}`;

/**
 * Turns the tenant setting on for a data source: from then on every door transaction sets it first. Row-level
 * security policies read it, so whoever installs them (start-up, once the policies' migration ran) turns it on;
 * until then the hook costs no statement, and a connect or a page of desktops costs what it did before.
 */
export function enforceTenantSetting(dataSource: DataSource): void {
  enforcing.add(dataSource);
}

export function isTenantSettingEnforced(dataSource: DataSource): boolean {
  return enforcing.has(dataSource);
}

/**
 * The one hook every data-layer transaction runs first. PostgreSQL and PGlite switch the transaction to the tenant
 * role (no superuser, no owner: the policies bind it even when the API connects as a superuser) and set the tenant,
 * all transaction-local (`set_config(…, true)`) and gone at commit or rollback, in one statement. SQL Server's
 * session context lives as long as the connection, so each transaction overwrites both keys rather than trusting
 * what a pooled connection carries.
 */
export async function applyTenantSetting(manager: EntityManager, scope: TransactionScope): Promise<void> {
  if (!enforcing.has(manager.connection)) return;
  const tenant = "tenantId" in scope ? (scope.tenantId ?? MSP_OWNER) : "";
  const bypass = "acrossTenants" in scope ? scope.acrossTenants : "";
  if (manager.queryRunner) applied.set(manager.queryRunner, scopeKey(scope));
  if (dialectOf(manager.connection) === "mssql") {
    await manager.query(
      `EXEC sp_set_session_context @key = N'${TENANT_SETTING}', @value = @0; ` +
        `EXEC sp_set_session_context @key = N'${BYPASS_SETTING}', @value = @1;`,
      [tenant, bypass],
    );
    return;
  }
  await manager.query(
    `SELECT set_config('role', '${TENANT_ROLE}', true), set_config('${TENANT_SETTING}', $1, true), ` +
      `set_config('${BYPASS_SETTING}', $2, true)`,
    [tenant, bypass],
  );
}

/**
 * Runs before each statement of a door: inside a transaction that another door opened (an `acrossTenants` move
 * within a caller's transaction, the MSP's own rows read while acting in a tenant), the statement gets its own
 * door's setting, so each door's statements see what that door may see. Outside a transaction nothing is set.
 */
export async function useTenantSetting(manager: EntityManager, scope: TransactionScope): Promise<void> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive || !enforcing.has(manager.connection)) return;
  if (applied.get(runner) !== scopeKey(scope)) await applyTenantSetting(manager, scope);
}
