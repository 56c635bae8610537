import type { EnumValue } from "./enum.js";

/** Roles over the whole installation; bound with a null tenant. */
export const MspRole = Object.freeze({
  MSP_ADMIN: "msp_admin",
  MSP_OPERATOR: "msp_operator",
  MSP_BILLING: "msp_billing",
} as const);
export type MspRole = EnumValue<typeof MspRole>;

/** Roles inside one tenant; the only roles a tenant admin can hand out. */
export const TenantRole = Object.freeze({
  TENANT_ADMIN: "tenant_admin",
  TENANT_HELPDESK: "tenant_helpdesk",
  TENANT_USER: "tenant_user",
} as const);
export type TenantRole = EnumValue<typeof TenantRole>;

/** Every role (ARCHITECTURE §4): MSP roles and tenant roles. */
export const Role = Object.freeze({ ...MspRole, ...TenantRole } as const);
export type Role = EnumValue<typeof Role>;

export const MSP_ROLES = Object.freeze(Object.values(MspRole));
export const TENANT_ROLES = Object.freeze(Object.values(TenantRole));

/** Who performed an audited action. */
export const ActorType = Object.freeze({
  USER: "user",
  API_KEY: "api_key",
  /** MSP staff acting inside a tenant they entered. */
  MSP_STAFF: "msp_staff",
  SYSTEM: "system",
  AGENT: "agent",
} as const);
export type ActorType = EnumValue<typeof ActorType>;

/** Where a user or group comes from: created in Atrium, or provisioned from a directory or IdP. */
export const UserSource = Object.freeze({
  LOCAL: "local",
  LDAP: "ldap",
  SAML: "saml",
  OIDC: "oidc",
} as const);
export type UserSource = EnumValue<typeof UserSource>;

/** What an API key may be allowed to do (a subset of the permissions, read-only by design). */
export const ApiKeyScope = Object.freeze({
  BILLING_READ: "billing:read",
  TENANTS_READ: "tenants:read",
  POOLS_READ: "pools:read",
  DESKTOPS_READ: "desktops:read",
  AUDIT_READ: "audit:read",
} as const);
export type ApiKeyScope = EnumValue<typeof ApiKeyScope>;
