import type { MspRole, Role, TenantRole } from "@atrium/schema";

/**
 * Every GraphQL operation declares exactly one of these. `msp` permissions act across the installation;
 * `tenant` permissions act inside the caller's effective tenant and are refused without one.
 */
export const PERMISSIONS = {
  public: { scope: "any" },
  self: { scope: "any" },
  "tenants:read": { scope: "msp" },
  "tenants:write": { scope: "msp" },
  "tenants:enter": { scope: "msp" },
  "clouds:read": { scope: "msp" },
  "clouds:write": { scope: "msp" },
  "mspApiKeys:write": { scope: "msp" },
  "mspAudit:read": { scope: "msp" },
  // The MSP's own staff accounts: who may reach every tenant is the MSP administrators' decision alone.
  "mspStaff:read": { scope: "msp" },
  "mspStaff:write": { scope: "msp" },
  "billing:read": { scope: "any" },
  // Re-meter usage on demand: it rewrites every tenant's billed hours, so it stays with MSP staff.
  "billing:meter": { scope: "msp" },
  // Set what each tenant is charged per unit of usage (price lists).
  "billing:write": { scope: "msp" },
  "tenant:read": { scope: "tenant" },
  "users:read": { scope: "tenant" },
  "users:write": { scope: "tenant" },
  // Help a user back in: unlock a sign-in lockout, reset their second factor (admins and helpdesk).
  "users:support": { scope: "tenant" },
  "groups:read": { scope: "tenant" },
  "groups:write": { scope: "tenant" },
  "pools:read": { scope: "tenant" },
  "pools:write": { scope: "tenant" },
  "desktops:read": { scope: "tenant" },
  // Power actions and out-of-service on the tenant's desktops (admins and helpdesk); rebuild and terminate also need
  // pools:write, so the helpdesk cannot destroy a desktop.
  "desktops:operate": { scope: "tenant" },
  "apiKeys:read": { scope: "tenant" },
  "apiKeys:write": { scope: "tenant" },
  "audit:read": { scope: "tenant" },
  // Identity providers and sign-in policy of the effective tenant, or of the MSP staff outside any tenant.
  "identity:read": { scope: "any" },
  "identity:write": { scope: "any" },
  "broker:read": { scope: "tenant" },
  "broker:write": { scope: "tenant" },
  "access:explain": { scope: "tenant" },
  "desktops:use": { scope: "tenant" },
  "sessions:read": { scope: "tenant" },
  "mspLocations:read": { scope: "msp" },
  "mspLocations:write": { scope: "msp" },
  // Report data, schedules, delivery logs and alerts of the effective tenant, or every tenant for MSP staff outside one.
  "reports:read": { scope: "any" },
  // SMTP settings, report schedules and alert rules of the effective tenant, or the MSP-wide ones.
  "notifications:write": { scope: "any" },
} as const satisfies Record<string, { scope: "any" | "msp" | "tenant" }>;

export type Permission = keyof typeof PERMISSIONS;

const TENANT_READ: Permission[] = [
  "tenant:read",
  "users:read",
  "groups:read",
  "pools:read",
  "desktops:read",
  "broker:read",
  "access:explain",
  "sessions:read",
];
const TENANT_ADMIN: Permission[] = [
  ...TENANT_READ,
  "users:write",
  "users:support",
  "groups:write",
  "apiKeys:read",
  "apiKeys:write",
  "audit:read",
  "billing:read",
  "identity:read",
  "identity:write",
  "broker:write",
  "pools:write",
  "desktops:operate",
  "reports:read",
  "notifications:write",
];

/**
 * The MSP operator runs a tenant's fleet (pools, desktops, sessions, diagnostics) and reads the rest; who may sign in,
 * API keys, identity providers, access rules and mail stay with the tenant's and the MSP's administrators.
 */
const TENANT_OPERATOR: Permission[] = [...TENANT_READ, "pools:write", "desktops:operate", "audit:read", "reports:read"];

export const TENANT_ROLE_PERMISSIONS: Record<TenantRole, Permission[]> = {
  tenant_admin: [...TENANT_ADMIN, "desktops:use"],
  tenant_helpdesk: [...TENANT_READ, "desktops:use", "desktops:operate", "users:support"],
  tenant_user: ["desktops:use"],
};

export const MSP_ROLE_PERMISSIONS: Record<MspRole, Permission[]> = {
  msp_admin: [
    "tenants:read",
    "tenants:write",
    "tenants:enter",
    "clouds:read",
    "clouds:write",
    "mspApiKeys:write",
    "mspAudit:read",
    "mspStaff:read",
    "mspStaff:write",
    "billing:read",
    "billing:meter",
    "billing:write",
    "identity:read",
    "identity:write",
    "mspLocations:read",
    "mspLocations:write",
    "reports:read",
    "notifications:write",
  ],
  msp_operator: ["tenants:read", "tenants:enter", "clouds:read", "mspAudit:read", "mspLocations:read", "reports:read"],
  msp_billing: ["tenants:read", "tenants:enter", "billing:read", "billing:meter", "billing:write", "reports:read"],
};

/** What an MSP role may do once it has entered a tenant's context (explicitly, and audited). */
export const MSP_ROLE_IN_TENANT: Record<MspRole, Permission[]> = {
  msp_admin: TENANT_ADMIN,
  msp_operator: TENANT_OPERATOR,
  msp_billing: [...TENANT_READ, "audit:read", "billing:read", "reports:read"],
};

export function isMspRole(role: Role): role is MspRole {
  return role.startsWith("msp_");
}

export function permissionsForRoles(roles: Role[], actingInTenant: boolean): Set<Permission> {
  const granted = new Set<Permission>(["public", "self"]);
  for (const role of roles) {
    if (isMspRole(role)) {
      for (const permission of MSP_ROLE_PERMISSIONS[role]) granted.add(permission);
      if (actingInTenant) for (const permission of MSP_ROLE_IN_TENANT[role]) granted.add(permission);
    } else {
      for (const permission of TENANT_ROLE_PERMISSIONS[role]) granted.add(permission);
    }
  }
  return granted;
}
