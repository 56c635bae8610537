export { auditBypasses, type Bypasser } from "./bypass-audit.js";
export { buildClaimFirstFreeSql, claimFirstFree } from "./claims/claim-desktop.sql.js";
export * from "./dialect.js";
export {
  isUuid,
  type Patch,
  type Scope,
  ScopedRepository,
  type TenantOwned,
  type Values,
} from "./scoped-repository.js";
export {
  type AcrossTenantsDb,
  type AnyDb,
  acrossTenants,
  type OneTenantDb,
  type Repositories,
  type TenantDb,
  tenantDb,
} from "./tenant-db.js";
export { TENANT_OWNED, type TenantOwnedName, tenantOwnedClasses } from "./tenant-owned.js";
export {
  applyTenantSetting,
  BYPASS_SETTING,
  enforceTenantSetting,
  TENANT_SETTING,
  type TransactionScope,
  useTenantSetting,
} from "./tenant-setting.js";
export { type RowPatch, rowsPerStatement } from "./values-update.js";
