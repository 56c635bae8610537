/**
 * The names row-level security is built from, shared by the migrations that install the policies and the API's
 * data door that sets them per transaction, so the two cannot drift apart.
 */

/** The role every data-door transaction switches to: no superuser, no owner, no BYPASSRLS, so the policies hold. */
export const TENANT_ROLE = "atrium_tenant";
/** The setting the policies read: the tenant a transaction acts for (`msp` for the MSP's own rows). */
export const TENANT_SETTING = "atrium.tenant_id";
/** The tenant setting's value for a transaction that acts for the MSP's own rows (tenant_id IS NULL). */
export const MSP_OWNER = "msp";
/** Set (to the door's reason) only by the `acrossTenants` door: the explicit, audited way past tenant policies. */
export const BYPASS_SETTING = "atrium.across_tenants";

/**
 * The tenant-owned tables as of migration 0012. Frozen here (a migration never changes once shipped); a test holds
 * the policies the database ends up with against every entity that has a `tenant_id`, so a later table that
 * forgets its policy fails there.
 */
export const TENANT_TABLES_0012 = [
  "access_profile",
  "alert_rule",
  "alert_state",
  "api_key",
  "app_group",
  "app_user",
  "assignment",
  "assignment_rule",
  "audit_event",
  "auth_flow_state",
  "auth_session",
  "connection_ticket",
  "desktop",
  "desktop_agent_token",
  "desktop_power_interval",
  "desktop_session",
  "desktop_timer",
  "external_identity",
  "gateway_tunnel",
  "group_membership",
  "identity_provider",
  "identity_settings",
  "job",
  "location",
  "login_event",
  "login_throttle",
  "policy",
  "pool",
  "pool_entitlement",
  "power_plan",
  "protocol_plan",
  "provisioning_event",
  "release_plan",
  "report_delivery",
  "report_schedule",
  "role_binding",
  "smtp_settings",
  "usage_record",
  "user_mfa",
] as const;

/** Tenant-owned tables added after 0012, each with the migration that installs its policy. */
export const TENANT_TABLES_0014 = ["price_list"] as const;

const setting = (name: string) => `coalesce(current_setting('${name}', true), '')`;

/**
 * PostgreSQL's policy expression: what a transaction may see of a tenant-owned table (its own tenant's rows, the
 * MSP's own rows when it acts for the MSP, every row when the `acrossTenants` door set its reason). A statement that
 * set nothing sees nothing and can write nothing.
 */
export const POSTGRES_OWNED_ROWS =
  `(${setting(BYPASS_SETTING)} <> '' ` +
  `OR "tenant_id"::text = ${setting(TENANT_SETTING)} ` +
  `OR ("tenant_id" IS NULL AND ${setting(TENANT_SETTING)} = '${MSP_OWNER}'))`;
